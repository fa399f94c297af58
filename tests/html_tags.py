"""A parser that collects an HTML page's tags with their attributes and its text, for tests
that check what markup a page holds."""

from __future__ import annotations

from html.parser import HTMLParser


class TagCollector(HTMLParser):
    """``tags``: (tag, attributes) in page order; ``text``: the text pieces between tags."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)
