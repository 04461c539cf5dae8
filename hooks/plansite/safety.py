"""The one safety check for every text the site publishes: data, labels, site texts, docs/.

A text is judged by what it will become, not by how it looks: Markdown is converted and
the resulting HTML parsed, so a link is judged by the address a browser would follow
(`java<newline>script:` is `javascript:` to a browser). Each kind of text allows less
than the next:

| kind     | what it is                         | allowed                                          |
|----------|------------------------------------|--------------------------------------------------|
| `code`   | ids, dates, references, settings   | one line, no markup                              |
| `plain`  | names, titles, labels              | one line, shown as written (no Markdown)         |
| `inline` | a heading or line of a report      | one line of Markdown: emphasis, no links         |
| `prose`  | paragraphs and lists of the data   | Markdown: paragraphs, lists, emphasis, links     |
| `page`   | a page written in docs/            | `prose` plus headings, admonitions, local images |

Every kind refuses: control characters, bidi controls and invisible characters (they
hide or reorder text), raw HTML, HTML character codes, `{...}` attribute lists, and
links other than http(s), mailto and tel (relative links only in `page`). The JSON
Schemas name each string's kind with the keyword `x-text` (schema.py applies it).
"""

from __future__ import annotations

import html.entities
import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown

# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------

KINDS = ("code", "plain", "inline", "prose", "page")

# Characters no text may hold, with the words an editor needs to find them.
_REFUSED_CHARACTERS = [
    (re.compile(r"\t"), "a tab character (use spaces)"),
    (re.compile(r"[\x00-\x08\x0b-\x1f\x7f]"), "an invisible control character"),
    (re.compile(r"[\x80-\x9f]"), "an invisible control character (C1)"),
    (re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"), "a hidden text-direction mark, which can reorder what readers see"),
    (re.compile(r"[\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u180e]"), "an invisible zero-width character"),
    (re.compile(r"[\ufff9-\ufffb\ufffe\uffff\ue000-\uf8ff]"), "a private-use or non-character code point"),
    (re.compile(r"[\uff61-\uff9f]"), "a half-width katakana character (government sites use full-width katakana)"),
]

# Raw HTML: a tag, a comment or a processing instruction (autolinks <https://...> are Markdown).
_TAG = re.compile(r"<(?!(?:https?|mailto):[^\s>]+>)[A-Za-z!/?]")
# An HTML character code, with or without its ';' where browsers accept it without one (&copy).
_ENTITY = re.compile(
    r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|"
    + "|".join(sorted((re.escape(name) for name in html.entities.html5 if not name.endswith(";")), key=len, reverse=True))
    + r")|&[A-Za-z][A-Za-z0-9]*;"
)
# Markdown's attribute lists ({: onclick=...}, {#id .class}), refused in data and docs alike.
_ATTRIBUTE_LIST = re.compile(r"\{\s*:|\{\s*[#.][\w-]|\{[^{}\n]*=[^{}\n]*\}")
# Markdown that makes structure: a heading line, a list, a link or image, an autolink.
_STRUCTURE = re.compile(r"^\s{0,3}(?:#{1,6}(?:\s|$)|[-*+]\s|\d+[.)]\s|>)|!?\[[^\]]*\]\s*[(\[]|<(?:https?|mailto):", re.M)

_SCHEMES = {"http", "https", "mailto", "tel"}

# What Markdown may make of each kind of text: tags, then attributes.
_TAGS = {
    "inline": {"em", "strong", "code", "br"},
    # Sub-headings from level 3: the templates set the page's h1 and its sections' h2.
    "prose": {"p", "em", "strong", "code", "br", "ul", "ol", "li", "a", "blockquote", "abbr", "h3", "h4", "h5", "h6"},
}
_TAGS["page"] = _TAGS["prose"] | {"h1", "h2", "div", "img", "hr", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "pre"}
# Markdown wraps a line in one paragraph; an inline text is that paragraph's content.
_ONE_PARAGRAPH = re.compile(r"<p>((?:(?!<p>|</p>).)*)</p>", re.S)
# What Markdown (without extensions) needs to make anything but paragraphs and line breaks:
# a character that starts inline markup (emphasis, code, a link or image, raw HTML, an
# entity, an escape) or a heading, quote or underline; or a line that starts as a list
# item, or indented (a code block). A text with neither converts to paragraphs only.
_MARKUP_CHARACTER = re.compile(r"[*_`\[\]!<>&\\=|~#+]")
_MARKUP_LINE = re.compile(r"^(?:[ \t]|-|\d+[.)])", re.M)
_ATTRIBUTES = {"href", "src", "alt", "title", "id", "class"}


# -----------------------------------------------------------------------------
# Functions
# -----------------------------------------------------------------------------


# Text as the site keeps it: Unicode NFC (Japanese typed on some systems arrives as NFD:
# か + ゛ instead of が, which searches and compares as a different word).
def normalise(text: str) -> str:
    """Return `text` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


# Every reason a text of a kind may not be published, in an editor's words (empty: safe).
def problems(text: str, kind: str, extensions: list | None = None) -> list[str]:
    """Check one text of a kind (see the module's table); return a message per problem."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of text {kind!r}")
    found = [f"contains {what} at position {match.start() + 1}; delete it (retype the text around it if you cannot see it)." for pattern, what in _REFUSED_CHARACTERS if (match := pattern.search(text))]
    if "\n" in text and kind in ("code", "plain", "inline"):
        found.append("must be one line: remove the line break.")
    if found:
        return found
    if _TAG.search(text):
        return ["contains HTML (a '<' tag). Text is Markdown without HTML: remove the tag."]
    if match := _ENTITY.search(text):
        return [f"contains the HTML character code '{match.group(0)}', which browsers turn into a symbol. Type the character itself (or put a space after '&')."]
    if _ATTRIBUTE_LIST.search(text):
        return ["contains a '{...}' attribute list, which is not allowed in text. Remove the braces."]
    if kind == "code":
        return []
    if kind == "plain":
        if _STRUCTURE.search(text):
            return ["is a name or title, shown exactly as written: it cannot hold a link, a list or a heading. Write the words only."]
        return []
    if not extensions and only_paragraphs(text):
        return []  # paragraphs and line breaks are allowed in every kind that gets here
    converted = _convert(text, extensions)
    if kind == "inline" and (match := _ONE_PARAGRAPH.fullmatch(converted)):
        converted = match.group(1)
    return _judge_html(converted, kind)


# Whether Markdown without extensions makes nothing of a text but paragraphs and line
# breaks: such a text needs no conversion to be judged (four fifths of the data's texts;
# converting them was a thirtieth of a cold build).
def only_paragraphs(text: str) -> bool:
    """Whether `text`, as Markdown without extensions, can only become <p> and <br> elements."""
    return not _MARKUP_CHARACTER.search(text) and not _MARKUP_LINE.search(text)


# Whether a link's address may be published, judged as a browser reads it; None if it may.
def link_problem(address: str, image: bool = False, relative_allowed: bool = False) -> str | None:
    """Judge one href/src: the scheme a browser would see, other hosts for images."""
    seen = _as_browser_reads(address)
    parts = urlsplit(seen)
    scheme = parts.scheme.lower()
    if scheme and scheme not in _SCHEMES:
        return f"links to '{_shown(address)}', which is not allowed: only web pages (https://), e-mail (mailto:) and telephone numbers (tel:) may be linked."
    if not scheme and seen.startswith("//") or seen.startswith("\\"):
        return f"links to '{_shown(address)}', which is not allowed: it leaves out 'https:'. Write the whole address, starting https://."
    if image and (scheme or parts.netloc):
        return f"shows the image '{_shown(address)}' from another site, which is not allowed: it would tell that site about every reader. Put the image in docs/assets/ and show it from there."
    if not scheme and not relative_allowed and not address.startswith("#"):
        return f"links to '{_shown(address)}', a page of this site, which is not allowed in data text: links must be whole addresses (https://, mailto:, tel:), because the same text is shown on pages at different places."
    return None


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


# The address a browser follows: spaces and control characters at its ends removed, and
# tabs and line breaks anywhere in it (the URL standard's "strip" and "remove" steps).
def _as_browser_reads(address: str) -> str:
    address = address.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    return re.sub(r"[\t\n\r]", "", address)


def _shown(address: str) -> str:
    return _as_browser_reads(address)[:60]


# One converter per set of extensions, reused: building one costs more than converting a text.
def _convert(text: str, extensions: list | tuple | None) -> str:
    key = tuple(extensions or ())
    if key not in _converters:
        _converters[key] = markdown.Markdown(extensions=list(key))
    return _converters[key].reset().convert(text)


# Converters by extensions, for the whole process: reset before each text, they keep no
# data between texts, so nothing invalidates them (see plansite/__init__.py, caches).
_converters: dict[tuple, markdown.Markdown] = {}


class _Collector(HTMLParser):
    """The tags, attributes and addresses of converted Markdown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def _judge_html(converted: str, kind: str) -> list[str]:
    collector = _Collector()
    collector.feed(converted)
    collector.close()
    found: list[str] = []
    allowed = _TAGS["page" if kind == "page" else kind]
    for tag, attrs in collector.tags:
        if tag not in allowed:
            found.append(_tag_message(tag, kind))
            continue
        for name, value in attrs.items():
            if name not in _ATTRIBUTES:
                found.append(f"makes the attribute '{name}', which is not allowed. Remove it.")
            elif name in ("href", "src") and value is not None:
                problem = link_problem(value, image=tag == "img", relative_allowed=kind == "page")
                if problem:
                    found.append(problem)
    return list(dict.fromkeys(found))


def _tag_message(tag: str, kind: str) -> str:
    if re.fullmatch(r"h[1-6]", tag):
        return "contains a heading (a line starting with '#' or '##'). The page sets its own title and section headings: remove the '#', or use '###' for a sub-heading in a longer text."
    if tag == "a":
        return "contains a link, which is not allowed here (headings and names cannot hold links). Write the words only."
    if tag == "img":
        return "contains an image, which is not allowed in data text."
    if tag in ("ul", "ol", "li", "p", "blockquote"):
        return "must be one line of text: it cannot hold a list, a quotation or several paragraphs."
    return f"makes HTML '<{tag}>', which is not allowed here."
