"""cProfile builds: the hooks' share of a build, and where the time goes (packages, phases, functions)."""

from __future__ import annotations

import os
import pstats
import shutil
from collections import defaultdict
from pathlib import Path

from tools.bench.builds import run_build
from tools.bench.common import Context, log, read_config

_PACKAGES = {
    "mkdocs": "MkDocs",
    "markdown": "Python-Markdown",
    "pymdownx": "pymdown-extensions",
    "mkdocs_static_i18n": "mkdocs-static-i18n",
    "jinja2": "Jinja2",
    "markupsafe": "Jinja2",
    "yaml": "PyYAML",
    "jsonschema": "jsonschema",
    "referencing": "jsonschema",
    "rpds": "jsonschema",
    "jsonschema_specifications": "jsonschema",
}

# Parts of a build, by the function that does them (cumulative time; they overlap).
PHASES = [
    ("Markdown to HTML (Python-Markdown `convert`)", "markdown/core.py", "convert"),
    ("... tree processors (inline patterns and others)", "markdown/treeprocessors.py", "run"),
    ("... block parser", "markdown/blockparser.py", "parseDocument"),
    ("... md_in_html", "markdown/extensions/md_in_html.py", "run"),
    ("... abbr", "markdown/extensions/abbr.py", "run"),
    ("... toc", "markdown/extensions/toc.py", "run"),
    ("... MkDocs link and anchor processing", "mkdocs/structure/pages.py", "run"),
    ("Theme page rendering (MkDocs `_build_page`)", "mkdocs/commands/build.py", "_build_page"),
    ("... Material search indexing (`on_page_context`)", "material/plugins/search/plugin.py", "on_page_context"),
    ("Jinja2 template compilation (theme and hooks)", "jinja2/environment.py", "compile"),
    ("Theme file discovery (`add_files_from_theme`)", "mkdocs/structure/files.py", "add_files_from_theme"),
    ("i18n file lookups (`get_file_from_path`)", "mkdocs_static_i18n/suffix.py", "get_file_from_path"),
    ("Writing the search index (`on_post_build`)", "material/plugins/search/plugin.py", "on_post_build"),
    ("Writing files (`write_file`)", "mkdocs/utils/__init__.py", "write_file"),
    ("Hooks: load and validate the data (`session_for`)", "hooks/plansite/session.py", "session_for"),
    ("Hooks: render pages' Markdown (`Session.markdown`)", "hooks/plansite/session.py", "markdown"),
    ("Hooks: `on_page_markdown`", "hooks/site.py", "on_page_markdown"),
]


# The package (or project folder) a profiled function belongs to.
def _group(filename: str, project: Path) -> str:
    if filename == "~":
        return "built-ins (C)"
    if filename.startswith("<"):
        return "Python (generated code, imports)"
    path = os.path.abspath(filename)
    for folder, name in (("hooks", "hooks (project)"), ("overrides", "overrides (project templates)")):
        if path.startswith(str(project / folder) + os.sep):
            return name
    if "site-packages" + os.sep in path:
        package = path.split("site-packages" + os.sep, 1)[1].split(os.sep, 1)[0]
        if package == "material":
            return "Material (theme templates)" if f"{os.sep}templates{os.sep}" in path else "Material (plugins)"
        return _PACKAGES.get(package, package)
    module = Path(path).stem
    parent = Path(path).parent.name
    return f"stdlib ({parent}.{module})" if parent in ("html", "xml", "json", "email", "importlib") else f"stdlib ({module})"


# A profiled function as `path:line(name)`, relative to the project or site-packages.
def _label(func: tuple, project: Path) -> str:
    filename, line, name = func
    if filename == "~":
        return name
    path = os.path.abspath(filename)
    for base in (str(project) + os.sep, "site-packages" + os.sep):
        if base in path:
            path = path.split(base, 1)[1]
            break
    else:
        path = Path(path).name
    return f"{path}:{line}({name})"


# Everything hooks code calls, directly or not: a call into hooks code from there may be
# nested in hooks code (templates called back by Jinja, modules imported by the hooks).
def _reachable(raw: dict, start: set) -> set:
    callees: dict[tuple, set] = defaultdict(set)
    for func, value in raw.items():
        for caller in value[4]:
            callees[caller].add(func)
    reachable, stack = set(start), list(start)
    while stack:
        for func in callees[stack.pop()]:
            if func not in reachable:
                reachable.add(func)
                stack.append(func)
    return reachable


# Top-level entries into hooks code (and their cumulative time), and the nested time not counted.
def _hook_entries(raw: dict, in_hooks: set, scripts: set) -> tuple[dict, float]:
    reachable = _reachable(raw, in_hooks)
    entries: dict[tuple, float] = defaultdict(float)
    nested = 0.0
    for func in in_hooks:
        for caller, edge in raw[func][4].items():
            if caller in in_hooks:
                continue
            # Top level: called from code no hooks code ever reaches (MkDocs' event loop),
            # or the import of a hook script itself (MkDocs imports it).
            if caller not in reachable or (func[2] == "<module>" and os.path.abspath(func[0]) in scripts):
                entries[func] += edge[3]
            else:
                nested += edge[3]
    return entries, nested


# The hooks' share of a profiled build, and where the time goes.
def analyse_profile(profile: Path, project: Path, hook_scripts: list[str]) -> dict:
    """Read a cProfile file of a build: hooks' share, self time per package, phases, top functions."""
    stats = pstats.Stats(str(profile))
    raw = stats.stats  # {func: (cc, nc, tt, ct, callers{func: (cc, nc, tt, ct)})}
    total = stats.total_tt
    hooks_prefix = str((project / "hooks").resolve()) + os.sep
    scripts = {str((project / script).resolve()) for script in hook_scripts}
    in_hooks = {f for f in raw if f[0] != "~" and os.path.abspath(f[0]).startswith(hooks_prefix)}
    entries, nested = _hook_entries(raw, in_hooks, scripts)
    hooks_s = sum(entries.values())
    share = (lambda seconds: round(seconds / total, 4) if total else None)
    by_group: dict[str, float] = defaultdict(float)
    for func, value in raw.items():
        by_group[_group(func[0], project)] += value[2]

    # A function's row in the report's tables.
    def row(func: tuple) -> dict:
        _, nc, tt, ct, _ = raw[func]
        return {"function": _label(func, project), "group": _group(func[0], project), "calls": nc,
                "self_s": round(tt, 4), "cumulative_s": round(ct, 4), "cumulative_share": share(ct)}

    by_cumulative = sorted(raw, key=lambda f: raw[f][3], reverse=True)
    return {
        "profiled_total_s": round(total, 4),
        "hooks_s": round(hooks_s, 4),
        "hooks_share": share(hooks_s),
        "hooks_nested_calls_not_counted_s": round(nested, 4),
        "hooks_entries": [{"function": _label(f, project), "cumulative_s": round(s, 4)} for f, s in sorted(entries.items(), key=lambda item: -item[1])],
        "self_time_by_group": [{"group": g, "self_s": round(s, 4), "share": share(s)} for g, s in sorted(by_group.items(), key=lambda item: -item[1])],
        "top_cumulative": [row(f) for f in by_cumulative[:10]],
        "top_cumulative_not_hooks": [row(f) for f in by_cumulative if f not in in_hooks][:10],
        "top_cumulative_hooks": [row(f) for f in by_cumulative if f in in_hooks][:10],
        "top_self": [row(f) for f in sorted(raw, key=lambda f: raw[f][2], reverse=True)[:15]],
        "phases": _phases(raw, total),
    }


# The cumulative time of each part of a build (PHASES).
def _phases(raw: dict, total: float) -> list[dict]:
    phases = []
    for label, suffix, name in PHASES:
        matched = [f for f in raw if f[2] == name and f[0].replace(os.sep, "/").endswith(suffix)]
        seconds = sum(raw[f][3] for f in matched)
        phases.append({"phase": label, "cumulative_s": round(seconds, 4), "share": round(seconds / total, 4) if total else None, "found": bool(matched)})
    return phases


# The hook scripts mkdocs.yml lists.
def hook_scripts_of(project: Path) -> list[str]:
    """The paths under `hooks:` in the project's mkdocs.yml."""
    return list(read_config(project).get("hooks") or [])


# One build under cProfile, analysed into build["profile"]; the real data's profile is kept.
def profile_build(ctx: Context, build: dict) -> None:
    """Profile one strict build of a size and store the analysis in build["profile"]."""
    project = Path(build["project"])
    label = f"profile-{build['size']}"
    prof = ctx.work / f"{label}.prof"
    log(f"{build['size']}: cProfile build")
    run = run_build(project, ctx.work / f"site-{label}", ctx.work, label, dict(ctx.env, **build["env"]), profile=prof)
    shutil.rmtree(ctx.work / f"site-{label}", ignore_errors=True)
    if not run["ok"] or not prof.exists():
        build["profile"] = {"error": run.get("error")}
        return
    analysis = analyse_profile(prof, project, hook_scripts_of(project))
    analysis["wall_s"] = round(run["wall_s"], 2)
    build["profile"] = analysis
    if build["size"] == "real":
        kept = ctx.out / "real-data.prof"
        shutil.copy2(prof, kept)
        analysis["file"] = str(kept)
    log(f"{build['size']}: hooks {analysis['hooks_share']:.1%} of {analysis['profiled_total_s']:.1f} s profiled")
