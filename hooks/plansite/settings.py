"""What plansite needs to know of the site it is part of, passed in by its caller.

The languages and the Markdown extensions are the site generator's settings (mkdocs.yml);
plansite is given them, so that it neither reads nor knows the generator's configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SiteSettings:
    """The site's languages (the default first), its docs/ folder and its Markdown extensions."""

    languages: tuple[str, ...]
    docs_dir: Path
    extensions: tuple = field(default=())

    @property
    def default_language(self) -> str:
        return self.languages[0]

    # Where a language's pages are in the site: the default language at the top, others in a folder.
    def folder(self, lang: str) -> str:
        return "" if lang == self.default_language else f"{lang}/"
