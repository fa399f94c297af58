"""MT systems x corpus metrics with sacrebleu's paired significance tests, and the paired
segments (aligned beads) they are scored on. Pure functions of plain pandas data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Literal, Protocol

import numpy as np
import pandas as pd

from translate_eval.errors import InputError
from translate_eval.links import cell_text, parse_ids

TestType = Literal["bs", "ar"]
#: Paired tests of sacrebleu: ``bs`` paired bootstrap resampling, ``ar`` approximate randomisation.
TEST_TYPES: dict[str, str] = {
    "bs": "paired bootstrap resampling",
    "ar": "paired approximate randomisation",
}
#: Corpus metrics, by the name used here, in table order.
METRICS: tuple[str, ...] = ("chrf", "bleu", "ter")
#: Columns of :func:`system_scores`, in order.
SCORE_COLUMNS: tuple[str, ...] = (
    "system",
    "metric",
    "score",
    "mean",
    "ci_low",
    "ci_high",
    "p_value",
    "baseline",
    "segments",
)


class HasTranslations(Protocol):
    """What :func:`comparisons_segments` needs of a pipeline ``Comparison``."""

    links: pd.DataFrame
    translations: list[str]
    signature: dict[str, str]


def _metric_objects(names: Sequence[str]) -> dict[str, Any]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    factories = {"chrf": CHRF, "bleu": BLEU, "ter": TER}
    unknown = [name for name in names if name not in factories]
    if unknown:
        raise InputError(
            f"unknown metric(s) {', '.join(unknown)}; choose from {', '.join(METRICS)}"
        )
    if not names:
        raise InputError(f"give at least one metric ({', '.join(METRICS)})")
    return {name: factories[name]() for name in names}


# ----------------------------------------------------------------------------- systems x metrics


def system_scores(
    references: Sequence[str],
    systems: Mapping[str, Sequence[str]],
    *,
    test: TestType = "bs",
    n_samples: int = 0,
    metrics: Sequence[str] = METRICS,
) -> pd.DataFrame:
    """Corpus chrF / BLEU / TER of each system against one reference, with sacrebleu's paired test.

    ``references``: the published English, one string per segment. ``systems``: name ->
    hypotheses, one per segment, in the same order; the first system is the baseline that
    every other one is tested against. ``test``: ``bs`` (paired bootstrap resampling, as
    Koehn 2004 / Moses) or ``ar`` (paired approximate randomisation, as Riezler and Maxwell
    2005 / MultEval). ``n_samples``: resamples (``bs``) or trials (``ar``); 0 takes
    sacrebleu's defaults (1000 and 10000). Runs ``sacrebleu.significance.PairedTest``.

    Returns one row per (system, metric) with columns :data:`SCORE_COLUMNS`: ``score`` the
    corpus score; ``mean`` and the 95% interval ``ci_low``..``ci_high`` (``mean`` +/- the
    half-width sacrebleu reports) from bootstrap resamples (1000 for ``ar``); ``p_value``
    against the baseline (NaN for the baseline itself); ``segments`` the number of segments.
    Higher is better for chrF and BLEU, lower for TER. ``attrs["signatures"]`` holds the
    sacrebleu signature of each metric (with the test, its sample count and the seed, which
    sacrebleu takes from ``$SACREBLEU_SEED``, default 12345) and ``attrs["test"]`` the test.

    Time O(systems x metrics x (segment statistics + samples x segments)).
    Raises :class:`InputError` for no systems, no segments, or a length mismatch.
    """
    from sacrebleu.significance import PairedTest

    if test not in TEST_TYPES:
        raise InputError(f"unknown paired test {test!r}; choose bs or ar")
    if not systems:
        raise InputError("no MT system to score: give at least one system's translations")
    if len(references) == 0:
        raise InputError("no segments to score: no bead has both Arabic and English")
    if n_samples < 0:
        raise InputError("the number of resamples must be 0 (default) or more")
    named = [(str(name), [cell_text(h) for h in hyps]) for name, hyps in systems.items()]
    for name, hypotheses in named:
        if len(hypotheses) != len(references):
            raise InputError(
                f"system {name!r} has {len(hypotheses)} segments but there are "
                f"{len(references)} references"
            )
    refs = [[cell_text(r) for r in references]]
    metric_objects = _metric_objects(list(metrics))
    paired = PairedTest(
        named,
        metric_objects,
        references=refs,
        test_type=test,
        n_samples=n_samples,
        n_ar_confidence=0,  # 0: sacrebleu's default of 1000 bootstrap resamples for the CI
    )
    signatures, results = paired()
    by_display = dict(zip(paired.metrics, metric_objects, strict=True))
    rows: list[dict[str, Any]] = []
    for display_name, metric_results in results.items():
        if display_name == "System":
            continue
        for position, ((name, _), result) in enumerate(zip(named, metric_results, strict=True)):
            mean = math.nan if result.mean is None else float(result.mean)
            half = math.nan if result.ci is None else float(result.ci)
            rows.append(
                {
                    "system": name,
                    "metric": display_name,
                    "score": float(result.score),
                    "mean": mean,
                    "ci_low": mean - half,
                    "ci_high": mean + half,
                    "p_value": math.nan if result.p_value is None else float(result.p_value),
                    "baseline": position == 0,
                    "segments": len(references),
                }
            )
    frame = pd.DataFrame(rows, columns=list(SCORE_COLUMNS))
    frame.attrs["signatures"] = {
        display: f"{display}|{signature.format()}" for display, signature in signatures.items()
    }
    frame.attrs["metric_keys"] = by_display
    frame.attrs["test"] = test
    frame.attrs["n_samples"] = paired.n_samples
    return frame


def systems_table(scores: pd.DataFrame, *, decimals: int | None = None) -> pd.DataFrame:
    """:func:`system_scores` as a systems x metrics table, one row per system (index
    ``system``, baseline first), per metric the columns ``M``, ``M lo``, ``M hi`` (the 95%
    interval) and ``M p`` (p-value against the baseline), then ``segments``. ``decimals``
    rounds the scores. Time O(rows)."""
    missing = [name for name in SCORE_COLUMNS if name not in scores.columns]
    if missing:
        raise InputError(f"not a system_scores() table: lacks {', '.join(missing)}")
    systems = list(dict.fromkeys(scores["system"]))
    metrics = list(dict.fromkeys(scores["metric"]))
    table = pd.DataFrame(index=pd.Index(systems, name="system"))
    for metric in metrics:
        part = scores[scores["metric"] == metric].set_index("system")
        for column, suffix in (("score", ""), ("ci_low", " lo"), ("ci_high", " hi")):
            values = part[column].reindex(systems).astype(float)
            table[metric + suffix] = values.round(decimals) if decimals is not None else values
        table[f"{metric} p"] = part["p_value"].reindex(systems).astype(float)
    counts = scores.drop_duplicates("system").set_index("system")["segments"]
    table["segments"] = counts.reindex(systems).astype(np.int64)
    table.attrs.update(scores.attrs)
    return table


def describe_test(scores: pd.DataFrame) -> str:
    """One line that says how :func:`system_scores` tested the systems (for table captions)."""
    test = scores.attrs.get("test", "bs")
    samples = scores.attrs.get("n_samples", "")
    unit = "resamples" if test == "bs" else "trials"
    systems = list(dict.fromkeys(scores["system"])) if "system" in scores else []
    baseline = f"; baseline: {systems[0]}" if len(systems) > 1 else ""
    return (
        f"{TEST_TYPES.get(test, test)} ({samples} {unit}), 95% intervals from bootstrap "
        f"resampling{baseline}; chrF and BLEU higher is better, TER lower is better"
    )


# ----------------------------------------------------------------------------- segments


def aligned_bead_mask(links: pd.DataFrame) -> np.ndarray:
    """True for beads with sentences on both sides (the beads a metric can score). O(beads)."""
    return np.array(
        [
            bool(parse_ids(s)) and bool(parse_ids(t))
            for s, t in zip(links["src_ids"], links["tgt_ids"], strict=True)
        ],
        dtype=bool,
    )


def bead_segments(
    links: pd.DataFrame, translations: Mapping[str, Sequence[str]]
) -> tuple[list[str], dict[str, list[str]]]:
    """References and per-system hypotheses over the aligned beads of one links table.

    ``translations``: system name -> one translation per Arabic sentence (``Comparison.
    translations``). A bead's hypothesis is its sentences' translations joined by a space, its
    reference the bead's English text, so every system is scored on the same segments.
    Time O(total text). Raises :class:`InputError` when a sentence id has no translation.
    """
    mask = aligned_bead_mask(links)
    rows = links[mask]
    references = [cell_text(text) for text in rows["tgt_text"]]
    src_ids = [parse_ids(value) for value in rows["src_ids"]]
    hypotheses: dict[str, list[str]] = {}
    for name, sentences in translations.items():
        needed = max((max(ids) for ids in src_ids), default=-1) + 1
        if len(sentences) < needed:
            raise InputError(
                f"system {name!r} has {len(sentences)} translations but the beads use "
                f"{needed} Arabic sentences"
            )
        hypotheses[str(name)] = [
            " ".join(cell_text(sentences[i]).strip() for i in ids if cell_text(sentences[i]))
            for ids in src_ids
        ]
    return references, hypotheses


def comparisons_segments(
    comparisons: Mapping[str, HasTranslations], *, reference: str | None = None
) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """Segments for :func:`system_scores` from several ``compare()`` results on one pair.

    The beads of ``comparisons[reference]`` (default: the first) are the segments; each
    comparison contributes its per-sentence translations. Comparisons whose MT produced no
    text (``mt="none"``) are left out. Returns (references, systems, notes), notes saying what
    was left out. Raises :class:`InputError` when the comparisons are of different pairs.
    """
    if not comparisons:
        raise InputError("no comparisons given")
    names = list(comparisons)
    key = reference if reference is not None else names[0]
    if key not in comparisons:
        raise InputError(f"reference {key!r} is not one of the comparisons: {', '.join(names)}")
    base = comparisons[key]
    notes: list[str] = []
    translations: dict[str, Sequence[str]] = {}
    for name in names:
        comparison = comparisons[name]
        if len(comparison.translations) != len(base.translations):
            raise InputError(
                f"comparison {name!r} has {len(comparison.translations)} Arabic sentences, "
                f"{key!r} has {len(base.translations)}: they are not of the same pair"
            )
        if not any(cell_text(t).strip() for t in comparison.translations):
            notes.append(f"{name}: no machine translation (MT {comparison.signature.get('mt')})")
            continue
        translations[name] = comparison.translations
    references, systems = bead_segments(base.links, translations)
    return references, systems, notes
