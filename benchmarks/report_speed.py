"""Time of the report layer on a synthetic links table (default 10,000 beads).

    python benchmarks/report_speed.py [--beads N]

Prints seconds for edit_summary, the four table exports and render_report (with and without
plots; wall and CPU seconds), and the size of the HTML page.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from translate_eval.links import EDIT_LABELS, FLAG_NAMES
from translate_eval.report.formats import export_table
from translate_eval.report.side_by_side import render_report
from translate_eval.report.summary import edit_summary


def synthetic_links(beads: int, seed: int = 0) -> pd.DataFrame:
    """A links table of ``beads`` 1-1 rows with random labels, flags and scores."""
    rng = np.random.default_rng(seed)
    labels = rng.choice(EDIT_LABELS, size=beads)
    flags = [";".join(f for f in FLAG_NAMES if rng.random() < 0.05) for _ in range(beads)]
    return pd.DataFrame(
        {
            "src_ids": [str(i) for i in range(beads)],
            "tgt_ids": [str(i) for i in range(beads)],
            "link": "1-1",
            "src_text": "قالت مصادر المعارضة إن القوات انسحبت من المستشفى الوطني.",
            "tgt_text": "Opposition sources said the forces withdrew from the National Hospital.",
            "mt_text": "said sources of the opposition that the forces withdrew from the hospital.",
            "align_score": rng.random(beads).round(3),
            "chrf": (rng.random(beads) * 100).round(2),
            "bleu": (rng.random(beads) * 100).round(2),
            "similarity": rng.random(beads).round(3),
            "edit": labels,
            "flags": flags,
        }
    )


def timed(function, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beads", type=int, default=10_000)
    args = parser.parse_args()
    links = synthetic_links(args.beads)
    seconds, summary = timed(edit_summary, links)
    print(f"beads={args.beads}")
    print(f"edit_summary_s={seconds:.3f}")
    for fmt in ("csv", "md", "latex", "html"):
        print(f"export_{fmt}_s={timed(export_table, summary, fmt)[0]:.3f}")
    signature = {"translate_eval": "bench"}
    for plots in (False, True):
        cpu = time.process_time()
        seconds, page = timed(render_report, links, signature, {"title": "bench"}, plots=plots)
        cpu = time.process_time() - cpu  # CPU seconds: comparable on a shared machine
        print(
            f"render_report_plots={plots}_s={seconds:.3f} cpu_s={cpu:.3f} "
            f"size_mb={len(page) / 1e6:.1f}"
        )


if __name__ == "__main__":
    main()
