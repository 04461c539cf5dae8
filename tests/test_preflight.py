"""make preflight: every placeholder that must not go live is listed, and the list empties
(exit 0) only once each is resolved; the glossary copy the site carries stays in step."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers import GLOSSARY, ROOT, needs_shared
from pagetools import LANGS, address, file_of, lang_of, pages, read

from plansite import paths

from tools import preflight


def checks(found) -> set[str]:
    return {finding.check for finding in found}


# Today's data: the licence is set; the owners, the address, the problem-report target,
# unconfirmed names and 「（仮）」 are still to do, and make preflight says so with exit 1.
def test_preflight_lists_todays_placeholders(capsys, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    found = preflight.findings(ROOT, None)
    assert checks(found) == {"codeowners", "site-url", "feedback", "glossary", "provisional"}
    glossary = [f for f in found if f.check == "glossary"]
    unverified = [e for e in yaml.safe_load((ROOT / "data/glossary.yaml").read_text(encoding="utf-8")) if not e["verified"]]
    assert glossary[0].detail.startswith(f"{len(glossary) - 1} unconfirmed glossary names are used, on ")
    assert len(glossary) - 1 <= len(unverified)
    assert any(f.where.startswith("data/meetings/specialist-group-6.yaml:") for f in found if f.check == "provisional")
    assert preflight.main([]) == 1
    out = capsys.readouterr().out
    assert "[codeowners]" in out and ".github/CODEOWNERS:" in out


# A copy with every placeholder resolved passes; each check then fails on its own cause.
def test_preflight_passes_only_when_everything_is_resolved(project, monkeypatch, tmp_path):
    (project / ".github").mkdir()
    (project / ".github/CODEOWNERS").write_text("/data/ @npa-web/web-team\n", encoding="utf-8")
    site_yaml = project / "data/site.yaml"
    settings = site_yaml.read_text(encoding="utf-8")
    site_yaml.write_text(settings.replace('  email: null', '  email: "web@example.go.jp"'), encoding="utf-8")
    glossary = project / "data/glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("verified: false", "verified: true"), encoding="utf-8")
    for path in (project / "data").rglob("*.yaml"):
        if path.name != "glossary.yaml":
            path.write_text(path.read_text(encoding="utf-8").replace("（仮）", ""), encoding="utf-8")
    assert preflight.findings(project, "https://www.npa.go.jp/child-safety/") == []
    monkeypatch.setenv("SITE_URL", "https://www.npa.go.jp/child-safety/")
    assert preflight.main([], root=project) == 0

    assert checks(preflight.findings(project, "http://127.0.0.1:8000/")) == {"site-url"}
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("licence: pdl-1.0", "licence: null"), encoding="utf-8")
    assert checks(preflight.findings(project, "https://www.npa.go.jp/child-safety/")) == {"licence"}
    site_yaml.write_text(settings.replace('  email: null', '  email: "web@example.go.jp"'), encoding="utf-8")
    updates = project / "data/updates.yaml"
    updates.write_text(updates.read_text(encoding="utf-8").replace('date: "2026-11-23"', 'date: "2099-01-01"'), encoding="utf-8")
    found = preflight.findings(project, "https://www.npa.go.jp/child-safety/")
    assert checks(found) == {"dates"} and "2099-01-01" in found[0].detail


# In the deploy workflow: the list goes to the job summary; the step fails only with
# `preflight: block`.
@pytest.mark.parametrize("mode, code", [("warn", 0), ("block", 1)])
def test_preflight_in_the_deployment(project, tmp_path, monkeypatch, mode, code):
    monkeypatch.setenv("SITE_URL", "https://www.npa.go.jp/child-safety/")
    site_yaml = project / "data/site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("preflight: warn", f"preflight: {mode}"), encoding="utf-8")
    summary = tmp_path / "summary.md"
    assert preflight.main(["--deploy", "--summary", str(summary)], root=project) == code
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Preflight") and "### feedback" in text and "### codeowners" in text


# The deploy workflow runs it after the build and writes to the job summary.
def test_deploy_workflow_runs_preflight():
    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    build = next(i for i, run in enumerate(runs) if "make publish" in run)
    check = next(i for i, run in enumerate(runs) if "make preflight" in run)
    assert check > build
    assert '--summary $GITHUB_STEP_SUMMARY' in runs[check] and "--deploy" in runs[check]
    assert "SITE_URL" in runs[check]


# The site's copy of the glossary holds exactly the shared glossary's entries that the
# pages use, as they are there (python -m tools.glossary writes it).
@needs_shared
def test_glossary_copy_matches_the_shared_glossary():
    from tools.glossary import entries_in_use

    assert GLOSSARY.exists()
    ours = yaml.safe_load((ROOT / "data/glossary.yaml").read_text(encoding="utf-8"))
    assert ours == entries_in_use(ROOT, GLOSSARY), "data/glossary.yaml is out of step: run python -m tools.glossary"


# The translation-status page of each language lists every unconfirmed name that the built
# Japanese pages contain, with links to pages that contain it.
@pytest.mark.parametrize("prefix", LANGS.values())
def test_translation_status_lists_unconfirmed_names_in_use(site, prefix):
    unverified = [e for e in yaml.safe_load((ROOT / "data/glossary.yaml").read_text(encoding="utf-8")) if not e["verified"]]
    texts = {}
    for file in pages(site / LANGS["ja"]):
        if "translation-status" not in file.parts:
            texts[file.relative_to(site).as_posix()] = "".join(read(file).article_text)
    in_use = [e for e in unverified if any(any(f.strip() in t for f in e["ja"].split(" / ")) for t in texts.values())]
    assert in_use
    html = file_of(site, address(lang_of(prefix), paths.translation_status())).read_text(encoding="utf-8")
    section = html[html.index('id="unverified-names"'):]
    section = section[: section.index("</ul>")]
    rows = section.split("<li>")[1:]
    assert len(rows) == len(in_use)
    for entry, row in zip(in_use, rows):
        assert f'<span lang="ja">{entry["ja"]}</span>' in row.replace("&#34;", '"').replace("&#39;", "'")
        assert "<a href=" in row
