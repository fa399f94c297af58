"""Property tests (hypothesis) of the segmenter, the aligner and the scorer on random input.

Complements tests/test_segment.py::test_property_offsets_and_coverage (spans inside the text,
no overlap, every visible character covered): here offsets must reproduce each sentence's text
exactly, ids must be dense, and presegmented ids must be line numbers.
"""

from __future__ import annotations

import hashlib
import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translate_eval.align.aligner import Aligner
from translate_eval.align.config import preset_config
from translate_eval.documents import pair_from_texts
from translate_eval.links import EDIT_LABELS, FLAG_NAMES
from translate_eval.pipeline import compare
from translate_eval.score.beads import score_beads
from translate_eval.text.clean import clean_controls
from translate_eval.text.segment import segment_text, unwrap_lines

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- segmenter ------------------------------------------------------------------------------------

PIECES = [
    *"ab .،؟!?\n\t\u200f\u202e\ufeff\x07",
    "جسر",
    "الشغور",
    "قال المتحدث",
    "Mr. ",
    "U.S. ",
    "2.5",
    "٤٠",
    '"We won." ',
    "\n\n",
    "25 May, 2015\n",
    "2 min read\n",
    "<p>",
]


@FAST
@given(st.lists(st.sampled_from(PIECES), max_size=120), st.sampled_from(["ar", "en"]))
def test_segment_offsets_reproduce_each_sentence_and_ids_are_dense(tokens, lang):
    text = "".join(tokens)
    result = segment_text(text, lang)
    # control and bidi marks, and hard wraps inside a sentence, become spaces: offsets unchanged
    cleaned = unwrap_lines(clean_controls(text), lang)
    assert len(cleaned) == len(text)
    for segment in result.segments + result.skipped:
        assert cleaned[segment.start : segment.end] == segment.text
        assert segment.text == segment.text.strip() and segment.text
    assert [s.id for s in result.segments] == list(range(len(result.segments)))
    starts = [s.start for s in result.segments]
    assert starts == sorted(starts)


@FAST
@given(st.lists(st.sampled_from(PIECES), max_size=200), st.integers(40, 300))
def test_overlong_sentences_are_cut_within_the_limit_and_keep_offsets(tokens, limit):
    text = "".join(tokens)
    result = segment_text(text, "en", max_sentence_chars=limit)
    cleaned = unwrap_lines(clean_controls(text), "en")  # as in the test above
    for segment in result.segments:
        assert len(segment.text) <= limit
        assert cleaned[segment.start : segment.end] == segment.text


@FAST
@given(st.lists(st.text(alphabet="ab .،\u200f", max_size=12), max_size=15))
def test_presegmented_ids_are_line_numbers(lines):
    text = "\n".join(lines)
    result = segment_text(text, "ar", presegmented=True)
    cleaned = clean_controls(text).split("\n")
    for segment in result.segments:
        assert segment.id < len(lines)
        assert segment.text == cleaned[segment.id].strip()


# -- aligner --------------------------------------------------------------------------------------


class TopicEncoder:
    """Embeds a sentence by its first word (its "topic") plus hash noise: sentences sharing a
    topic are near-identical, others near-orthogonal, so reordering makes moved beads."""

    signature = "topic-test"

    def __init__(self, dim: int = 24, noise: float = 0.2) -> None:
        self.dim, self.noise = dim, noise

    def _vector(self, text: str, salt: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256((salt + text).encode()).digest()[:8], "little")
        return np.random.default_rng(seed).standard_normal(self.dim)

    def encode(self, sentences: list[str]) -> np.ndarray:
        rows = []
        for sentence in sentences:
            topic = sentence.split()[0] if sentence.split() else ""
            vector = self._vector(topic, "t") + self.noise * self._vector(sentence, "n")
            rows.append(vector / np.linalg.norm(vector))
        return np.asarray(rows, dtype=np.float32).reshape(len(sentences), self.dim)


@st.composite
def documents(draw):
    """A source of topics, and a target that keeps, drops, adds and reorders some of them."""
    n_src = draw(st.integers(0, 18))
    topics = [f"t{draw(st.integers(0, 30))}" for _ in range(n_src)]
    target = [t for t in topics if draw(st.booleans()) or draw(st.booleans())]
    for _ in range(draw(st.integers(0, 4))):
        target.insert(draw(st.integers(0, len(target))), f"x{draw(st.integers(0, 99))}")
    if len(target) > 2 and draw(st.booleans()):  # move one sentence far away
        target.append(target.pop(draw(st.integers(0, len(target) - 2))))
    if len(target) > 4 and draw(st.booleans()):  # one sentence's content in two distant places
        target.insert(
            draw(st.integers(0, len(target))), target[draw(st.integers(0, len(target) - 1))]
        )

    def sentence(topic: str) -> str:
        return topic + " word" * draw(st.integers(0, 25)) + "."

    return [sentence(t) for t in topics], [sentence(t) for t in target]


def check_beads(beads, n_src: int, n_tgt: int) -> None:
    src_ids = [i for bead in beads for i in bead.src]
    tgt_ids = [j for bead in beads for j in bead.tgt]
    assert sorted(src_ids) == list(range(n_src))  # every sentence in exactly one bead
    assert sorted(tgt_ids) == list(range(n_tgt))
    for bead in beads:
        assert bead.src or bead.tgt
        assert 0.0 <= bead.score <= 1.0 and not math.isnan(bead.score)
        for ids in (bead.src, bead.tgt):
            assert list(ids) == sorted(set(ids))  # ascending, no repeats
            contiguous = list(ids) == list(range(ids[0], ids[0] + len(ids))) if ids else True
            assert contiguous or bead.moved  # only a moved (spread) bead has gaps
        if bead.moved:
            assert bead.src and bead.tgt
    kept = [bead for bead in beads if not bead.moved]
    kept_src = [i for bead in kept for i in bead.src]
    kept_tgt = [j for bead in kept for j in bead.tgt]
    assert kept_src == sorted(kept_src) and kept_tgt == sorted(kept_tgt)  # monotone


@FAST
@given(
    documents(),
    st.sampled_from(["none", "topics"]),
    st.booleans(),
    st.sampled_from(["parallel", "editorial", "restructured", "banded"]),
)
def test_aligner_covers_every_sentence_once_monotone_except_moved(docs, encoder, with_mt, preset):
    src, tgt = docs
    config = {
        "parallel": preset_config("parallel"),
        "editorial": preset_config("editorial"),
        "restructured": preset_config("restructured"),
        # a tiny full-search limit forces the coarse-to-fine banded search on small inputs
        "banded": preset_config("parallel", full_search_cells=20, coarse_block=2, band_margin=2),
    }[preset]
    aligner = Aligner(config, encoder=TopicEncoder() if encoder == "topics" else None)
    mt = [s.replace(".", " .") for s in src] if with_mt else None
    check_beads(aligner.align(src, tgt, mt=mt), len(src), len(tgt))


def test_reordered_sentence_becomes_a_moved_bead():
    # guards the property test above: the strategy can produce moved beads at all
    src = [f"t{k}" + " word" * (3 + k % 5) + "." for k in range(12)]
    tgt = src[1:] + src[:1]
    beads = Aligner(preset_config("editorial"), encoder=TopicEncoder()).align(src, tgt)
    check_beads(beads, len(src), len(tgt))
    assert any(bead.moved for bead in beads)


# -- scorer ---------------------------------------------------------------------------------------

AR_WORDS = ["قال", "المتحدث", "إن", "القوات", "انسحبت", "من", "المدينة", "40", "لم", "جسر"]
EN_WORDS = ["said", "the", "forces", "withdrew", "from", "city", "40", "30", "not", "Assad"]


@st.composite
def bead_frames(draw):
    rows = []
    for number in range(draw(st.integers(1, 8))):
        shape = draw(st.sampled_from([(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)]))
        ar = " ".join(draw(st.lists(st.sampled_from(AR_WORDS), min_size=1, max_size=12)))
        en = " ".join(draw(st.lists(st.sampled_from(EN_WORDS), min_size=1, max_size=12)))
        mt = " ".join(draw(st.lists(st.sampled_from(EN_WORDS), max_size=12)))
        rows.append(
            {
                "bead": number,
                "src_ids": tuple(range(shape[0])),
                "tgt_ids": tuple(range(shape[1])),
                "src_text": ar + "." if shape[0] else "",
                "tgt_text": en + "." if shape[1] else "",
                "mt_text": mt if shape[0] else "",
                "align_score": draw(st.floats(0, 1)),
                "similarity": draw(st.floats(-1, 1)) if all(shape) else math.nan,
                "moved": draw(st.booleans()) if shape == (1, 1) else False,
            }
        )
    return pd.DataFrame(rows)


def check_scored(scored: pd.DataFrame) -> None:
    for _, row in scored.iterrows():
        assert row["edit"] in EDIT_LABELS
        flags = [f for f in str(row["flags"]).split(";") if f]
        assert set(flags) <= set(FLAG_NAMES) and len(flags) == len(set(flags))
        for column, top in (("chrf", 100.0), ("src_coverage", 1.0), ("tgt_coverage", 1.0)):
            value = row.get(column, math.nan)
            assert math.isnan(value) or 0.0 <= value <= top, (column, value)
        if not row["src_text"]:
            assert row["edit"] == "addition"
        if not row["tgt_text"]:
            assert row["edit"] == "omission"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bead_frames())
def test_scorer_labels_every_bead_with_known_labels_and_bounded_metrics(frame):
    scored = score_beads(frame)
    assert len(scored) == len(frame)
    check_scored(scored)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_compare_links_cover_both_documents(docs):
    src, tgt = docs
    if not src or not tgt:
        return
    arabic = [f"قال {s.split()[0]} " + "كلمة " * len(s.split()) + "." for s in src]
    result = compare(pair_from_texts(arabic, tgt), mt="none", encoder=TopicEncoder(), cache=False)
    links = result.links
    src_ids = [i for cell in links["src_ids"] for i in cell]
    tgt_ids = [i for cell in links["tgt_ids"] for i in cell]
    assert sorted(src_ids) == list(range(len(src)))
    assert sorted(tgt_ids) == list(range(len(tgt)))
    for row in links.itertuples():
        assert row.link == f"{len(row.src_ids)}-{len(row.tgt_ids)}"
    check_scored(links)
