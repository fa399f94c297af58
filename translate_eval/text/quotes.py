"""Quotation spans of a paragraph (« » “ ” and straight double quotes), so that an ellipsis
inside a quoted headline is not read as the end of the sentence around it."""

from __future__ import annotations

_OPENING = {"«": "»", "“": "”"}
_CLOSING = {close: open_ for open_, close in _OPENING.items()}
_STRAIGHT = '"'
_ELLIPSES = ("…", "...")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every closed quotation in ``text``, from the opening mark to just
    after its closing one; outermost quotations only. « » and “ ” pair by kind (nested ones
    count), straight double quotes pair in turn; an unclosed quotation makes no span. O(len)."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for position, char in enumerate(text):
        if char in _OPENING or (char == _STRAIGHT and not _straight_open(stack)):
            stack.append((char, position))
        elif (char in _CLOSING or char == _STRAIGHT) and stack:
            wanted = _CLOSING.get(char, _STRAIGHT)
            depth = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == wanted), -1)
            if depth < 0:
                continue
            start = stack[depth][1]
            del stack[depth:]
            if not stack:
                spans.append((start, position + 1))
    return spans


def _straight_open(stack: list[tuple[str, int]]) -> bool:
    return any(mark == _STRAIGHT for mark, _ in stack)


def inside_quotes(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` lies strictly inside one of ``spans`` (after the opening mark and
    before the closing one). O(len(spans))."""
    return any(start < position < end - 1 for start, end in spans)


def quoted_ellipsis(text: str, cut: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the sentence end candidate ``text[:cut]`` ends with an ellipsis (``…`` or
    ``...``) that stands inside a closed quotation (``spans``, from :func:`quoted_spans`): such
    an ellipsis belongs to a quoted headline and does not end the sentence around it. O(spans)."""
    return text[:cut].endswith(_ELLIPSES) and inside_quotes(spans, cut)
