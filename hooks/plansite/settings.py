"""What plansite needs to know of the site it is part of, passed in by its caller.

The languages and the Markdown extensions are the site generator's settings (mkdocs.yml);
plansite is given them, so that it neither reads nor knows the generator's configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class SiteSettings:
    """The site's languages (the default first), its docs/ folder and its Markdown extensions."""

    languages: tuple[str, ...]
    docs_dir: Path
    extensions: tuple = field(default=())
    # The one language built, at the top of the site, when a preview builds only one
    # (`make serve ONLY=ja`); None when every language is built.
    only: str | None = None

    @property
    def default_language(self) -> str:
        """The site's default language: the first of `languages`."""
        return self.languages[0]

    # Where a language's pages are in the site: the default language (or the only one
    # built) at the top, others in a folder.
    def folder(self, lang: str) -> str:
        """Where a language's pages are in the site: the default (or only built) language at the top, others in a folder."""
        return "" if lang in (self.default_language, self.only) else f"{lang}/"

# The languages and Markdown extensions of the site, from mkdocs.yml (its tags read as unset).
def from_config(root: Path) -> SiteSettings:
    """Read what plansite needs of the site's configuration file (for the command line and tools;
    the MkDocs hook builds its SiteSettings from MkDocs' own reading of the file)."""

    class _Loader(yaml.SafeLoader):
        pass

    # !ENV and any other tag (!!python/name: of Markdown extensions) read as unset: none of
    # them names a language, a folder or an extension's name.
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    languages = sorted(i18n["languages"], key=lambda lang: not lang.get("default"))
    extensions = tuple(next(iter(ext)) if isinstance(ext, dict) else ext for ext in config.get("markdown_extensions", []))
    return SiteSettings(tuple(lang["locale"] for lang in languages), root / config.get("docs_dir", "docs"), extensions)
