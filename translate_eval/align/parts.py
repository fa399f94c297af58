"""Part links: a sentence left unaligned next to a bead joins it when it renders one clause of
that bead's other side (an editor who splits a long Arabic sentence into several English ones
often leaves the last piece too short to look like the whole), or when it alone renders a number
that the bead's other side, and no other sentence of that side, writes.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from translate_eval.align.beads import Bead
from translate_eval.align.config import AlignConfig
from translate_eval.align.cost import BeadScorer
from translate_eval.align.features import RunCosine, unit_rows
from translate_eval.embed.base import Encoder
from translate_eval.text.clauses import clause_spans
from translate_eval.text.units import SEVERAL, arabic_durations, english_durations

#: Longest run of consecutive clauses of one sentence tried as the part a sentence renders.
PART_CLAUSES = 2


@dataclass(frozen=True)
class PartCandidate:
    """A left-over sentence and the neighbouring bead it may join.

    ``skip``: index of the 1-0 or 0-1 bead; ``home``: index of the neighbouring bead; ``z``: the
    sentence's best similarity with a clause run of the home bead's other side (random-pair
    deviations of single sentences); ``others``: its best similarity with any sentence of the
    other side outside the home bead, in the same units; ``owned``: whether no sentence already
    in the home bead matches that clause run better; ``anchored``: whether the sentence writes
    a number that the home bead's other side writes and that neither a sentence of the home bead
    on the skip's side nor any other sentence of the other side writes (see
    :func:`anchored_parts`); ``clause``: that best clause run ("" when the side has none)."""

    skip: int
    home: int
    z: float
    others: float
    owned: bool
    anchored: bool = False
    clause: str = ""


def part_runs(sentences: Sequence[str], lang: str) -> list[str]:
    """Runs of 1 to :data:`PART_CLAUSES` consecutive clauses of each sentence (the part view of
    :func:`~translate_eval.text.clauses.clause_spans`), except a run that is the whole side (a
    side of one short sentence has no part). O(characters)."""
    parts: list[str] = []
    for sentence in sentences:
        spans = clause_spans(sentence, lang, parts=True)  # type: ignore[arg-type]
        for first in range(len(spans)):
            for last in range(first, min(len(spans), first + PART_CLAUSES)):
                text = sentence[spans[first][0] : spans[last][1]]
                whole = len(sentences) == 1 and first == 0 and last == len(spans) - 1
                if not whole:
                    parts.append(text)
    return parts


def _neighbours(
    beads: list[Bead],
    k: int,
    side: str,
    owners: dict[tuple[str, int], int],
    far: frozenset[int] | None = None,
) -> list[int]:
    """Beads that hold both sides and the sentence just before or just after skip ``k``'s on
    ``side`` (a moved bead too: it keeps its flag); with ``far``, instead the other beads that
    hold both sides and one of the sentences ``far`` of the other side. ``owners``: the bead of
    each (side, sentence). O(len(far) + 2)."""
    sentence = getattr(beads[k], side)[0]
    other = "src" if side == "tgt" else "tgt"
    beside = {owners.get((side, sentence + step), -1) for step in (-1, 1)} - {-1}
    found = beside if far is None else {owners[(other, i)] for i in far} - beside
    return sorted(h for h in found if beads[h].src and beads[h].tgt)


@lru_cache(maxsize=65_536)
def _counted_durations(text: str, side: str) -> frozenset[tuple[str, str]]:
    """The durations with a count that a sentence writes (:mod:`~translate_eval.text.units`),
    read once per text: the part passes ask again each round. O(len(text))."""
    read = arabic_durations if side == "src" else english_durations
    return frozenset(q for q in read(text) if q[0] != SEVERAL)


def anchored_parts(
    beads: list[Bead],
    scorer: BeadScorer,
    pairs: Sequence[tuple[int, int]],
    src: Sequence[str] = (),
    tgt: Sequence[str] = (),
) -> list[bool]:
    """For each (skip, home) of ``pairs``: whether the skip's sentence writes a number, or a
    duration (a count and a time unit: "two years" and قبل عامين, :mod:`~translate_eval.text.
    units`; read from ``src`` and ``tgt`` when given), that the home bead's other side writes,
    that no sentence of the home bead on the skip's side writes (the bead has not rendered it)
    and that no sentence of the other side outside the home bead writes (it points at the home
    bead alone). Lexical evidence where the embedding of a short piece says little ("on Oct 18
    the group was driven out" against a long Arabic sentence whose last clause holds "الـ18";
    "fled two years ago" against one whose second clause holds فرت قبل عامين). Numbers and
    durations only: a place or person name is what an editor's added lede or background
    sentence repeats most (real-news pair 29: a lede naming the one place of the Arabic
    sentence next to it). O((n + m) * t) for t hashed number buckets (1024), plus the text's
    length for the durations, then O(bead size * w) per pair for the w numbers and durations
    of its sentence."""
    # per side and sentence: the number buckets and the durations it writes
    present: dict[str, list[set[object]]] = {
        "src": [set() for _ in range(scorer.n_src)],
        "tgt": [set() for _ in range(scorer.n_tgt)],
    }
    if scorer.numbers is not None:
        for side, counts in zip(("src", "tgt"), scorer.numbers, strict=True):
            rows = counts.sentence_vectors(np.arange(counts.count)) > 0
            for tokens, row in zip(present[side], rows, strict=True):
                tokens.update(np.flatnonzero(row).tolist())
    for side, texts in (("src", src), ("tgt", tgt)):
        for tokens, text in zip(present[side], texts, strict=False):
            tokens.update(_counted_durations(text, side))
    writers = {side: Counter(t for row in rows for t in row) for side, rows in present.items()}
    found = []
    for k, h in pairs:
        side, other = ("tgt", "src") if beads[k].tgt else ("src", "tgt")
        mine = present[side][getattr(beads[k], side)[0]]
        home_other = Counter(t for i in getattr(beads[h], other) for t in present[other][i])
        rendered = {t for i in getattr(beads[h], side) for t in present[side][i]}
        found.append(
            any(
                home_other[t] > 0 and writers[other][t] == home_other[t] and t not in rendered
                for t in mine
            )
        )
    return found


def _is_skip(bead: Bead) -> bool:
    """Whether ``bead`` is a 1-0 or 0-1 bead (one sentence left out)."""
    return len(bead.src) + len(bead.tgt) == 1


def _skip_similarities(beads: list[Bead], signal: RunCosine) -> dict[int, np.ndarray]:
    """For each 1-0 or 0-1 bead, by index: the single-sentence similarities (``signal``'s
    rescaled cosines) of its sentence with every sentence of the other side. One product per
    side: O((n + m) * e + s * (n + m) * e) for s skips."""
    found: dict[int, np.ndarray] = {}
    for side in ("src", "tgt"):
        skips = [
            (k, getattr(b, side)[0])
            for k, b in enumerate(beads)
            if _is_skip(b) and getattr(b, side)
        ]
        if not skips:
            continue
        ids = np.array([sentence for _, sentence in skips])
        if side == "tgt":
            matrix = signal.singles(np.arange(signal.src.count), ids).T
        else:
            matrix = signal.singles(ids, np.arange(signal.tgt.count))
        found.update((k, matrix[row]) for row, (k, _) in enumerate(skips))
    return found


def _pending(
    beads: list[Bead],
    src: Sequence[str],
    tgt: Sequence[str],
    similar: dict[int, np.ndarray],
    far: int,
) -> list[tuple[int, int, str, str, list[str]]]:
    """(skip, home, side, other side, clause runs of the home's other side) for every skip and
    neighbouring bead, or with ``far`` > 0 every bead not beside it holding one of the ``far``
    sentences most similar to it (``similar``: :func:`_skip_similarities`). O(beads + s * (far
    + log n))."""
    texts = {"src": src, "tgt": tgt}
    lang = {"src": "ar", "tgt": "en"}
    pending: list[tuple[int, int, str, str, list[str]]] = []
    owners = {("src", i): h for h, bead in enumerate(beads) for i in bead.src}
    owners.update({("tgt", j): h for h, bead in enumerate(beads) for j in bead.tgt})
    for k, bead in enumerate(beads):
        if not _is_skip(bead):
            continue
        side, other = ("tgt", "src") if bead.tgt else ("src", "tgt")
        likely = None
        if far:
            likely = frozenset(int(i) for i in np.argsort(-similar[k], kind="stable")[:far])
        for h in _neighbours(beads, k, side, owners, likely):
            parts = part_runs([texts[other][i] for i in getattr(beads[h], other)], lang[other])
            pending.append((k, h, side, other, parts))
    return pending


def part_candidates(
    beads: list[Bead],
    src: Sequence[str],
    tgt: Sequence[str],
    scorer: BeadScorer,
    encoder: Encoder,
    config: AlignConfig,
    known: dict[str, np.ndarray] | None = None,
    far: bool = False,
) -> list[PartCandidate]:
    """Every (skip, neighbouring bead) pair with its evidence (see :class:`PartCandidate`), from
    the embedding signal only (the MT of a clause is not at hand). The clause runs of all
    neighbours are encoded in one call (``known``: unit vectors by text, kept between calls).
    With ``far``, the pairs of each skip and the beads not beside it that hold one of the
    ``move_candidates`` sentences of the other side most similar to it. O(s * c * e) for s
    skips, c clause runs per candidate bead and embedding size e, plus O(s * (n + m) * e) for
    the comparisons with the rest of the document."""
    signal = scorer.signals.get("embedding")
    if signal is None:
        return []
    baseline, spread = signal.baseline(1, 1), signal.spread(1, 1)
    if spread <= 0:
        return []
    known = {} if known is None else known
    vectors = {"src": signal.src, "tgt": signal.tgt}
    similar = _skip_similarities(beads, signal)
    pending = _pending(beads, src, tgt, similar, config.move_candidates if far else 0)
    encode_new((p for *_, parts in pending for p in parts), encoder, known)
    found: list[PartCandidate] = []
    anchored = anchored_parts(beads, scorer, [(k, h) for k, h, *_ in pending], src, tgt)
    for (k, h, side, other, parts), anchor in zip(pending, anchored, strict=True):
        sentence = getattr(beads[k], side)[0]
        mine = unit_rows(vectors[side].sentence_vectors(np.array([sentence])))[0]
        against_all = similar[k] / spread
        outside = np.ones(vectors[other].count, dtype=bool)
        outside[list(getattr(beads[h], other))] = False
        others = float(against_all[outside].max()) if outside.any() else -math.inf
        if not parts:  # one short sentence: no clause run, only the anchors speak
            found.append(PartCandidate(k, h, -math.inf, others, False, anchor))
            continue
        part_vectors = np.stack([known[p] for p in parts])
        cosines = part_vectors @ mine
        best = int(np.argmax(cosines))
        members = unit_rows(vectors[side].sentence_vectors(np.array(getattr(beads[h], side))))
        owned = bool(np.all(members @ part_vectors[best] <= cosines[best]))
        z = float((cosines[best] - baseline) / (1.0 - baseline) / spread)
        found.append(PartCandidate(k, h, z, others, owned, anchor, parts[best]))
    return found


def clause_passes_on(encoder: Encoder | None, config: AlignConfig) -> bool:
    """Whether the passes after the search that compare sentences with clause runs (part
    links, far parts, gap pairs) run: they need the encoder and a finite ``part_z``."""
    return encoder is not None and math.isfinite(config.part_z)


def attach_parts(
    beads: list[Bead],
    src: Sequence[str],
    tgt: Sequence[str],
    scorer: BeadScorer,
    encoder: Encoder | None,
    config: AlignConfig,
    known: dict[str, np.ndarray] | None = None,
) -> list[Bead]:
    """Join each 1-0 or 0-1 bead to a neighbouring bead (both sides, touching it on the skip's
    side) when its sentence renders a clause run of that bead's other side: the
    similarity is at least ``part_z`` random-pair deviations, ``move_margin`` ahead of the
    sentence's best match outside the bead, and no sentence of the bead matches that clause
    run better (the clause is not rendered already); or when it is anchored to the bead (a
    number only it renders, :func:`anchored_parts`); and the join puts no title line
    with a sentence (:func:`joins_title`). Of two neighbours, an anchored one wins, then the
    stronger.
    Repeated until nothing changes (a split's pieces may join one by one); the bead keeps
    its score and order. Without an encoder, or ``part_z`` = inf, nothing changes.
    ``known``: the clause runs' unit vectors by text, filled and kept for the caller.
    O(rounds * cost of :func:`part_candidates`), each clause run encoded once."""
    if not clause_passes_on(encoder, config):
        return beads
    limits = {"src": config.src_limit, "tgt": config.tgt_limit}
    titles = {"src": int(scorer.headlines[0]), "tgt": int(scorer.headlines[1])}
    known = {} if known is None else known
    while True:
        chosen: dict[int, PartCandidate] = {}
        for candidate in part_candidates(beads, src, tgt, scorer, encoder, config, known):
            side = "tgt" if beads[candidate.skip].tgt else "src"
            renders_clause = (
                candidate.z >= config.part_z
                and candidate.z >= candidate.others + config.move_margin
                and candidate.owned
            )
            if (
                not (renders_clause or candidate.anchored)
                or len(getattr(beads[candidate.home], side)) >= limits[side]
                or joins_title(beads[candidate.skip], beads[candidate.home], side, titles[side])
            ):
                continue
            held = chosen.get(candidate.skip)
            if held is None or (candidate.anchored, candidate.z) > (held.anchored, held.z):
                chosen[candidate.skip] = candidate
        if not chosen:
            return beads
        beads = join_skips(beads, {k: c.home for k, c in chosen.items()})


def join_skips(beads: Sequence[Bead], homes: dict[int, int], moved: bool = False) -> list[Bead]:
    """``beads`` with each skip ``k`` of ``homes`` joined to the bead ``homes[k]`` (its ids
    added, sorted; the home keeps its score and place, and its flag, or is flagged moved
    when ``moved``). O(beads + joined ids)."""
    grown = {home: beads[home] for home in homes.values()}
    for k, home_index in homes.items():
        home, skip = grown[home_index], beads[k]
        grown[home_index] = Bead(
            tuple(sorted({*home.src, *skip.src})),
            tuple(sorted({*home.tgt, *skip.tgt})),
            home.score,
            moved=home.moved or moved,
        )
    return [grown.get(h, bead) for h, bead in enumerate(beads) if h not in homes]


def encode_new(texts: Iterable[str], encoder: Encoder, known: dict[str, np.ndarray]) -> None:
    """Encode, as unit rows, the ``texts`` not in ``known`` yet (one ``encode`` call for all)
    and add them to it: the clause runs the passes after the search share. O(new texts * e)."""
    new_texts = sorted({text for text in texts if text not in known})
    if new_texts:
        encoded = unit_rows(np.asarray(encoder.encode(new_texts), dtype=np.float64))
        known.update(zip(new_texts, encoded, strict=True))


def joins_title(skip: Bead, home: Bead, side: str, titles: int) -> bool:
    """Whether joining ``skip`` to ``home`` would put the headline of ``side`` with a sentence
    after its ``titles`` title lines (:func:`~translate_eval.align.headlines.headline_lines`)
    in one bead, which the search never does either. O(bead size)."""
    ids = [*getattr(skip, side), *getattr(home, side)]
    return titles > 0 and 0 in ids and max(ids) >= titles


__all__ = [
    "PART_CLAUSES",
    "PartCandidate",
    "anchored_parts",
    "attach_parts",
    "clause_passes_on",
    "encode_new",
    "join_skips",
    "joins_title",
    "part_candidates",
    "part_runs",
]
