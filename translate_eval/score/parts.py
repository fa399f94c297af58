"""Position-aware similarity of a bead: how much better one side matches one half of the other
side than the whole of it (the evidence of a clause dropped or added at one end)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from translate_eval.embed.base import Encoder

#: Fewest source words (whitespace-separated) for a bead to be cut in halves for
#: :func:`part_gains` (each half then holds at least two words).
MIN_PART_WORDS = 4


def halves(text: str) -> tuple[str, str] | None:
    """``text`` cut at its middle word (the first half holds the smaller half of an odd
    count), or None when it has fewer than :data:`MIN_PART_WORDS` words. O(len(text))."""
    words = text.split()
    if len(words) < MIN_PART_WORDS:
        return None
    middle = len(words) // 2
    return " ".join(words[:middle]), " ".join(words[middle:])


def _part_comparisons(
    src_text: str, tgt_text: str, mt_text: str, side: str
) -> list[tuple[str, str, str, str]]:
    """(anchor, whole, first half, second half) for each side of one bead that can be cut."""
    pairs = (
        [(tgt_text, src_text), (tgt_text, mt_text)]
        if side == "source"
        else [(src_text, tgt_text), (mt_text, tgt_text)]
    )
    comparisons = []
    for anchor, whole in pairs:
        cut = halves(whole) if anchor and whole else None
        if cut is not None:
            comparisons.append((anchor, whole, *cut))
    return comparisons


def part_gains(
    src_texts: Sequence[str],
    tgt_texts: Sequence[str],
    mt_texts: Sequence[str],
    rows: np.ndarray,
    encoder: Encoder | None,
    side: str = "source",
) -> tuple[np.ndarray, list[str]]:
    """Position-aware similarity: how much better one side of a bead matches one half of the
    other side than the whole of it, and which half.

    ``side="source"``: the source (and, where there is one, the MT) of every bead selected by
    ``rows`` is cut at its middle word (:func:`halves`) and compared with the English:
    ``gain`` = max(cos(English, half)) - cos(English, whole), averaged over the source and
    the MT. An English that renders only one half of its source (a clause or a sentence
    dropped at the start or the end) is closer to that half than to the whole: the gain is
    positive; a full rendering is closer to the whole: the gain is negative.
    ``side="english"``: the English is cut and compared with the source and the MT (an
    English half with no source: an addition). The second value names the half that matches
    (``start`` or ``end``, summed over the comparisons). NaN / "" where not measured (no
    encoder, a side empty, too few words). Time: up to 7 sentence encodings per bead (fewer
    with a caching encoder), O(rows).
    """
    count = len(src_texts)
    gains = np.full(count, np.nan)
    kept = [""] * count
    if encoder is None:
        return gains, kept
    plans: list[tuple[int, list[tuple[str, str, str, str]]]] = []
    texts: dict[str, None] = {}
    for row in range(count):
        if not rows[row] or not src_texts[row] or not tgt_texts[row]:
            continue
        comparisons = _part_comparisons(src_texts[row], tgt_texts[row], mt_texts[row], side)
        if not comparisons:
            continue
        plans.append((row, comparisons))
        for comparison in comparisons:
            texts.update(dict.fromkeys(comparison))
    if not plans:
        return gains, kept
    ordered = list(texts)
    vectors = encoder.encode(ordered)
    index = {text: position for position, text in enumerate(ordered)}
    for row, comparisons in plans:
        row_gains, balance = [], 0.0
        for anchor, whole, first, second in comparisons:
            fixed = vectors[index[anchor]]
            full, start, end = (float(vectors[index[t]] @ fixed) for t in (whole, first, second))
            row_gains.append(max(start, end) - full)
            balance += start - end
        gains[row] = sum(row_gains) / len(row_gains)
        kept[row] = "start" if balance >= 0 else "end"
    return gains, kept
