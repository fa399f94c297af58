"""The attribution check: a claim attributed to sources on one side only."""

from __future__ import annotations

from translate_eval.score.checks.attribution import attribution_differs


def test_attribution_on_one_side_only_differs() -> None:
    assert attribution_differs(
        "وأكدت مصادر المعارضة أنها ستشن هجوماً", "The opposition will launch an attack."
    )
    assert attribution_differs(
        "ستشن المعارضة هجوماً", "The opposition will attack, according to opposition sources."
    )
    assert not attribution_differs(
        "قالت مصادر المعارضة إنها ستشن هجوماً", "Opposition sources said it would attack."
    )
    # Plain speech verbs and "according to" alone (legal "in accordance with") do not count.
    assert not attribution_differs("قال القائد إن القوات انسحبت", "The commander said forces left.")
    assert not attribution_differs("وفقا للمادة الخامسة", "according to Article 5")
