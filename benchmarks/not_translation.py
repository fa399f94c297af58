"""Not a translation: fit the per-bead model on AlignAR, then judge the real-news pairs.

    python benchmarks/not_translation.py [--fit-only] [--md OUT]

1. Fit (``translate_eval_bench.translation_fit``): margins of AlignAR article-sized windows of
   gold 1-1 beads (translations) against the same Arabic paired one-to-one with a window of
   another document of the same domain (look-alikes); fitted on each domain and on both, checked
   on each: bead model and the share of each window's beads judged translated (the library ships
   the fit on law, ``translate_eval.score.translation.BEAD_MODEL``: see its comment for why).
2. Judge every real-news pair (``benchmarks/realnews.py``'s loader) with ``compare`` on the raw
   texts: the translated share and the judgement; the same-topic non-translations should be
   judged not translations, and no true pair should be.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from translate_eval.embed import CachedEncoder, UsemEncoder
from translate_eval.pipeline import compare
from translate_eval.score.translation import BEAD_MODEL, MIN_TRANSLATED_SHARE
from translate_eval_bench.printing import print_tables
from translate_eval_bench.realnews import load_pairs
from translate_eval_bench.translation_fit import (
    fit_logistic,
    read_alignar,
    window_margins,
)

ROOT = Path(__file__).resolve().parents[1]
ALIGNAR = ROOT.parent / "shared" / "benchmarks" / "alignar"


def fit_table(encoder: CachedEncoder) -> str:
    """The fit on each domain and on both, checked on each, with the pair-level shares."""
    samples = window_margins(read_alignar(ALIGNAR), encoder)
    rows = []
    for train in ("law", "literature", "both"):
        chosen = [s for s in samples if train in ("both", s[0])]
        features = np.vstack([f for _, pos, neg in chosen for f in (pos, neg)])
        labels = np.concatenate(
            [
                np.full(len(f), float(k == 0))
                for _, pos, neg in chosen
                for k, f in enumerate((pos, neg))
            ]
        )
        weights = fit_logistic(features, labels)
        for test in ("law", "literature"):
            tested = [s for s in samples if s[0] == test]
            share = {
                kind: np.array([np.mean(f[k] @ weights[:-1] + weights[-1] > 0) for f in tested])
                for k, kind in enumerate(("translation", "look-alike"), start=1)
            }
            rows.append(
                {
                    "fitted on": train,
                    "checked on": test,
                    "windows": len(tested),
                    "w margin": weights[0],
                    "w similarity": weights[1],
                    "intercept": weights[2],
                    "translation share p5": np.percentile(share["translation"], 5),
                    "look-alike share p95": np.percentile(share["look-alike"], 95),
                    "pairs right": np.mean(
                        np.concatenate(
                            [
                                share["translation"] >= MIN_TRANSLATED_SHARE,
                                share["look-alike"] < MIN_TRANSLATED_SHARE,
                            ]
                        )
                    ),
                }
            )
    return (
        pd.DataFrame(rows).to_markdown(index=False, floatfmt=".3f")
        + f"\n\nshipped: weights {BEAD_MODEL}, pair threshold {MIN_TRANSLATED_SHARE}"
    )


def judge_table(encoder: CachedEncoder) -> str:
    """compare() on each real-news pair's raw texts: the judgement."""
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
        summary = result.summary["share"]
        rows.append(
            {
                "pair": pair.pair_id,
                "split": pair.split,
                "truth": "not a translation" if pair.negative else "translation",
                "translated share": summary.get("translated_beads"),
                "judgement": result.translation.judgement if result.translation else "-",
            }
        )
    return pd.DataFrame(rows).to_markdown(index=False, floatfmt=".2f")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit-only", action="store_true", help="skip the real-news judgements")
    parser.add_argument("--md", help="also write the tables to this Markdown file")
    args = parser.parse_args()
    encoder = CachedEncoder(UsemEncoder())
    parts = [fit_table(encoder)]
    if not args.fit_only:
        parts.append(judge_table(encoder))
    text = "\n\n".join(parts)
    print_tables(text, args.md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
