"""Word-level differences of two texts (a bead's English and MT) and their highlighted HTML."""

from __future__ import annotations

import difflib
import html
import re
import unicodedata

_WHITESPACE_SPLIT_RE = re.compile(r"(\s+)")


def _word_key(word: str) -> str:
    """A word as compared: case-folded, letters and digits only (punctuation ignored)."""
    return "".join(ch for ch in word.casefold() if unicodedata.category(ch)[0] in "LN")


def diff_words(text: str, other: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Word-level difference of two texts, for highlighting.

    Returns, for each text, its pieces in order (words and the whitespace between them, so that
    joining the pieces gives the text back exactly) with a flag that is True for a word that has
    no counterpart in the other text. Words are compared case-folded with punctuation ignored;
    pieces that are only punctuation or whitespace are never flagged. Uses difflib's
    SequenceMatcher on the word keys (no junk heuristic): time O(n x m) worst case for n and m
    words, near-linear on similar texts.
    """
    pieces = [_WHITESPACE_SPLIT_RE.split(text), _WHITESPACE_SPLIT_RE.split(other)]
    keyed = [[(i, _word_key(p)) for i, p in enumerate(side) if _word_key(p)] for side in pieces]
    matcher = difflib.SequenceMatcher(
        None, [k for _, k in keyed[0]], [k for _, k in keyed[1]], autojunk=False
    )
    flagged: list[set[int]] = [set(), set()]
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        flagged[0].update(keyed[0][k][0] for k in range(a_start, a_end))
        flagged[1].update(keyed[1][k][0] for k in range(b_start, b_end))
    first, second = (
        [(piece, i in flags) for i, piece in enumerate(side) if piece]
        for side, flags in zip(pieces, flagged, strict=True)
    )
    return first, second


def marked_html(pieces: list[tuple[str, bool]]) -> str:
    """Escaped text with runs of flagged words (and the spaces inside a run) in one <mark>."""
    out: list[str] = []
    run: list[str] = []
    pending_space = ""
    for piece, flagged in pieces:
        if flagged:
            if run:
                run.append(pending_space)
            elif pending_space:
                out.append(html.escape(pending_space, quote=True))
            run.append(piece)
            pending_space = ""
        elif not piece.strip():
            pending_space += piece
        else:
            if run:
                out.append('<mark class="wd">' + html.escape("".join(run), quote=True) + "</mark>")
                run = []
            out.append(html.escape(pending_space + piece, quote=True))
            pending_space = ""
    if run:
        out.append('<mark class="wd">' + html.escape("".join(run), quote=True) + "</mark>")
    out.append(html.escape(pending_space, quote=True))
    return "".join(out)
