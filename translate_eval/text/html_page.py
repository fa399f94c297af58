"""Article text from a saved web page: title and paragraphs kept (with trafilatura), page
furniture (navigation, banners, related links, footers, scripts) dropped and accounted for.

Needs the optional ``html`` extra (``pip install -e '.[html]'``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from translate_eval.errors import ModelNotFoundError
from translate_eval.files import read_input_bytes

#: Below this many characters of article text, :func:`extract_article` warns.
MIN_ARTICLE_CHARS = 200
#: Below this share of the page's visible text, :func:`extract_article` warns.
MIN_ARTICLE_SHARE = 0.2
#: Elements whose content a browser does not show as page text.
HIDDEN_ELEMENTS = frozenset({"script", "style", "noscript", "template", "svg", "title"})
#: Elements that start or end a block of visible text.
BLOCK_ELEMENTS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "button", "caption", "dd",
        "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
        "option", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
INSTALL_HINT = "pip install -e '.[html]'"


@dataclass(frozen=True)
class PageText:
    """What :func:`extract_article` kept of a page and a record of what it dropped."""

    #: The title, then one paragraph per line (no trailing newline).
    text: str
    title: str
    paragraphs: tuple[str, ...]
    #: Characters of text a browser would show on the page (whitespace runs count as one).
    visible_chars: int
    #: Characters of ``text`` without its line breaks.
    kept_chars: int
    #: The page's visible text blocks that are not part of ``text``, in page order.
    dropped_blocks: tuple[str, ...]
    #: One-line warnings (little text found); empty when the extraction looks sound.
    warnings: tuple[str, ...]

    @property
    def dropped_chars(self) -> int:
        """Characters of the dropped blocks."""
        return sum(len(block) for block in self.dropped_blocks)


class _VisibleText(HTMLParser):
    """Collects the text blocks a browser would show: hidden elements skipped, a block
    element ends the current block. Iterative, so deep nesting costs no recursion."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._parts: list[str] = []
        self._hidden_depth = 0

    def _flush(self) -> None:
        block = " ".join("".join(self._parts).split())
        if block:
            self.blocks.append(block)
        self._parts = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_ELEMENTS:
            self._hidden_depth += 1
        elif tag in BLOCK_ELEMENTS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_ELEMENTS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_ELEMENTS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in BLOCK_ELEMENTS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def visible_blocks(html: str) -> list[str]:
    """The blocks of text a browser would show on ``html``, whitespace collapsed, in page
    order. Time O(len(html))."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return parser.blocks


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError:
        raise ModelNotFoundError(
            f"reading saved web pages needs the optional html extra: {INSTALL_HINT}"
        ) from None
    return trafilatura


def decode_page(data: bytes) -> str:
    """A saved page's bytes as text, in the encoding its bytes or ``<meta charset>`` say."""
    return str(_trafilatura().utils.decode_file(data))


def _paragraphs(text: str) -> list[str]:
    """Lines of extracted text, whitespace collapsed, empty ones dropped."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _warnings(label: str, kept_chars: int, visible_chars: int, min_chars: int) -> list[str]:
    share = kept_chars / visible_chars if visible_chars else 0.0
    if kept_chars >= min_chars and share >= MIN_ARTICLE_SHARE:
        return []
    if not kept_chars:
        return [f"no article text found in {label}; is it an article page?"]
    return [
        f"little article text found in {label}: {kept_chars} characters, {share:.0%} of the "
        f"{visible_chars} visible; check the page or give its text instead"
    ]


def extract_article(
    html: str | bytes, label: str = "the page", min_chars: int = MIN_ARTICLE_CHARS
) -> PageText:
    """The article of a saved web page: its title first, then one paragraph per line.

    Navigation, banners, related links, footers, comments, scripts and styles are dropped;
    ``dropped_blocks`` lists the visible text left out. A warning (never an error) comes when
    the article has fewer than ``min_chars`` characters or under :data:`MIN_ARTICLE_SHARE` of
    the visible text. ``label`` names the page in warnings. Raises ModelNotFoundError
    without trafilatura. Time O(len(html)) for the parsing, plus O(blocks x text) for the
    record of dropped blocks.
    """
    trafilatura = _trafilatura()
    page = decode_page(html) if isinstance(html, bytes) else html
    document = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
    )
    title = " ".join(str(getattr(document, "title", None) or "").split())
    paragraphs = _paragraphs(str(getattr(document, "text", None) or ""))
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    lines = [title, *paragraphs] if title else paragraphs
    kept = " ".join(lines)
    blocks = visible_blocks(page)
    dropped = tuple(block for block in blocks if block not in kept)
    visible_chars = sum(len(block) for block in blocks)
    kept_chars = sum(len(line) for line in lines)
    return PageText(
        text="\n".join(lines),
        title=title,
        paragraphs=tuple(paragraphs),
        visible_chars=visible_chars,
        kept_chars=kept_chars,
        dropped_blocks=dropped,
        warnings=tuple(_warnings(label, kept_chars, visible_chars, min_chars)),
    )


def read_saved_page(path: str | os.PathLike[str], min_chars: int = MIN_ARTICLE_CHARS) -> PageText:
    """:func:`extract_article` of the page saved at ``path`` (read as any input file:
    :func:`~translate_eval.files.read_input_bytes`). Raises InputError (one line) when the file
    is missing, not a regular file or unreadable, ModelNotFoundError without trafilatura."""
    page_path = Path(path)
    data = read_input_bytes(page_path, what="saved page")
    return extract_article(data, label=page_path.name, min_chars=min_chars)
