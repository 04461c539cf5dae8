"""Every upstream file the site relies on is as it was when the reliance was written.

hooks/upstream.py records, for each file of MkDocs, Material, mkdocs-static-i18n and
Pagefind that the site copies, replaces or depends on by shape, its SHA-256 and why.
A Dependabot bump that changes one of them fails here, naming the file and what to
re-check, so that an upgrade is looked at instead of discovered on the site.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
from pathlib import Path

import pytest

import upstream

OVERRIDES = Path(__file__).resolve().parents[1] / "overrides"


@pytest.mark.parametrize("entry", upstream.UPSTREAM_FILES, ids=lambda entry: f"{entry.package}:{entry.path}")
def test_upstream_file_is_the_one_the_site_was_written_against(entry: upstream.UpstreamFile) -> None:
    path = upstream.installed_path(entry)
    installed = upstream.installed_version(entry)
    where = f"{entry.package} {installed} (recorded from {entry.version}): {entry.path}"
    assert path.is_file(), f"{where} is gone. The site relies on it: {entry.why} Re-check that, then update hooks/upstream.py."
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest == entry.sha256, (
        f"{where} has changed (sha256 {digest}, recorded {entry.sha256}). "
        f"Re-check what the site takes from it: {entry.why} "
        "Then record the new hash and version in hooks/upstream.py."
    )


# A new file in overrides/ may replace or extend a theme file: it must say which (or that it
# is the site's own) in OVERRIDES, and a replaced file must be guarded by its hash.
def test_every_override_names_the_upstream_file_it_replaces() -> None:
    found = {path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*") if path.is_file()}
    unnamed = found - set(upstream.OVERRIDES)
    assert not unnamed, f"overrides/ has files hooks/upstream.py's OVERRIDES does not name: {sorted(unnamed)}"
    stale = set(upstream.OVERRIDES) - found
    assert not stale, f"hooks/upstream.py's OVERRIDES names files overrides/ no longer has: {sorted(stale)}"
    guarded = {entry.path for entry in upstream.UPSTREAM_FILES if entry.package == "mkdocs-material"}
    for override, (original, _why) in upstream.OVERRIDES.items():
        if original is None:
            # The site's own partial: it must not shadow a file a newer Material has added.
            theme = Path(importlib.metadata.distribution("mkdocs-material").locate_file("material/templates"))
            assert not (theme / override).exists(), f"overrides/{override} now replaces Material's templates/{override}"
            continue
        assert original in guarded, f"overrides/{override} replaces {original}, which UPSTREAM_FILES does not guard by its hash"
        assert Path(original).name == Path(override).name, f"overrides/{override} is recorded as replacing {original}"


# The string replacements in Material's output match what Material writes: a replacement
# that no longer matches would do nothing, silently.
@pytest.mark.parametrize(
    ("constant", "template"),
    [("SEARCH_TOGGLE", "material/templates/base.html"), ("TOC_TOGGLE", "material/templates/partials/nav-item.html")],
)
def test_replaced_markup_is_what_material_writes(constant: str, template: str) -> None:
    entry = next(entry for entry in upstream.UPSTREAM_FILES if entry.path == template)
    assert getattr(upstream, constant) in upstream.installed_path(entry).read_text(encoding="utf-8")


# And in the built site: no page loads Material's bundle, and so none carries the search
# toggle that only the bundle looked up.
def test_built_pages_load_no_material_script_and_carry_no_search_toggle(site: Path) -> None:
    for page in (site / "index.html", site / "ja" / "index.html", site / "404.html", site / "ja" / "404.html"):
        html = page.read_text(encoding="utf-8")
        assert 'data-md-toggle="search"' not in html, page
        assert "assets/javascripts/" not in html, page
        assert '<html lang="' in html and 'class="no-js"' in html, page


# The generator tag that overrides/main.html copies from base.html names the installed
# Material, not a literal.
def test_generator_names_the_installed_material(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    material = next(entry for entry in upstream.UPSTREAM_FILES if entry.package == "mkdocs-material")
    installed = upstream.installed_version(material)
    assert re.search(rf'<meta name="generator" content="mkdocs-[\d.]+, mkdocs-material-{re.escape(installed)}">', html)
    assert "mkdocs-material-9" not in (OVERRIDES / "main.html").read_text(encoding="utf-8")


# `make serve` notices a save as plansite.incremental says: MkDocs' own server, its
# observer polling every POLL_S and its rebuild waiting SETTLE_S, every watch kept.
def test_make_serve_notices_a_save_as_the_site_says(tmp_path: Path):
    from mkdocs.livereload import LiveReloadServer
    from plansite.incremental import POLL_S, SETTLE_S

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        for name in ("data", "docs"):
            (tmp_path / name).mkdir()
            server.watch(str(tmp_path / name))
        assert (server.observer.timeout, server.build_delay) == (0.5, 0.1)  # MkDocs' own, as upstream.py says
        assert upstream.poll_every(server, POLL_S, SETTLE_S) is server
        assert (server.observer.timeout, server.build_delay) == (POLL_S, SETTLE_S)
        assert sorted(Path(path).name for path in server._watched_paths) == ["data", "docs"]
    finally:
        server.server_close()
