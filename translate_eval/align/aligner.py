"""Sentence aligner for Arabic source vs published English: configuration, API and moved beads."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import NamedTuple

import numpy as np

from translate_eval.align.anchors import name_anchor_tokens
from translate_eval.align.beads import Bead
from translate_eval.align.blas import blas_threads
from translate_eval.align.dp import Band, band_around_path, search
from translate_eval.align.similarity import (
    BeadScorer,
    CostModel,
    SpanVectors,
    char_lengths,
    coarsen,
    hashed_char_ngrams,
    hashed_tokens,
    idf_weights,
    normalize_for_ngrams,
    numbers_in,
)
from translate_eval.embed.base import Encoder
from translate_eval.errors import InputError

_log = logging.getLogger(__name__)

NUMBER_DIM = 1024
SKIP_CONFIDENCE_WINDOW = 5
"""A 1-0 or 0-1 bead's score is 1 minus the best similarity of its sentence to the sentences of
the other side within this many positions of where it stands."""


#: Names accepted by :meth:`AlignConfig.preset` (and the CLI's ``--preset``).
PRESETS = ("parallel", "editorial", "classical")


@dataclass(frozen=True)
class AlignConfig:
    """Settings of :class:`Aligner`; every field is written into ``Aligner.signature``.

    Shapes: n-m beads with ``1 <= n <= max_src_bead`` and ``1 <= m <= max_tgt_bead`` (each
    defaults to ``max_bead``), plus 1-0 and 0-1 beads, which are always allowed.

    An n-m bead costs ``length_weight * -log P(lengths) + prior_weight * -log P(n-m shape)
    - content_weight * content + mismatch_weight * max(0, mismatch_floor - z) + number_weight
    * (1/2 - numbers Dice) - name_weight * names overlap`` (see ``similarity.bead_cost``),
    where ``content`` is the rescaled cosine (0 for an average random pair) and ``z`` is
    ``content`` in standard deviations of random pairs, or the least such ``z`` of one of the
    bead's sentences against the bead's other side, when lower; each 1-0 or 0-1 bead costs
    ``skip_penalty``. The search returns the monotone alignment of least total cost.

    Defaults were chosen on the AlignAR tuning documents only (law 001-002, literature 001:
    as given, with 10% of their gold beads stripped of one side, and in an *editorial* variant
    where English is replaced by unrelated English and unrelated sentences stand next to
    merges and splits); ``benchmarks/alignar.py`` reports them and the held-out documents.
    :meth:`editorial` gives the stricter setting fitted for finding omissions and additions.
    """

    max_bead: int = 8
    """Largest number of sentences on either side of a bead."""
    max_src_bead: int | None = 2
    """Override of ``max_bead`` for the source (Arabic) side (None: ``max_bead``). Arabic
    sentences are long; two Arabic sentences rarely make fewer English ones."""
    max_tgt_bead: int | None = None
    """Override of ``max_bead`` for the target (English) side (None: ``max_bead``); editors and
    literary translators often split one Arabic sentence into several English ones (AlignAR
    literature: a third of the beads are 1-3 or larger)."""
    skip_penalty: float = 2.5
    """Cost of leaving one sentence unaligned (a 1-0 omission or a 0-1 addition); lower values
    find more omissions and additions. A sentence with no counterpart is left out rather than
    merged into a neighbouring bead when merging raises that bead's cost by more than this.
    Fitted jointly with the mismatch term on the AlignAR tuning documents (original, dropped
    and editorial variants): 3.8 was best before the editorial variant existed, 2.5 with it."""
    length_weight: float = 0.4
    """Weight of ``-log`` of the Gale-Church length probability."""
    length_variance: float = 6.8
    """Gale-Church variance of target characters per source character."""
    prior_weight: float = 0.5
    """Weight of ``-log`` of the shape prior (Poisson numbers of extra sentences per side, with
    rates from the documents' sentence counts; see ``similarity.shape_log_prior``)."""
    rate_floor: float = 0.06
    """Smallest Poisson rate of extra sentences on a side (keeps rare shapes possible)."""
    content_weight: float = 17.0
    """Weight of the content similarity (rescaled cosine: 0 for an average random pair, 1 for
    identical) of the embeddings and / or the MT."""
    missing_content: float = 0.1
    """Content similarity assumed for every candidate bead when there is neither encoder nor
    MT: keeps the balance between beads and skips close to the tuned one."""
    mismatch_weight: float = 0.5
    """Cost per standard deviation (of random pairs) by which a bead's content falls short of
    ``mismatch_floor``: a bead whose content is at the level of a random pair, or one of whose
    sentences has nothing to do with the bead's other side, is not a translation, and this
    makes leaving its sentences unaligned (1-0 + 0-1) cheaper than pairing them. Applies only
    when there is a content signal (encoder or MT); 0 switches it off. The standard deviation
    is that of the rescaled cosine of the document's own random pairs (median absolute
    deviation, so the few true pairs among them do not count), mixed like the content. Fitted
    with ``skip_penalty`` on the AlignAR tuning documents' original, dropped and editorial
    variants (maximising their mean strict F1): AlignAR literature and the word-gloss MT hold
    many true beads whose content is near random level, so the fit keeps the term weak; at
    random level (z = 0) it adds ``0.5 * 0.75``, far less than two skips. See
    :meth:`editorial` for the strict setting."""
    mismatch_floor: float = 0.75
    """Content level, in standard deviations of random pairs, below which ``mismatch_weight``
    applies (0: the average random pair)."""
    mt_embedding_share: float = 0.0
    """Share, in the content similarity, of the cosine between the embeddings of the MT and of
    the target (a monolingual comparison) when there are both an encoder and MT; the
    source-target embeddings keep ``embedding_share`` and the MT n-grams the rest."""
    embedding_share: float = 0.4
    """Share of the embedding similarity in the content similarity when MT is present too."""
    number_weight: float = 1.0
    """Weight of the numbers overlap: ``number_weight * (1/2 - Dice)`` for beads where either
    side writes a number in digits (no effect measured on AlignAR, whose Arabic spells most
    numbers in words; meant for news, where dates and counts are digits on both sides)."""
    name_weight: float = 4.0
    """Weight of the name anchors: a bead whose two sides share romanised names
    (:mod:`translate_eval.align.anchors`: "Zuhri" and الزهري) costs ``name_weight`` times
    the share of the names of its side with fewer that the other side holds less; 0 switches
    them off. 4 was chosen on the planted edits of the even suras (0, 4, 8: exact additions
    89 -> 90 of 96, merges 93 -> 94, the rest equal at 4); AlignAR's documents and the seed
    pair align the same with 0, 4 or 8."""
    span_embedding: str = "concat"
    """How runs of sentences are embedded: ``concat`` embeds the concatenated text of every run
    (Vecalign; the encoder sees n * max_src_bead + m * max_tgt_bead texts) or ``sum`` adds the
    sentence embeddings (n + m texts; slightly less accurate on literature)."""
    ngram_sizes: tuple[int, ...] = (3, 4, 5)
    """Character n-gram sizes of the MT similarity."""
    ngram_dim: int = 4096
    """Hashing dimension of the character n-gram vectors."""
    moved_threshold: float = 0.7
    """Content similarity (rescaled cosine: 0 = average random pair, 1 = identical) from which
    a left-over source sentence and a left-over target sentence are paired as a moved bead. On
    AlignAR, half of the true 1-1 beads score above about 0.6, and 99% of the sentences have
    no wrong partner above about 0.65-0.7."""
    move_z: float = 2.0
    """Reordering pass (see :meth:`Aligner._reorder`): least content similarity of a moved
    pair, in standard deviations of random single-sentence pairs (``inf`` switches the pass
    off). The ``move_*`` values were chosen on planted moves in AlignAR law 001-003 (file and
    gloss MT) and Quran suras 67-77 (``benchmarks/align_robustness.py``), both presets: 1.5
    to 2 found the same moves there, 2 is the stricter."""
    move_margin: float = 0.5
    """Reordering pass: least lead, in the same units, of a moved pair over the runner-up of
    its target sentence among source sentences and of its source sentence among targets
    (repeated sentences, such as refrains, have no lead and are never moves). 1 lost half
    the Quran moves; 0.25 and 0.5 found the same."""
    move_penalty: float = 5.0
    """Reordering pass: a candidate move is kept only when it lowers the alignment's total
    cost (see :func:`similarity.bead_cost`) by more than this. True moves on AlignAR law
    gained 10-19, on the Quran 4-7.4, wrong candidates up to 4.9: 5 is the least value
    without a wrong move on the tuning documents."""
    move_window: int = 200
    """Reordering pass: how far, in sentences, from where the alignment puts a target
    sentence its moved source sentence is looked for."""
    move_candidates: int = 8
    """Reordering pass: at most this many candidate moves (the most similar) are tried."""
    full_search_cells: int = 4_000_000
    """Documents whose search table has at most this many cells are searched in full; larger
    ones coarse-to-fine inside a band."""
    band_margin: int = 8
    """Half-width, in sentences, of the band around the coarse path."""
    coarse_block: int = 8
    """Sentences per block in the coarse pass."""

    def __post_init__(self) -> None:
        if self.max_bead < 1 or min(self.src_limit, self.tgt_limit) < 1:
            raise InputError("max_bead (and max_src_bead / max_tgt_bead) must be at least 1")
        if self.span_embedding not in ("concat", "sum"):
            raise InputError(
                f"span_embedding must be 'concat' or 'sum', not {self.span_embedding!r}"
            )
        if self.skip_penalty < 0 or self.rate_floor <= 0 or self.length_variance <= 0:
            raise InputError(
                "skip_penalty must be >= 0, rate_floor and length_variance must be > 0"
            )
        if self.mismatch_weight < 0:
            raise InputError("mismatch_weight must be >= 0 (0 switches the mismatch term off)")
        if self.name_weight < 0:
            raise InputError("name_weight must be >= 0 (0 switches the name anchors off)")
        if min(self.embedding_share, self.mt_embedding_share) < 0 or (
            self.embedding_share + self.mt_embedding_share > 1
        ):
            raise InputError(
                "embedding_share and mt_embedding_share must be >= 0 and sum to at most 1"
            )

    @classmethod
    def preset(cls, name: str, max_bead: int | None = None) -> AlignConfig:
        """The configuration a preset names (``parallel``: the defaults; ``editorial``:
        :meth:`editorial`; ``classical``: :meth:`classical`), with ``max_bead`` sentences at
        most on either side when given."""
        if name not in PRESETS:
            raise InputError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
        if max_bead is not None and max_bead < 1:
            raise InputError("--max-bead must be at least 1")
        changes: dict[str, object] = (
            {} if max_bead is None else {"max_bead": max_bead, "max_src_bead": None}
        )
        if name == "editorial":
            return cls.editorial(**changes)
        if name == "classical":
            return cls.classical(**changes)
        return cls(**changes)  # type: ignore[arg-type]

    @classmethod
    def classical(cls, **changes: object) -> AlignConfig:
        """The defaults with the content signal moved from the cross-lingual embeddings to
        the MT's English embeddings (``embedding_share`` 0.1, ``mt_embedding_share`` 0.4),
        for Classical Arabic (Quran, hadith), where the packaged encoder reads the Arabic
        poorly: on the gold verse pairs of the even suras it tells a true verse pair from a
        wrong one with ROC AUC 0.76 from the Arabic's embedding, 0.93 from the embedding of
        the word-gloss MT. A lighter mismatch term (``mismatch_weight`` 0.25) keeps more
        verses the English splits in two whole. Chosen on planted edits in the 96 fitting
        documents of the even suras (``embedding_share`` 0-0.4 x ``mt_embedding_share``
        0-0.9, then skip penalty 2-3 x shape prior 0.5-1 x mismatch weight 0.25-0.5 x floor
        0.5-1; docs/benchmarks.md, section 5); on AlignAR (Modern Standard Arabic) it lowers
        literature's strict F1, so it is not the default. Meant for an encoder and MT: without
        either only the lighter mismatch term remains, and without both it is the default.
        ``changes`` override further fields."""
        settings = {"embedding_share": 0.1, "mt_embedding_share": 0.4, "mismatch_weight": 0.25}
        return cls(**{**settings, **changes})  # type: ignore[arg-type]

    @classmethod
    def editorial(cls, floor: float = 2.0, **changes: object) -> AlignConfig:
        """The defaults with a strict mismatch term, for edited translations, where sentences
        facing each other are often unrelated: ``mismatch_floor = floor`` and
        ``mismatch_weight = 2 * skip_penalty / floor``, so that a bead whose content is exactly
        at random level pays two skips (it is never cheaper than leaving its sentences
        unaligned) and one at half the floor pays one. ``floor`` 2 found the most omissions and
        additions (1-0 / 0-1 F1 of the AlignAR tuning documents' editorial variant, among
        floors 0.5 to 3 with skip penalties 2.5 to 3.8), at a cost in strict F1 on AlignAR
        literature and with word-gloss MT (see docs/benchmarks.md). ``changes`` override
        further fields (``skip_penalty`` included, before the weight is derived)."""
        skip = float(changes.pop("skip_penalty", cls.skip_penalty))  # type: ignore[arg-type]
        if floor <= 0:
            raise InputError("the editorial mismatch floor must be > 0")
        return cls(  # type: ignore[arg-type]
            **{
                "skip_penalty": skip,
                "mismatch_floor": floor,
                "mismatch_weight": round(2.0 * skip / floor, 6),
                **changes,
            }
        )

    @property
    def src_limit(self) -> int:
        """Largest source side of a bead."""
        return self.max_src_bead if self.max_src_bead is not None else self.max_bead

    @property
    def tgt_limit(self) -> int:
        """Largest target side of a bead."""
        return self.max_tgt_bead if self.max_tgt_bead is not None else self.max_bead

    def shapes(self) -> list[tuple[int, int]]:
        """Allowed n-m shapes (both sides >= 1), smallest first."""
        pairs = [(a, b) for a in range(1, self.src_limit + 1) for b in range(1, self.tgt_limit + 1)]
        return sorted(pairs, key=lambda shape: (shape[0] + shape[1], shape))

    def describe(self) -> str:
        """``name=value`` for every field, ``|``-separated."""
        parts = []
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, tuple):
                value = ",".join(str(v) for v in value)
            parts.append(f"{field.name}={value}")
        return "|".join(parts)


class SpanEmbeddings(NamedTuple):
    """Embeddings of the runs of source, target and (optionally) MT sentences."""

    src: SpanVectors
    tgt: SpanVectors
    mt: SpanVectors | None = None


class Aligner:
    """Aligns source sentences (Arabic) with target sentences (English).

    Signals: length always; embeddings of concatenated runs when an ``encoder`` is given; MT
    character n-grams when ``mt`` (one English MT line per source sentence) is passed to
    :meth:`align`; numbers shared by both sides. Search: monotone dynamic programming over
    beads, full for small documents and coarse-to-fine in a band for large ones; then a
    reordering pass finds sentences moved far (mutually most similar, checked by searching
    again without them, see :meth:`_reorder`) and left-over 1-0 and 0-1 beads whose content
    is clearly similar are paired; both give moved beads. Time
    O(n * m * S * e) for a full search, O(n * w * S * e) in a band ``w`` wide (see
    :meth:`align` for the terms); the search runs with numpy's BLAS on one thread (its
    products are small), the encoder with its own threads.
    """

    def __init__(self, config: AlignConfig | None = None, encoder: Encoder | None = None):
        self.config = config or AlignConfig()
        self.encoder = encoder

    @property
    def signature(self) -> str:
        """Reproducibility string naming the method, every setting and the encoder."""
        encoder = self.encoder.signature if self.encoder is not None else "none"
        return f"align:dp|{self.config.describe()}|enc={encoder}|mt=chrf-hashed"

    def align(
        self,
        src: list[str],
        tgt: list[str],
        mt: list[str] | None = None,
        *,
        more_mt: Sequence[list[str]] = (),
    ) -> list[Bead]:
        """Beads covering every source and target id once, in order (monotone), except moved
        beads (``moved=True``) which pair an omitted source sentence with an added target
        sentence elsewhere. Each bead's ``score`` is a confidence in [0, 1].

        ``mt``: a translation of every source sentence. ``more_mt``: further translations
        of the same sentences (other systems, the word gloss), whose character n-grams are
        pooled with ``mt``'s (:func:`pooled_ngrams`); only ``mt`` feeds the MT embeddings.

        Complexity, for ``n`` source and ``m`` target sentences, beads of at most ``A``
        (``max_src_bead``) by ``B`` (``max_tgt_bead``) sentences, ``S = A * B`` n-m shapes,
        embedding size ``e`` (512), n-gram hashing size ``h`` (``ngram_dim``, 4096):

        * encoder: ``n * A + m * B`` texts (``concat``; ``n + m`` with ``sum``), plus ``n * A``
          (``n``) MT runs when ``mt_embedding_share`` > 0, not counted below; MT n-grams and
          numbers: O((n + m) * h) time and memory, and O(n * h) per further translation.
        * full search, when ``(n + 1) * (m + 1) <= full_search_cells``: every candidate bead
          of every shape, O(n * m * (S * e + h + S * (A + B))) time (one embedding product per
          shape and cell, two with the MT embeddings, one n-gram product per cell shared by all
          shapes through 2-D prefix sums, and the per-sentence mismatch check), O(n * m) memory
          for the table.
        * larger documents, coarse-to-fine (Vecalign's idea): a search over blocks of
          ``coarse_block`` sentences (itself coarse-to-fine while over ``full_search_cells``),
          then the full cost model inside a band ``w`` wide around the coarse path
          (``w`` about ``2 * band_margin`` plus the coarse beads' extent, 40-80 in practice):
          O(n * (w + 64 * m / n) * (S * e + h + S * (A + B))) time, O(n * w) memory for the
          table, plus the coarse pass, O(min(n * m / coarse_block**2, full_search_cells) * (e
          + h)). Linear in n for a fixed band: 10,000 x 12,000 (banded) cost about 3.5 times
          the CPU time of 1,000 x 1,200 (1.2 million cells: a full search).
        * moved beads: O(m * (2 * move_window + 256) * (e + h)) for the similarities of
          single sentences (blocks of 256 targets against the sources within
          ``move_window``; O(n * m * (e + h)) for documents under ``2 * move_window``
          sentences), plus a search of the part of the path around each candidate move
          (see :meth:`_reorder`), plus O(omissions * additions * (e + h)) for pairing
          left-over skips.

        Memory besides the table: the vectors, O((n * A + m * B) * e + (n + m) * h), and
        blocks of 64 rows of candidate costs. Measured by ``benchmarks/align_speed.py``."""
        for translation in ([mt] if mt is not None else []) + list(more_mt):
            if len(translation) != len(src):
                raise InputError(
                    f"got {len(translation)} MT lines for {len(src)} source sentences: "
                    "give one per sentence"
                )
        if mt is None and more_mt:
            mt, more_mt = more_mt[0], more_mt[1:]
        if not src or not tgt:
            return [Bead((i,), (), 1.0) for i in range(len(src))] + [
                Bead((), (j,), 1.0) for j in range(len(tgt))
            ]
        embeddings = None
        if self.encoder is not None and self.config.content_weight > 0:
            embeddings = self._span_embeddings(src, tgt, mt)  # the encoder keeps its threads
        with blas_threads(1):  # the search's products are small: threads cost more than they save
            scorer = self._scorer(src, tgt, mt, embeddings, more_mt)
            return self._search(scorer, len(src), len(tgt))

    def _search(self, scorer: BeadScorer, n_src: int, n_tgt: int) -> list[Bead]:
        config = self.config
        shapes = config.shapes()
        band = self._band(scorer, n_src, n_tgt)
        path = search(
            n_src,
            n_tgt,
            shapes,
            lambda a, b, rows, cols: scorer.block(a, b, rows, cols)[0],
            config.skip_penalty,
            band=band,
        )
        path, moves = self._reorder(scorer, path)
        beads = self._beads(scorer, path)
        if moves:
            beads = _place_moves(scorer, beads, moves)
        return self._pair_moved(scorer, beads)

    # -- reordering -----------------------------------------------------------------------

    def _reorder(
        self, scorer: BeadScorer, path: list[tuple[int, int, int, int]]
    ) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int]]]:
        """Find sentences the editor moved: a post-pass after the monotone search, which
        otherwise folds a moved English sentence into a neighbouring n-m bead or shifts the
        beads around it.

        Candidates: target ``j`` and source ``i`` that are each other's most similar sentence
        (single-sentence content similarity, embeddings and / or MT) among the sentences within
        ``move_window`` of where the alignment puts them, at least ``move_z`` standard
        deviations of random pairs above random level, leading their runners-up (of ``j``
        among sources, of ``i`` among targets) by ``move_margin`` of those deviations, and
        standing in beads that are neither the same nor adjacent. Check: around each
        candidate, most similar first, the search is run again with the candidate's two
        sentences (and those of the moves already kept) held out as skips, over the part of
        the path between two bead boundaries ``2 * band_margin`` sentences beyond the
        candidate's source sentence, its target sentence and the place the path gives that
        target; the candidate is kept when the total cost (the new path plus the moved 1-1
        bead in place of the two skips) falls by more than ``move_penalty``. The result is
        the new path (the moved sentences as 1-0 and 0-1 skips) and the (i, j) moves.

        Time: O(m * (2 * move_window + 256) * (e + h)) for the similarities of single
        sentences, computed in blocks of 256 targets (O(n * m * (e + h)) when the window
        covers the document); then, per candidate tried (at most ``move_candidates``, none in
        most documents), a full search of its part of the path: O(r * c * (S * e + h + S *
        (A + B))) for a part of r by c sentences (r, c about ``|i - place| + 4 *
        band_margin``), independent of the document's length."""
        config = self.config
        if not scorer.has_content or not math.isfinite(config.move_z) or len(path) < 3:
            return path, []
        candidates = _move_candidates(scorer, path, config)
        place_of = _places(path, scorer.n_tgt)
        if not candidates:
            return path, []

        margin = 2 * config.band_margin

        def rerun(
            steps: list[tuple[int, int, int, int]], moves: list[tuple[int, int]]
        ) -> list[tuple[int, int, int, int]]:
            """``steps`` searched again between two of its bead boundaries around the last
            move, ``margin`` sentences beyond both of its sentences and its place, with the
            sentences of ``moves`` held out (only skips may hold them)."""
            i, j = moves[-1]
            ends = np.array([(0, 0), *((k + a, t + b) for k, t, a, b in steps)])
            low_src, high_src = min(i, int(place_of[j])) - margin, max(i, int(place_of[j])) + margin
            first = int(
                np.flatnonzero((ends[:, 0] <= low_src) & (ends[:, 1] <= j - margin))[-1:].max(
                    initial=0
                )
            )
            after = np.flatnonzero((ends[:, 0] > high_src) & (ends[:, 1] > j + margin))
            last = int(after[0]) if len(after) else len(ends) - 1
            r0, c0 = (int(v) for v in ends[first])
            r1, c1 = (int(v) for v in ends[last])
            banned_src = np.zeros(scorer.n_src + 1)
            banned_tgt = np.zeros(scorer.n_tgt + 1)
            for k, t in moves:
                banned_src[k + 1] = banned_tgt[t + 1] = 1.0
            src_count, tgt_count = np.cumsum(banned_src), np.cumsum(banned_tgt)

            def cost(a: int, b: int, rows: range, cols: range) -> np.ndarray:
                rows = range(rows.start + r0, rows.stop + r0)
                cols = range(cols.start + c0, cols.stop + c0)
                values = scorer.block(a, b, rows, cols)[0]
                starts_src = np.arange(rows.start, rows.stop)
                starts_tgt = np.arange(cols.start, cols.stop)
                hit_src = src_count[starts_src + a] > src_count[starts_src]
                hit_tgt = tgt_count[starts_tgt + b] > tgt_count[starts_tgt]
                return np.where(hit_src[:, None] | hit_tgt[None, :], np.inf, values)

            middle = search(r1 - r0, c1 - c0, config.shapes(), cost, config.skip_penalty)
            shifted = [(k + r0, t + c0, a, b) for k, t, a, b in middle]
            return [*steps[:first], *shifted, *steps[last:]]

        bead_costs: dict[tuple[int, int, int, int], float] = {}

        def path_cost(steps: list[tuple[int, int, int, int]]) -> float:
            return sum(_bead_cost(scorer, step, config.skip_penalty, bead_costs) for step in steps)

        accepted: list[tuple[int, int]] = []
        current = path
        for candidate in candidates:
            trial = rerun(current, [*accepted, candidate])
            old_only = set(current) - set(trial)
            new_only = set(trial) - set(current)
            gain = path_cost(list(old_only)) - path_cost(list(new_only))
            i, j = candidate
            # the two held-out skips become one moved 1-1 bead
            gain += 2 * config.skip_penalty - _bead_cost(scorer, (i, j, 1, 1), 0.0, bead_costs)
            _log.debug("move candidate %d -> %d: cost gain %.2f", i, j, gain)
            if gain > config.move_penalty:
                accepted.append(candidate)
                current = trial
        return current, accepted

    # -- features -------------------------------------------------------------------------

    def _scorer(
        self,
        src: list[str],
        tgt: list[str],
        mt: list[str] | None,
        embeddings: SpanEmbeddings | None = None,
        more_mt: Sequence[list[str]] = (),
    ) -> BeadScorer:
        """The scorer of one pair; ``embeddings`` (of :meth:`_span_embeddings`) are computed
        here when not given and there is an encoder."""
        config = self.config
        if embeddings is None and self.encoder is not None and config.content_weight > 0:
            embeddings = self._span_embeddings(src, tgt, mt)
        mt_ngrams = None
        if mt is not None and config.content_weight > 0:
            mt_counts = pooled_ngrams([mt, *more_mt], config.ngram_sizes, config.ngram_dim)
            tgt_counts = hashed_char_ngrams(
                [normalize_for_ngrams(s) for s in tgt], config.ngram_sizes, config.ngram_dim
            )
            idf = idf_weights(mt_counts, tgt_counts)
            mt_counts *= idf  # in place: the n-gram matrices are the aligner's largest arrays
            tgt_counts *= idf
            mt_ngrams = (SpanVectors(sentence=mt_counts), SpanVectors(tgt_counts))
        numbers = None
        if config.number_weight > 0:
            numbers = (
                SpanVectors(hashed_tokens([numbers_in(s) for s in src], NUMBER_DIM)),
                SpanVectors(hashed_tokens([numbers_in(s) for s in tgt], NUMBER_DIM)),
            )
        names = None
        if config.name_weight > 0:
            src_names, tgt_names = name_anchor_tokens(src, tgt)
            names = (
                SpanVectors(hashed_tokens(src_names, NUMBER_DIM)),
                SpanVectors(hashed_tokens(tgt_names, NUMBER_DIM)),
            )
        model = CostModel(
            length_weight=config.length_weight,
            prior_weight=config.prior_weight,
            content_weight=config.content_weight,
            embedding_share=config.embedding_share,
            number_weight=config.number_weight,
            rate_floor=config.rate_floor,
            missing_content=config.missing_content,
            mismatch_weight=config.mismatch_weight,
            mismatch_floor=config.mismatch_floor,
            mt_embedding_share=config.mt_embedding_share,
            name_weight=config.name_weight,
        )
        return BeadScorer(
            char_lengths(src),
            char_lengths(tgt),
            model=model,
            length_variance=config.length_variance,
            max_src=config.src_limit,
            max_tgt=config.tgt_limit,
            embeddings=(embeddings.src, embeddings.tgt) if embeddings is not None else None,
            mt_ngrams=mt_ngrams,
            numbers=numbers,
            names=names,
            mt_embeddings=(
                (embeddings.mt, embeddings.tgt)
                if embeddings is not None and embeddings.mt is not None
                else None
            ),
        )

    def _span_embeddings(
        self, src: list[str], tgt: list[str], mt: list[str] | None = None
    ) -> SpanEmbeddings:
        """Embeddings of runs of sentences, in one encoder call: of the concatenation of every
        run of up to the largest bead side (``concat``: n * max_src_bead + m * max_tgt_bead
        texts, plus n * max_src_bead runs of the MT when ``mt_embedding_share`` > 0) or of
        single sentences, summed over runs later (``sum``: n + m (+ n) texts)."""
        assert self.encoder is not None
        limits = (self.config.src_limit, self.config.tgt_limit, self.config.src_limit)
        if self.config.span_embedding == "sum":
            limits = (1, 1, 1)
        sides = [src, tgt]
        if mt is not None and self.config.mt_embedding_share > 0:
            sides.append(mt)
        texts: list[str] = []
        layout: list[tuple[int, int, int]] = []  # (side, size, first index in texts)
        for side, sentences in enumerate(sides):
            for size in range(1, min(limits[side], len(sentences)) + 1):
                layout.append((side, size, len(texts)))
                texts.extend(
                    " ".join(sentences[start : start + size])
                    for start in range(len(sentences) - size + 1)
                )
        vectors = np.asarray(self.encoder.encode(texts), dtype=np.float32)
        if vectors.shape[0] != len(texts):
            raise InputError(
                f"the encoder returned {vectors.shape[0]} vectors for {len(texts)} texts"
            )
        per_side: list[list[np.ndarray]] = [[] for _ in sides]
        for side, size, first in layout:
            count = len(sides[side]) - size + 1
            per_side[side].append(vectors[first : first + count])
        if self.config.span_embedding == "sum":
            spans = [SpanVectors(runs[0]) for runs in per_side]
        else:
            spans = [SpanVectors(by_size=runs) for runs in per_side]
        return SpanEmbeddings(spans[0], spans[1], spans[2] if len(spans) > 2 else None)

    # -- search ---------------------------------------------------------------------------

    def _band(self, scorer: BeadScorer, n_src: int, n_tgt: int) -> Band | None:
        """None (full search) for small documents, else a band around a coarse alignment."""
        if (n_src + 1) * (n_tgt + 1) <= self.config.full_search_cells:
            return None
        return _coarse_band(scorer, self.config)

    # -- output ---------------------------------------------------------------------------

    def _beads(self, scorer: BeadScorer, path: list[tuple[int, int, int, int]]) -> list[Bead]:
        """Beads of a search path ``(i, j, a, b)`` with their confidences, computed pair by pair
        in one batch per bead shape. An n-m bead's score is its confidence; a skip's score is 1
        minus the best confidence of its sentence against the other side's sentences within
        ``SKIP_CONFIDENCE_WINDOW`` positions of where it stands (confident when none resembles
        it). O(len(path) * window * dim)."""
        scores = np.zeros(len(path))
        by_shape: dict[tuple[int, int], list[int]] = {}
        owners: list[int] = []
        near_src: list[int] = []
        near_tgt: list[int] = []
        window = SKIP_CONFIDENCE_WINDOW
        for k, (i, j, a, b) in enumerate(path):
            if a and b:
                by_shape.setdefault((a, b), []).append(k)
                continue
            if a:
                cols = range(max(0, j - window), min(scorer.n_tgt, j + window))
                near_src.extend([i] * len(cols))
                near_tgt.extend(cols)
                owners.extend([k] * len(cols))
            else:
                rows = range(max(0, i - window), min(scorer.n_src, i + window))
                near_src.extend(rows)
                near_tgt.extend([j] * len(rows))
                owners.extend([k] * len(rows))
        for (a, b), members in by_shape.items():
            index = np.array(members)
            starts = np.array([path[k][:2] for k in members])
            scores[index] = scorer.paired_confidence(a, b, starts[:, 0], starts[:, 1])
        best_nearby = np.zeros(len(path))
        if owners:
            nearby = scorer.paired_confidence(1, 1, np.array(near_src), np.array(near_tgt))
            np.maximum.at(best_nearby, np.array(owners), nearby)
        beads = []
        for k, (i, j, a, b) in enumerate(path):
            score = scores[k] if a and b else 1.0 - best_nearby[k]
            beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), _unit(score)))
        return beads

    def _pair_moved(self, scorer: BeadScorer, beads: list[Bead]) -> list[Bead]:
        """Pair a 1-0 bead and a 0-1 bead when their content similarity (embeddings and / or MT
        only; never with length alone) is at least ``moved_threshold`` and each is the other's
        best match among the left-over sentences. The pair takes the place of the 1-0 bead,
        with ``moved=True``, and the 0-1 bead goes; when the two beads stand side by side the
        pair is an ordinary (monotone) 1-1 bead instead. O(omissions * additions * dim)."""
        omitted = [k for k, bead in enumerate(beads) if bead.src and not bead.tgt]
        added = [k for k, bead in enumerate(beads) if bead.tgt and not bead.src]
        if not omitted or not added:
            return beads
        similarity = scorer.content_matrix(
            np.array([beads[k].src[0] for k in omitted]), np.array([beads[k].tgt[0] for k in added])
        )
        if similarity is None:
            return beads
        best_added = np.argmax(similarity, axis=1)
        best_omitted = np.argmax(similarity, axis=0)
        replaced: dict[int, Bead] = {}
        dropped: set[int] = set()
        for row, col in enumerate(best_added):
            value = float(similarity[row, col])
            if best_omitted[col] != row or value < self.config.moved_threshold:
                continue
            src_index, tgt_index = omitted[row], added[col]
            moved = abs(src_index - tgt_index) > 1  # side by side: an ordinary 1-1 bead
            keep_at = min(src_index, tgt_index) if not moved else src_index
            replaced[keep_at] = Bead(
                beads[src_index].src, beads[tgt_index].tgt, _unit(value), moved=moved
            )
            dropped.add(tgt_index if keep_at == src_index else src_index)
        return [replaced.get(k, bead) for k, bead in enumerate(beads) if k not in dropped]


def _bead_cost(
    scorer: BeadScorer,
    step: tuple[int, int, int, int],
    skip_penalty: float,
    cache: dict[tuple[int, int, int, int], float],
) -> float:
    """Search cost of one bead ``(i, j, a, b)`` (a skip costs ``skip_penalty``), memoised."""
    i, j, a, b = step
    if not a or not b:
        return skip_penalty
    if step not in cache:
        cache[step] = float(scorer.block(a, b, range(i, i + 1), range(j, j + 1))[0][0, 0])
    return cache[step]


def _places(path: list[tuple[int, int, int, int]], n_tgt: int) -> np.ndarray:
    """For each target sentence, the first source position of the bead that holds it."""
    place = np.zeros(n_tgt, dtype=np.int64)
    for i, j, _, b in path:
        place[j : j + b] = i
    return place


def _move_candidates(
    scorer: BeadScorer, path: list[tuple[int, int, int, int]], config: AlignConfig
) -> list[tuple[int, int]]:
    """Candidate moves ``(i, j)`` for :meth:`Aligner._reorder`, most similar first.
    O(m * (2 * move_window + block) * (e + h)) in blocks of 256 target sentences."""
    n_src, n_tgt = scorer.n_src, scorer.n_tgt
    bead_of_src = np.zeros(n_src, dtype=np.int64)
    bead_of_tgt = np.zeros(n_tgt, dtype=np.int64)
    for k, (i, j, a, b) in enumerate(path):
        bead_of_src[i : i + a] = k
        bead_of_tgt[j : j + b] = k
    place = _places(path, n_tgt)  # where the path puts each target sentence
    spread = scorer.content_spread_single()
    if not spread:
        return []
    window = config.move_window
    # best and runner-up per target (over sources) and per source (over targets)
    col_best = np.full(n_tgt, -np.inf)
    col_second = np.full(n_tgt, -np.inf)
    col_arg = np.full(n_tgt, -1, dtype=np.int64)
    row_best = np.full(n_src, -np.inf)
    row_second = np.full(n_src, -np.inf)
    row_arg = np.full(n_src, -1, dtype=np.int64)
    block = 256
    for first in range(0, n_tgt, block):
        cols = np.arange(first, min(n_tgt, first + block))
        lo = max(0, int(place[cols].min()) - window)
        hi = min(n_src, int(place[cols].max()) + window + 1)
        rows = np.arange(lo, hi)
        values = scorer.content_matrix(rows, cols)
        assert values is not None
        # out of the window: not a candidate
        near = np.abs(rows[:, None] - place[cols][None, :]) <= window
        values = np.where(near, values, -np.inf)
        _top_two(values, col_best, col_second, col_arg, cols, rows)
        _top_two(values.T, row_best, row_second, row_arg, rows, cols)
    found = []
    for j in range(n_tgt):
        i = int(col_arg[j])
        if i < 0 or row_arg[i] != j:
            continue
        best = col_best[j]
        lead = min(best - col_second[j], best - row_second[i])
        if best / spread < config.move_z or lead / spread < config.move_margin:
            continue
        if abs(int(bead_of_src[i]) - int(bead_of_tgt[j])) <= 1:
            continue
        _log.debug(
            "move candidate %d -> %d: z %.2f, lead %.2f, beads %d apart, place %d",
            i,
            j,
            best / spread,
            lead / spread,
            abs(int(bead_of_src[i]) - int(bead_of_tgt[j])),
            int(place[j]),
        )
        found.append((float(best), i, j))
    found.sort(reverse=True)
    return [(i, j) for _, i, j in found[: config.move_candidates]]


def _top_two(
    values: np.ndarray,
    best: np.ndarray,
    second: np.ndarray,
    arg: np.ndarray,
    ids: np.ndarray,
    others: np.ndarray,
) -> None:
    """Update the best value, its index (in ``others``) and the runner-up of each column
    ``ids`` of ``values`` (rows: ``others``), in place."""
    if values.shape[0] == 0:
        return
    order = np.argsort(-values, axis=0)
    top = np.take_along_axis(values, order[:1], axis=0)[0]
    runner = (
        np.take_along_axis(values, order[1:2], axis=0)[0]
        if values.shape[0] > 1
        else np.full(values.shape[1], -np.inf)
    )
    old_best, old_second = best[ids], second[ids]
    new_best = np.maximum(old_best, top)
    # runner-up of the union: the larger of the two lesser values
    new_second = np.maximum(np.minimum(old_best, top), np.maximum(old_second, runner))
    take = top > old_best
    arg[ids] = np.where(take, others[order[0]], arg[ids])
    best[ids], second[ids] = new_best, new_second


def _place_moves(scorer: BeadScorer, beads: list[Bead], moves: list[tuple[int, int]]) -> list[Bead]:
    """Replace the 1-0 bead of each moved source sentence by the moved bead (flagged, scored
    by its content similarity) and drop the 0-1 bead of its target sentence."""
    pairs = dict(moves)
    moved_tgt = set(pairs.values())
    similarity = scorer.content_matrix(
        np.array([i for i, _ in moves]), np.array([j for _, j in moves])
    )
    assert similarity is not None
    score = {i: float(similarity[k, k]) for k, (i, _) in enumerate(moves)}
    result = []
    for bead in beads:
        if len(bead.src) == 1 and not bead.tgt and bead.src[0] in pairs:
            i = bead.src[0]
            result.append(Bead((i,), (pairs[i],), _unit(score[i]), moved=True))
        elif len(bead.tgt) == 1 and not bead.src and bead.tgt[0] in moved_tgt:
            continue
        else:
            result.append(bead)
    return result


def pooled_ngrams(translations: Sequence[list[str]], sizes: Sequence[int], dim: int) -> np.ndarray:
    """Hashed character n-gram counts of one or several translations of the same sentences,
    summed per sentence (Bleualign reads several translations the same way). With more than
    one, each translation's counts are first divided by their mean row norm, so that a verbose
    translation (a word gloss) weighs no more than a terse one. O(total characters * len(sizes)
    + translations * rows * dim)."""
    matrices = [
        hashed_char_ngrams([normalize_for_ngrams(s) for s in translation], sizes, dim)
        for translation in translations
    ]
    if len(matrices) == 1:
        return matrices[0]
    pooled = np.zeros_like(matrices[0])
    for counts in matrices:
        mean_norm = float(np.linalg.norm(counts, axis=1).mean()) if len(counts) else 0.0
        if mean_norm > 0:
            pooled += counts / mean_norm
    return pooled


def _unit(value: float) -> float:
    return float(min(1.0, max(0.0, value)))


def _coarse_band(scorer: BeadScorer, config: AlignConfig) -> Band:
    """Band around a coarse alignment of blocks of sentences, refined recursively.

    Blocks hold ``coarse_block`` source sentences and about as many target sentences as the
    sentence-count ratio predicts, so that most coarse beads are 1-1; the coarse search (1-1,
    1-2, 2-1, 2-2 and skips) is itself banded when still too large. The fine band covers each
    coarse bead's rectangle widened by ``band_margin`` sentences. Time
    O(cells of the coarse search * dim) + O((n + m) * dim).
    """
    n_src, n_tgt = scorer.n_src, scorer.n_tgt
    src_block = config.coarse_block
    tgt_block = max(1, round(config.coarse_block * scorer.sentence_ratio))
    coarse = coarsen(scorer, src_block, tgt_block)
    coarse_band = None
    if (coarse.n_src + 1) * (coarse.n_tgt + 1) > config.full_search_cells:
        coarse_band = _coarse_band(coarse, config)
    path = search(
        coarse.n_src,
        coarse.n_tgt,
        [(1, 1), (1, 2), (2, 1), (2, 2)],
        # a coarse bead stands for about src_block fine beads, a coarse skip for a block of skips
        lambda a, b, rows, cols: coarse.block(a, b, rows, cols)[0] * src_block,
        config.skip_penalty * (src_block + tgt_block) / 2,
        band=coarse_band,
    )
    points = [(0, 0)] + [
        (min(n_src, (i + a) * src_block), min(n_tgt, (j + b) * tgt_block)) for i, j, a, b in path
    ]
    return band_around_path(points, n_src, n_tgt, config.band_margin)


def align(
    src: list[str],
    tgt: list[str],
    mt: list[str] | None = None,
    *,
    more_mt: Sequence[list[str]] = (),
    encoder: Encoder | None = None,
    config: AlignConfig | None = None,
) -> list[Bead]:
    """Align ``src`` with ``tgt`` (see :meth:`Aligner.align`)."""
    return Aligner(config, encoder).align(src, tgt, mt, more_mt=more_mt)


__all__ = ["AlignConfig", "Aligner", "align"]
