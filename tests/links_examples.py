"""A small links table shared by the report tests; its figures are worked out by hand there."""

from __future__ import annotations

import numpy as np
import pandas as pd


def small_links() -> pd.DataFrame:
    """Six beads whose summary figures are worked out by hand in the tests below."""
    return pd.DataFrame(
        {
            "src_ids": ["0", "1", "", "2 3", "4", "5"],
            "tgt_ids": ["0", "", "1", "2", "3", "4 5"],
            "link": ["1-1", "1-0", "0-1", "2-1", "1-1", "1-2"],
            # Arabic words: 2 + 3 + 0 + 4 + 1 + 2 = 12, of which 3 in the omission bead.
            "src_text": [
                "قال الوزير",
                "ثم غادر المكان",
                "",
                "سقط عشرة قتلى اليوم",
                "جسر",
                "في إدلب",
            ],
            # English words: 2 + 0 + 3 + 3 + 1 + 1 = 10, of which 3 in the addition bead.
            "tgt_text": [
                "The minister",
                "",
                "This was added.",
                "Ten people died",
                "Bridge",
                "Idlib",
            ],
            "mt_text": [
                "the minister said",
                "then he left",
                "",
                "ten killed",
                "bridge",
                "in Idlib",
            ],
            "align_score": [0.9, 0.2, 0.1, 0.8, 0.7, 0.6],
            "chrf": [80.0, np.nan, np.nan, 50.0, 40.0, np.nan],
            "bleu": [30.0, np.nan, np.nan, 10.0, 5.0, np.nan],
            "similarity": [0.9, np.nan, np.nan, 0.8, 0.7, 0.5],
            "edit": ["faithful", "omission", "addition", "merge", "paraphrase", "split"],
            "flags": ["", "", "", "numbers_differ;moved", "names_differ", "moved"],
        }
    )
