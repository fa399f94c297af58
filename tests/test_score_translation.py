"""The translation judgement: bead margins, per-bead probabilities, the per-pair verdict."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from bag_encoder import BagEncoder

from translate_eval import pair_from_texts
from translate_eval.align.config import preset_config
from translate_eval.pipeline import compare
from translate_eval.score.translation import (
    MIN_TRANSLATED_SHARE,
    NOT_JUDGED,
    NOT_TRANSLATION,
    TRANSLATION,
    bead_features,
    bead_margins,
    judge_translation,
    translation_probabilities,
    translation_rows,
    translation_warning,
)
from translate_eval_bench.translation_fit import fit_logistic, greedy_pairing


def _orthonormal(n: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    q, _ = np.linalg.qr(np.random.default_rng(seed).normal(size=(dim, n)))
    return q.T


def test_margin_high_for_paired_vectors_and_low_for_look_alikes() -> None:
    basis = _orthonormal(6)
    src = basis
    translated = basis + 0.1 * _orthonormal(6, seed=1)
    assert np.all(bead_margins(src, translated) > 0.8)
    # Every English side equally close to every source: nothing stands out.
    topical = np.tile(basis.mean(axis=0), (6, 1)) + 0.01 * _orthonormal(6, seed=2)
    assert np.all(np.abs(bead_margins(src, topical)) < 0.1)


def test_margin_uses_neighbours_within_the_band_only() -> None:
    n = 130
    src = _orthonormal(n, dim=160)
    tgt = src.copy()
    margins = bead_margins(src, tgt)
    assert margins.shape == (n,) and np.allclose(margins, 1.0)
    assert np.isnan(bead_margins(src[:1], tgt[:1])).all()


def test_features_hold_margin_and_cosine() -> None:
    basis = _orthonormal(4)
    features = bead_features(basis, 2 * basis)
    assert features.shape == (4, 2)
    assert np.allclose(features[:, 1], 1.0)


class _TableEncoder:
    signature = "table"

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self.vectors[t] for t in texts])


def _links(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "src_ids": [[i] for i in range(n)] + [[n]],
            "tgt_ids": [[i] for i in range(n)] + [[]],
            "src_text": [f"a{i}" for i in range(n)] + ["dropped"],
            "tgt_text": [f"e{i}" for i in range(n)] + [""],
        }
    )


def test_translations_are_judged_translations_and_look_alikes_not() -> None:
    n = 6
    basis = _orthonormal(n)
    links = _links(n)
    close = {f"a{i}": basis[i] for i in range(n)} | {f"e{i}": basis[i] for i in range(n)}
    links["translation_p"] = translation_probabilities(links, _TableEncoder(close))
    assert np.isnan(links["translation_p"].iloc[-1])
    assert (links["translation_p"].iloc[:-1] > 0.9).all()
    judgement = judge_translation(links)
    assert judgement.judgement == TRANSLATION and judgement.translated_share == 1.0
    assert translation_warning(judgement) is None
    centre = basis.mean(axis=0)
    topical = {f"a{i}": basis[i] for i in range(n)} | {
        f"e{i}": centre + 0.01 * basis[(i + 1) % n] for i in range(n)
    }
    links["translation_p"] = translation_probabilities(links, _TableEncoder(topical))
    judgement = judge_translation(links)
    assert judgement.judgement == NOT_TRANSLATION
    assert judgement.translated_share < MIN_TRANSLATED_SHARE
    assert "may not be translations" in (translation_warning(judgement) or "")
    rows = translation_rows(judgement)
    assert rows.loc["judged_translation", "count"] == 0
    assert rows.loc["translated_beads", "share"] == judgement.translated_share
    assert rows.loc["translated_beads", "count"] < len(links) - 1


def test_no_encoder_or_too_few_beads_is_not_judged() -> None:
    links = _links(2)
    links["translation_p"] = translation_probabilities(links, None)
    assert links["translation_p"].isna().all()
    judgement = judge_translation(links)
    assert judgement.judgement == NOT_JUDGED
    rows = translation_rows(judgement)
    assert "judged_translation" not in rows.index
    assert np.isnan(rows.loc["translated_beads", "share"])


def test_fit_logistic_recovers_a_separating_direction() -> None:
    rng = np.random.default_rng(3)
    x = np.concatenate([rng.normal(1.0, 0.3, 200), rng.normal(-1.0, 0.3, 200)])
    y = np.concatenate([np.ones(200), np.zeros(200)])
    weights = fit_logistic(x[:, None], y)
    assert weights[0] > 0 and abs(weights[1] / weights[0]) < 0.2


def test_greedy_pairing_is_one_to_one_and_takes_the_best_first() -> None:
    scores = np.array([[0.9, 0.8, 0.1], [0.95, 0.2, 0.3], [0.1, 0.7, 0.6]])
    assert greedy_pairing(scores) == [1, 0, 2]
    assert sorted(greedy_pairing(scores)) == [0, 1, 2]


REALNEWS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "realnews"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("folder", "translated"),
    [("90-comparable-quatifa", 0), ("04-zamanalwsl-quatifa-document", 1)],
)
def test_real_comparable_article_is_warned_and_its_translation_is_not(
    folder: str, translated: int
) -> None:
    pair_dir = REALNEWS / folder
    if not pair_dir.is_dir():
        pytest.skip("../shared/benchmarks/realnews is absent")
    result = compare(pair_dir / "ar.txt", pair_dir / "en.txt")
    assert result.summary.loc["judged_translation", "count"] == translated
    warned = any("may not be translations" in w for w in result.warnings)
    assert warned == (translated == 0)
    probabilities = result.links["translation_p"].dropna()
    assert len(probabilities) >= 3 and probabilities.between(0, 1).all()


def test_classical_preset_neither_judges_nor_withholds_facts() -> None:
    # The model reads the cross-lingual embeddings, fitted on Modern Standard Arabic; the
    # classical preset (scripture) turns it off: no translation_p, no verdict, facts compared.
    arabic = "\n".join(
        [
            "قتل 30 شخصا في قصف على المدينة.",
            "وقال الدفاع المدني إن 12 منزلا دمرت.",
            "ونزح 400 شخص إلى القرى المجاورة.",
            "ولم تعلق الحكومة على القصف.",
        ]
    )
    english = "\n".join(
        [
            "Shelling on the city killed 25 people.",
            "The civil defence said 12 houses were destroyed.",
            "Some 400 people fled to nearby villages.",
            "The government has not commented on the shelling.",
        ]
    )
    runs = {
        name: compare(
            pair_from_texts(arabic, english),
            mt="none",
            encoder=BagEncoder(),
            cache=False,
            align_config=preset_config(name),
        )
        for name in ("editorial", "classical")
    }
    assert runs["editorial"].links["translation_p"].notna().sum() >= 3
    classical = runs["classical"]
    assert classical.links["translation_p"].isna().all()
    assert classical.translation is not None and classical.translation.judgement == NOT_JUDGED
    assert not any("may not be translations" in w for w in classical.warnings)
    flagged = classical.links[classical.links["flags"].astype(str).str.contains("numbers")]
    assert len(flagged) == 1 and "30" in str(flagged["src_text"].iloc[0])
