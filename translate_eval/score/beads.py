"""The scoring of a bead table: its signals (:mod:`~translate_eval.score.signals`), then its edit
labels (:mod:`~translate_eval.score.labels`) under the thresholds."""

from __future__ import annotations

import pandas as pd

from translate_eval.embed.base import Encoder
from translate_eval.score.labels import label_beads
from translate_eval.score.signals import bead_signals
from translate_eval.score.thresholds import EditThresholds


def score_beads(
    beads: pd.DataFrame,
    thresholds: EditThresholds | None = None,
    encoder: Encoder | None = None,
) -> pd.DataFrame:
    """Score every bead: metrics, coverage, length ratio, edit label and flags.

    ``beads`` needs ``src_ids``, ``tgt_ids`` (tuples of sentence ids, or space-separated
    strings), ``src_text`` (Arabic), ``tgt_text`` (English); it may hold ``mt_text`` (English MT
    of the source side, "" when there is none), ``similarity`` (source-English cosine, NaN when
    unknown), ``moved`` (bool) and ``translation_p`` (the probability that the sides translate
    each other, :mod:`~translate_eval.score.translation`: below 0.5 the facts are not compared,
    and ``notes`` says so). ``encoder``: when given, the MT-English similarity is
    measured too. Returns a copy with added columns:

    - ``link``: ``"1-1"``, ``"2-1"``, ``"1-0"``, ``"0-1"``...
    - ``chrf``, ``bleu``, ``ter``: sentence chrF / BLEU / TER of the MT against the English
      (sacrebleu; TER is edits per English word x 100, lower is closer), NaN when either is
      empty (no MT, or a 0-x / x-0 bead).
    - ``edit_ops``: the word-level edit script MT -> English
      (:func:`~translate_eval.score.metrics.format_edit_ops`: ``=3 ~[took>seized] +[nearly]``).
    - ``mt_similarity`` (only with ``encoder``): cosine of the MT and the English embeddings.
    - ``part_gain``, ``part_kept`` (only with ``encoder``): how much closer the English is to
      one half of its source (and MT) than to the whole, and which half
      (:func:`~translate_eval.score.signals.part_gains`): the position-aware evidence of a
      partial omission.
    - ``src_coverage``, ``tgt_coverage``: share of Arabic (English) content words with a
      counterpart on the other side (:mod:`~translate_eval.score.coverage`; NaN without the
      ``gloss`` lexicon or for 0-x / x-0 beads).
    - ``src_gap``, ``src_gap_at``, ``src_gap_text``: share of the source content words in the
      longest run without counterpart, where it stands (``start``, ``middle``, ``end``,
      ``all``; kept only for partial omissions and runs above the thresholds), and its Arabic
      text. ``tgt_gap``, ``tgt_gap_at``: the same for the English.
    - ``length_ratio``: English characters / MT characters, or / (Arabic characters without
      diacritics * ``expected_length_ratio``) where the row has no MT; NaN for 0-x and x-0
      beads. Labels use it relative to the median of the n-n beads (see
      :func:`~translate_eval.score.labels.relative_lengths`) when
      ``thresholds.relative_length``.
    - ``edit``: :func:`~translate_eval.score.labels.shape_label` for 0-x, x-0 and n-m beads
      with n != m (a merge or a split is an omission or an addition when its ``part_gain`` /
      ``tgt_part_gain`` passes ``merge_omission_gain`` / ``split_addition_gain``), else
      :func:`~translate_eval.score.labels.content_label`; a faithful or paraphrase bead whose
      claim changed status twice (attribution_differs and hedging_differs both) is changed.
    - ``flags``: ";"-joined subset of :data:`~translate_eval.score.signals.FLAG_ORDER` in that
      order ("" when none); the checks run on beads with both sides.
    - ``signals``: which evidence the label used: ``mt+embedding``, ``mt``, ``embedding`` or
      ``length`` (neither MT nor similarity: meaning was not checked), "" for 0-x / x-0.
    - ``notes``: what the checks found when they fired (the numbers, names, negation counts,
      attribution and hedges) and the name spelling variants of the bead.
    - ``name_variants``: spellings of one name that vary across the document and occur in this
      bead ("al-Shughour~al-Shughur"): reported, not flagged as a change.

    ``frame.attrs["signatures"]`` holds the sacrebleu signatures of chrF, BLEU and TER.
    Time: O(total characters) for the metrics and checks, O(n * m) words for the edit ops.
    """
    return label_beads(bead_signals(beads, encoder), thresholds)
