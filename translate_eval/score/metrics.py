"""Sentence-level chrF, BLEU and TER of machine translations against the published English, and
the word-level edit operations that turn one into the other."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sacrebleu.metrics import BLEU, CHRF, TER

from translate_eval.score.ter import ter_edits, ter_score


@dataclass(frozen=True)
class SentenceScores:
    """Per-row scores (0-100, NaN where a side is empty) and the sacrebleu signatures."""

    chrf: np.ndarray
    bleu: np.ndarray
    signatures: dict[str, str]
    ter: np.ndarray | None = None


#: Beads with more words than this on the MT or the English side get no TER (NaN) and no word
#: edit script: both cost O(n^2) in the words, and a 10,000-word "sentence" (a presegmented
#: line) would take many minutes. chrF and BLEU are linear and always computed.
MAX_EDIT_WORDS = 1_000


def make_metrics() -> tuple[CHRF, BLEU]:
    """The two metric objects every score here comes from: chrF (character 6-grams, beta 2,
    no word n-grams) and BLEU with effective order (sentence-level, 13a tokens, exp smoothing).

    Each is primed with one dummy pair: sacrebleu fills in ``nrefs`` on the first score, and
    a signature is wanted even for a run that scores nothing (no MT)."""
    chrf_metric, bleu_metric = CHRF(), BLEU(effective_order=True)
    chrf_metric.sentence_score("a", ["a"])
    bleu_metric.sentence_score("a", ["a"])
    return chrf_metric, bleu_metric


def make_ter() -> TER:
    """sacrebleu's TER with its defaults (tercom tokens, case-insensitive, no shifts cost cap),
    primed like :func:`make_metrics` so that its signature is complete."""
    ter_metric = TER()
    ter_metric.sentence_score("a", ["a"])
    return ter_metric


def signature_of(metric: CHRF | BLEU | TER) -> str:
    """The metric's name and sacrebleu signature on one line, e.g.
    ``chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0``."""
    name = metric.sentence_score("a", ["a"]).name
    return f"{name}|{metric.get_signature()}"


def metric_signatures() -> dict[str, str]:
    """Signatures (:func:`signature_of`) of the two metrics of :func:`make_metrics` (and of
    TER under ``"ter"``)."""
    chrf_metric, bleu_metric = make_metrics()
    return {
        "chrf": signature_of(chrf_metric),
        "bleu": signature_of(bleu_metric),
        "ter": signature_of(make_ter()),
    }


def _pairs(hypotheses: Sequence[str], references: Sequence[str]) -> list[tuple[str, str] | None]:
    """Stripped (hypothesis, reference) per row, None where either is empty or blank."""
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses but {len(references)} references")
    pairs: list[tuple[str, str] | None] = []
    for hypothesis, reference in zip(hypotheses, references, strict=True):
        hypothesis, reference = (hypothesis or "").strip(), (reference or "").strip()
        pairs.append((hypothesis, reference) if hypothesis and reference else None)
    return pairs


def _score_rows(
    metric: CHRF | BLEU | TER, hypotheses: Sequence[str], references: Sequence[str]
) -> np.ndarray:
    """``metric``'s sentence score of each pair; NaN where either side is empty. O(rows)."""
    pairs = _pairs(hypotheses, references)
    scores = np.full(len(pairs), np.nan)
    for row, pair in enumerate(pairs):
        if pair is not None:
            scores[row] = metric.sentence_score(pair[0], [pair[1]]).score
    return scores


def sentence_chrf(
    hypotheses: Sequence[str], references: Sequence[str], metric: CHRF | None = None
) -> np.ndarray:
    """chrF (0-100) of each hypothesis against its one reference; NaN where either is empty.

    Time: O(total characters), one metric object for all rows.
    """
    metric = metric or make_metrics()[0]
    return _score_rows(metric, hypotheses, references)


def sentence_bleu(
    hypotheses: Sequence[str], references: Sequence[str], metric: BLEU | None = None
) -> np.ndarray:
    """BLEU (0-100, effective order) of each hypothesis against its one reference; NaN where
    either is empty. Time: O(total words)."""
    metric = metric or make_metrics()[1]
    return _score_rows(metric, hypotheses, references)


def within_edit_limit(hypothesis: str, reference: str) -> bool:
    """True when both texts have at most :data:`MAX_EDIT_WORDS` words (whitespace-separated),
    so that TER and the word edit script are computed for them. O(n)."""
    return max(len(hypothesis.split()), len(reference.split())) <= MAX_EDIT_WORDS


def sentence_ter(
    hypotheses: Sequence[str], references: Sequence[str], metric: TER | None = None
) -> np.ndarray:
    """TER (0-100+, edits per reference word x 100, shifts included; lower is closer) of each
    hypothesis against its one reference; NaN where either is empty or longer than
    :data:`MAX_EDIT_WORDS` words.

    The score is sacrebleu's: ``metric``'s tokenizer, and its edit count from
    :func:`translate_eval.score.ter.ter_edits` (sacrebleu's shift search and beam edit distance,
    vectorised). Time per sentence: O(n * m) per shift step, at most
    :data:`~translate_eval.score.ter.MAX_SHIFT_CANDIDATES` candidates, hence the limit.
    """
    metric = metric or make_ter()
    scores = np.full(len(hypotheses), np.nan)
    for row, pair in enumerate(_pairs(hypotheses, references)):
        if pair is None or not within_edit_limit(*pair):
            continue
        hyp_words, ref_words = (metric.tokenizer(text.rstrip()).split() for text in pair)
        scores[row] = ter_score(*ter_edits(hyp_words, ref_words))
    return scores


def sentence_scores(hypotheses: Sequence[str], references: Sequence[str]) -> SentenceScores:
    """chrF, BLEU and TER of each hypothesis (MT) against its reference (the published English).

    A row whose hypothesis or reference is empty or blank gets NaN for both: no MT (``none``)
    or no English (a 1-0 bead) means nothing was measured, which is not a score of 0. Two
    non-empty strings with nothing in common score 0. Time: O(total characters).
    """
    chrf_metric, bleu_metric = make_metrics()
    ter_metric = make_ter()
    return SentenceScores(
        chrf=sentence_chrf(hypotheses, references, chrf_metric),
        bleu=sentence_bleu(hypotheses, references, bleu_metric),
        signatures={
            "chrf": signature_of(chrf_metric),
            "bleu": signature_of(bleu_metric),
            "ter": signature_of(ter_metric),
        },
        ter=sentence_ter(hypotheses, references, ter_metric),
    )


# ============================================================================================
# Word-level edit operations (MT -> English)
# ============================================================================================

_TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
#: Operation names, as in difflib: words kept, replaced, deleted from the MT, inserted.
EDIT_OP_NAMES: tuple[str, ...] = ("equal", "replace", "delete", "insert")
_OP_SIGNS = {"equal": "=", "replace": "~", "delete": "-", "insert": "+"}


@dataclass(frozen=True)
class EditOp:
    """One run of word edits turning the MT into the English: ``op`` (``equal``, ``replace``,
    ``delete`` = MT words the English lacks, ``insert`` = English words the MT lacks), the MT
    words and the English words of the run, and their token positions (start, stop)."""

    op: str
    mt_words: tuple[str, ...]
    en_words: tuple[str, ...]
    mt_span: tuple[int, int]
    en_span: tuple[int, int]


def word_tokens(text: str) -> list[str]:
    """Words (letters/digits, with inner apostrophes) and single punctuation marks. O(n)."""
    return _TOKEN_RE.findall(text)


def word_edit_ops(hypothesis: str, reference: str, *, case_sensitive: bool = False) -> list[EditOp]:
    """The word-level edit script from ``hypothesis`` (MT) to ``reference`` (English): a
    Levenshtein alignment of the tokens (:func:`word_tokens`; unit costs for substitution,
    insertion and deletion; no shifts), traced back into runs of one operation each.

    Ties prefer a match, then a substitution, then a deletion. TER adds block shifts on top of
    this; the ops here are the shift-free part, readable as a diff. Time and memory
    O(n * m) for n and m tokens.
    """
    hyp, ref = word_tokens(hypothesis), word_tokens(reference)
    hyp_keys = hyp if case_sensitive else [t.lower() for t in hyp]
    ref_keys = ref if case_sensitive else [t.lower() for t in ref]
    rows, cols = len(hyp) + 1, len(ref) + 1
    cost = np.zeros((rows, cols), dtype=np.int32)
    cost[:, 0] = np.arange(rows)
    cost[0, :] = np.arange(cols)
    ref_array = np.array(ref_keys, dtype=object)
    for i in range(1, rows):
        mismatch = (ref_array != hyp_keys[i - 1]).astype(np.int32) if cols > 1 else ()
        previous, current = cost[i - 1], cost[i]
        diagonal = previous[:-1] + mismatch
        upward = previous[1:] + 1
        best = np.minimum(diagonal, upward)
        # The left neighbour (insertion) depends on the cell just computed: one pass in Python.
        for j in range(1, cols):
            value = best[j - 1]
            left = current[j - 1] + 1
            current[j] = left if left < value else value
    steps: list[tuple[str, int, int]] = []  # (op, hyp index or -1, ref index or -1)
    i, j = len(hyp), len(ref)
    while i > 0 or j > 0:
        if i > 0 and j > 0:
            same = hyp_keys[i - 1] == ref_keys[j - 1]
            if cost[i, j] == cost[i - 1, j - 1] + (0 if same else 1):
                steps.append(("equal" if same else "replace", i - 1, j - 1))
                i, j = i - 1, j - 1
                continue
        if i > 0 and cost[i, j] == cost[i - 1, j] + 1:
            steps.append(("delete", i - 1, -1))
            i -= 1
        else:
            steps.append(("insert", -1, j - 1))
            j -= 1
    steps.reverse()
    ops: list[EditOp] = []
    mt_pos = en_pos = 0
    index = 0
    while index < len(steps):
        op = steps[index][0]
        stop = index
        while stop < len(steps) and steps[stop][0] == op:
            stop += 1
        mt_ids = [h for _, h, _ in steps[index:stop] if h >= 0]
        en_ids = [r for _, _, r in steps[index:stop] if r >= 0]
        ops.append(
            EditOp(
                op,
                tuple(hyp[h] for h in mt_ids),
                tuple(ref[r] for r in en_ids),
                (mt_pos, mt_pos + len(mt_ids)),
                (en_pos, en_pos + len(en_ids)),
            )
        )
        mt_pos += len(mt_ids)
        en_pos += len(en_ids)
        index = stop
    return ops


def format_edit_ops(ops: Sequence[EditOp]) -> str:
    """A compact one-line diff: ``=3`` (three words kept), ``~[took>seized]`` (replaced),
    ``-[heavy]`` (MT words the English drops), ``+[nearly]`` (English words the MT lacks),
    separated by spaces. "" for no ops. O(total words)."""
    parts = []
    for op in ops:
        if op.op == "equal":
            parts.append(f"={len(op.mt_words)}")
        elif op.op == "replace":
            parts.append(f"~[{' '.join(op.mt_words)}>{' '.join(op.en_words)}]")
        elif op.op == "delete":
            parts.append(f"-[{' '.join(op.mt_words)}]")
        else:
            parts.append(f"+[{' '.join(op.en_words)}]")
    return " ".join(parts)


def edit_op_counts(ops: Sequence[EditOp]) -> dict[str, int]:
    """Words per operation: ``equal`` and ``delete`` count MT words, ``insert`` English words,
    ``replace`` the longer side of each run (the substitutions plus the surplus). O(ops)."""
    counts = dict.fromkeys(EDIT_OP_NAMES, 0)
    for op in ops:
        if op.op == "insert":
            counts["insert"] += len(op.en_words)
        elif op.op == "replace":
            counts["replace"] += max(len(op.mt_words), len(op.en_words))
        else:
            counts[op.op] += len(op.mt_words)
    return counts
