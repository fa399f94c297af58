"""Cost model of candidate beads: the bead cost, its confidence, the per-pair scorer, coarsening.

A bead's cost (:func:`bead_cost`) combines its signals (:mod:`translate_eval.align.features`)
with a Poisson prior on its shape, weighted by the :class:`AlignConfig` fields themselves; the
mismatch term charges beads whose content (the bead's, or that of its least related sentence
against the bead's other side) is near random level. :class:`BeadScorer` serves the costs and
confidences of one document pair in rectangular blocks for the search.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from translate_eval.align.config import AlignConfig
from translate_eval.align.features import RunCosine, RunProducts, SpanVectors, length_similarity

#: The cost given to a bead that joins a headline with the sentences after it: never chosen.
HEADLINE_JOIN_COST = 1e9


def shape_log_prior(a: int, b: int, sentence_ratio: float, rate_floor: float) -> float:
    """log P(a-b bead) when the extra sentences on each side are Poisson distributed:
    ``b - 1 ~ Poisson(max(ratio - 1, floor))`` and ``a - 1 ~ Poisson(max(1/ratio - 1, floor))``
    with ``ratio`` = target sentences / source sentences of the documents, so a translation
    with twice as many sentences as its source expects 1-2 beads. O(1)."""
    target_rate = max(sentence_ratio - 1.0, rate_floor)
    source_rate = max(1.0 / sentence_ratio - 1.0, rate_floor)

    def log_poisson(k: int, rate: float) -> float:
        return k * math.log(rate) - rate - math.lgamma(k + 1)

    return log_poisson(a - 1, source_rate) + log_poisson(b - 1, target_rate)


#: The content signals, in the order of their shares (see :func:`content_shares`).
CONTENT_SIGNALS = ("embedding", "mt_embedding", "mt")


def content_shares(names: Iterable[str], config: AlignConfig) -> list[tuple[str, float]]:
    """Weights of the content signals present (``names``): ``embedding_share`` for the
    source-target embeddings, ``mt_embedding_share`` for the MT-target embeddings and the rest
    for the MT n-grams, renormalised over the signals present (one signal alone weighs 1)."""
    given = set(names)
    present = [name for name in CONTENT_SIGNALS if name in given]
    if len(present) <= 1:
        return [(name, 1.0) for name in present]
    shares = {
        "embedding": config.embedding_share,
        "mt_embedding": config.mt_embedding_share,
        "mt": 1.0 - config.embedding_share - config.mt_embedding_share,
    }
    total = sum(shares[name] for name in present)
    return [(name, shares[name] / total) for name in present]


def content_similarity(features: dict[str, np.ndarray], config: AlignConfig) -> np.ndarray | None:
    """Mix (:func:`content_shares`) of the rescaled embedding, MT-embedding and MT n-gram
    cosines present in ``features``, or None when none is."""
    mix = content_shares((n for n in CONTENT_SIGNALS if features.get(n) is not None), config)
    if not mix:
        return None
    return sum(share * features[name] for name, share in mix)  # type: ignore[return-value]


def content_spread(features: dict[str, np.ndarray], config: AlignConfig) -> float | None:
    """Standard deviation of :func:`content_similarity` over random pairs (from the signals'
    ``*_spread`` features; the signals' random similarities taken as independent), or None
    when there is no content signal."""
    present = (n for n in CONTENT_SIGNALS if features.get(f"{n}_spread") is not None)
    mix = content_shares(present, config)
    if not mix:
        return None
    return float(np.sqrt(sum((share * features[f"{name}_spread"]) ** 2 for name, share in mix)))


def bead_cost(
    features: dict[str, np.ndarray], a: int, b: int, config: AlignConfig, sentence_ratio: float
) -> np.ndarray:
    """Cost of candidate a-b beads from their :meth:`BeadScorer.features`::

        length_weight * -log P_length
        + prior_weight * -log P(a-b shape)              (see shape_log_prior)
        - content_weight * content similarity           (missing_content without encoder / MT)
        + mismatch_weight * max(0, mismatch_floor - z)  (only with encoder / MT)
        + number_weight * (1/2 - numbers Dice)          (where either side writes a number)
        - name_weight * names overlap                   (where both sides hold an anchor name)

    where ``z`` is the content similarity divided by its spread over random pairs
    (:func:`content_spread`), or the ``member_z`` feature (see :meth:`BeadScorer.member_z`)
    when lower: a bead at random content level, or with a sentence unrelated to the bead's
    other side, pays ``mismatch_weight * mismatch_floor`` or more.

    Lower is better; a good bead has a negative cost. O(size of the arrays)."""
    cost = config.length_weight * -np.log(np.maximum(features["length"], 1e-12))
    cost = cost - config.prior_weight * shape_log_prior(a, b, sentence_ratio, config.rate_floor)
    content = content_similarity(features, config)
    if content is None:
        cost = cost - config.content_weight * config.missing_content
    else:
        cost = cost - config.content_weight * content
        spread = content_spread(features, config)
        if config.mismatch_weight and spread:
            z = content / spread
            if "member_z" in features:
                z = np.minimum(z, features["member_z"])
            cost = cost + config.mismatch_weight * np.maximum(config.mismatch_floor - z, 0.0)
    if "numbers" in features and config.number_weight:
        cost = (
            cost + config.number_weight * (0.5 - features["numbers"]) * features["numbers_present"]
        )
    if "names" in features and config.name_weight:
        cost = cost - config.name_weight * features["names"]
    return cost


def bead_confidence(features: dict[str, np.ndarray], config: AlignConfig) -> np.ndarray:
    """Confidence in [0, 1] that candidate beads are translations: the content similarity
    (clipped) when an encoder or MT is present, else the length probability."""
    content = content_similarity(features, config)
    return np.clip(features["length"] if content is None else content, 0.0, 1.0)


class BeadScorer:
    """Signals, costs and confidences of candidate beads of one document pair.

    ``config`` gives the cost's weights and the length variance; ``max_src`` and ``max_tgt``
    the largest bead sides asked for (the coarse scorer of :func:`coarsen` asks for 2 x 2).
    Build it once per pair (per-sentence features: O((n + m) * dim) plus the encoder's time),
    then ask for blocks: :meth:`block` gives, for one bead shape ``(a, b)`` and rectangular
    ranges of start positions, the cost (:func:`bead_cost`) and the confidence.
    ``numbers`` are additive count vectors of the numbers each sentence writes, ``names`` of
    the anchor names it shares with the other side (:mod:`translate_eval.align.anchors`).
    """

    def __init__(
        self,
        src_chars: np.ndarray,
        tgt_chars: np.ndarray,
        *,
        config: AlignConfig,
        max_src: int,
        max_tgt: int,
        embeddings: tuple[SpanVectors, SpanVectors] | None = None,
        mt_ngrams: tuple[SpanVectors, SpanVectors] | None = None,
        numbers: tuple[SpanVectors, SpanVectors] | None = None,
        mt_embeddings: tuple[SpanVectors, SpanVectors] | None = None,
        names: tuple[SpanVectors, SpanVectors] | None = None,
        headlines: tuple[int, int] = (0, 0),
    ) -> None:
        self.headlines = headlines
        self.n_src = len(src_chars)
        self.n_tgt = len(tgt_chars)
        self.src_prefix = np.concatenate([[0.0], np.cumsum(src_chars)])
        self.tgt_prefix = np.concatenate([[0.0], np.cumsum(tgt_chars)])
        total_src = self.src_prefix[-1]
        self.char_ratio = float(self.tgt_prefix[-1] / total_src) if total_src > 0 else 1.0
        self.sentence_ratio = self.n_tgt / max(self.n_src, 1)
        self.config = config
        self.length_variance = config.length_variance
        self.max_src, self.max_tgt = max_src, max_tgt
        self.embeddings, self.mt_ngrams, self.numbers = embeddings, mt_ngrams, numbers
        self.mt_embeddings = mt_embeddings
        self.signals: dict[str, RunCosine] = {}
        if embeddings is not None:
            self.signals["embedding"] = RunCosine(*embeddings, max_src, max_tgt)
        if mt_embeddings is not None:
            self.signals["mt_embedding"] = RunCosine(*mt_embeddings, max_src, max_tgt)
        if mt_ngrams is not None:
            self.signals["mt"] = RunCosine(*mt_ngrams, max_src, max_tgt)
        self.number_products = (
            RunProducts(*numbers, max_src, max_tgt) if numbers is not None else None
        )
        self.names = names
        self.name_products = RunProducts(*names, max_src, max_tgt) if names is not None else None
        # (signal, a, b) -> (first row, first col, rescaled cosines of a rectangle of starts)
        self._content_cache: dict[tuple[str, int, int], tuple[int, int, np.ndarray]] = {}

    @property
    def has_content(self) -> bool:
        """Whether an embedding or MT signal is present."""
        return bool(self.signals)

    def features(self, a: int, b: int, rows: range, cols: range) -> dict[str, np.ndarray]:
        """Signals of beads of ``a`` source sentences starting at each of ``rows`` and ``b``
        target sentences starting at each of ``cols`` (runs must fit in the documents), as
        arrays (len(rows), len(cols)): ``length`` (Gale-Church probability), ``embedding`` and
        ``mt`` (rescaled cosines, see :class:`RunCosine`) with their random-pair spreads
        ``embedding_spread`` and ``mt_spread`` (0-d arrays), ``member_z`` (beads of 3 or more
        sentences with a content signal, see :meth:`member_z`), ``numbers`` (Dice overlap of
        the numbers) and ``numbers_present`` (1 where either side writes a number), ``names``
        (anchor names both sides hold, over the fewer of the two sides' names: 0 where a side
        holds none). O(len(rows) * len(cols)) per shape once the rectangle's products are
        known."""
        starts_src, starts_tgt = np.array(rows), np.array(cols)
        src_len = (self.src_prefix[starts_src + a] - self.src_prefix[starts_src])[:, None]
        tgt_len = (self.tgt_prefix[starts_tgt + b] - self.tgt_prefix[starts_tgt])[None, :]
        result = {
            "length": length_similarity(src_len, tgt_len, self.char_ratio, self.length_variance)
        }
        for name, signal in self.signals.items():
            result[name] = self._signal_block(name, a, b, rows, cols)
            result[f"{name}_spread"] = np.array(signal.spread(a, b))
        if self.signals and a + b >= 3:
            result["member_z"] = self.member_z(a, b, rows, cols)
        if self.number_products is not None and self.numbers is not None:
            shared = self.number_products.block(a, b, rows, cols)
            src_sq = self.numbers[0].squared_norms(a)[rows.start : rows.stop][:, None]
            tgt_sq = self.numbers[1].squared_norms(b)[cols.start : cols.stop][None, :]
            total = src_sq + tgt_sq
            result["numbers_present"] = (total > 0).astype(np.float64)
            result["numbers"] = np.minimum(2.0 * shared / np.maximum(total, 1e-12), 1.0)
        if self.name_products is not None and self.names is not None:
            shared = self.name_products.block(a, b, rows, cols)
            src_sq = self.names[0].squared_norms(a)[rows.start : rows.stop][:, None]
            tgt_sq = self.names[1].squared_norms(b)[cols.start : cols.stop][None, :]
            fewer = np.minimum(src_sq, tgt_sq)
            result["names"] = np.where(
                fewer > 0, np.minimum(shared / np.maximum(fewer, 1e-12), 1.0), 0.0
            )
        return result

    def member_z(self, a: int, b: int, rows: range, cols: range) -> np.ndarray:
        """For beads of ``a`` source sentences starting at ``rows`` and ``b`` target sentences
        starting at ``cols`` (``a + b >= 3``): the least content similarity of one of its
        sentences with the bead's whole other side, in standard deviations of random pairs
        (see :func:`content_spread`). A sentence of a merge or split that has nothing to do
        with the other side scores about 0. O(len(rows) * len(cols) * (a + b)) plus the
        signals of the (a, 1) and (1, b) runs."""
        config = self.config
        least = np.full((len(rows), len(cols)), np.inf)
        for size, axis, member_shape in ((b, 1, (a, 1)), (a, 0, (1, b))):
            if size < 2:
                continue
            member_rows = range(rows.start, rows.stop + (size - 1 if axis == 0 else 0))
            member_cols = range(cols.start, cols.stop + (size - 1 if axis == 1 else 0))
            features: dict[str, np.ndarray] = {}
            for name, signal in self.signals.items():
                features[name] = self._signal_block(name, *member_shape, member_rows, member_cols)
                features[f"{name}_spread"] = np.array(signal.spread(*member_shape))
            content = content_similarity(features, config)
            spread = content_spread(features, config)
            assert content is not None and spread is not None
            z = content / max(spread, 1e-6)
            # least z over each window of ``size`` consecutive members (exact; size passes)
            for shift in range(size):
                window = (
                    z[shift : shift + len(rows)] if axis == 0 else z[:, shift : shift + len(cols)]
                )
                least = np.minimum(least, window)
        return least

    def _signal_block(self, name: str, a: int, b: int, rows: range, cols: range) -> np.ndarray:
        """``self.signals[name].block(a, b, rows, cols)``, served from a cached rectangle when
        inside it. A miss computes the rectangle widened by ``max_src`` rows above and
        ``max_tgt`` columns to the left (clipped), which holds the member blocks that
        :meth:`member_z` asks for next for the same chunk, so each signal block of a search
        chunk is computed once. Memory: one rectangle per (signal, shape)."""
        key = (name, a, b)
        cached = self._content_cache.get(key)
        if cached is not None:
            row0, col0, values = cached
            if (
                row0 <= rows.start
                and rows.stop <= row0 + values.shape[0]
                and col0 <= cols.start
                and cols.stop <= col0 + values.shape[1]
            ):
                return values[
                    rows.start - row0 : rows.stop - row0, cols.start - col0 : cols.stop - col0
                ]
        if len(rows) == 0 or len(cols) == 0:
            return self.signals[name].block(a, b, rows, cols)
        wide_rows = range(max(0, rows.start - self.max_src), rows.stop)
        wide_cols = range(max(0, cols.start - self.max_tgt), cols.stop)
        values = self.signals[name].block(a, b, wide_rows, wide_cols)
        self._content_cache[key] = (wide_rows.start, wide_cols.start, values)
        return values[rows.start - wide_rows.start :, cols.start - wide_cols.start :]

    def block(self, a: int, b: int, rows: range, cols: range) -> tuple[np.ndarray, np.ndarray]:
        """(cost, confidence) arrays (len(rows), len(cols)) of beads of ``a`` source sentences
        starting at ``rows`` and ``b`` target sentences starting at ``cols``."""
        features = self.features(a, b, rows, cols)
        cost = bead_cost(features, a, b, self.config, self.sentence_ratio)
        # A headline is never joined with the sentences after it (a title is not a sentence);
        # it may join the title lines just under it (headlines[side] of them, itself included).
        if self.headlines[0] and a > self.headlines[0] and rows.start == 0 and len(rows):
            cost[0, :] = HEADLINE_JOIN_COST
        if self.headlines[1] and b > self.headlines[1] and cols.start == 0 and len(cols):
            cost[:, 0] = HEADLINE_JOIN_COST
        return cost, bead_confidence(features, self.config)

    def paired_confidence(
        self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray
    ) -> np.ndarray:
        """Confidence (see :func:`bead_confidence`) of the beads of ``a`` source sentences at
        ``src_starts[k]`` and ``b`` target sentences at ``tgt_starts[k]``, pair by pair: the
        diagonal of :meth:`block`'s confidence, up to float rounding. O(pairs * (a + b) * dim)."""
        src_starts = np.asarray(src_starts, dtype=np.int64)
        tgt_starts = np.asarray(tgt_starts, dtype=np.int64)
        features: dict[str, np.ndarray] = {}
        if self.signals:
            for name, signal in self.signals.items():
                features[name] = signal.paired(a, b, src_starts, tgt_starts)
        else:
            src_len = self.src_prefix[src_starts + a] - self.src_prefix[src_starts]
            tgt_len = self.tgt_prefix[tgt_starts + b] - self.tgt_prefix[tgt_starts]
            features["length"] = length_similarity(
                src_len, tgt_len, self.char_ratio, self.length_variance
            )
        return bead_confidence(features, self.config)

    def content_spread_single(self) -> float | None:
        """Standard deviation of the content similarity of random single-sentence pairs (see
        :func:`content_spread`), or None without embeddings and MT."""
        features = {f"{name}_spread": np.array(s.spread(1, 1)) for name, s in self.signals.items()}
        return content_spread(features, self.config)

    def content_matrix(self, src_ids: np.ndarray, tgt_ids: np.ndarray) -> np.ndarray | None:
        """Content similarity (see :func:`content_similarity`) of single source sentences
        ``src_ids`` vs single target sentences ``tgt_ids`` as a matrix, or None when the scorer
        has neither embeddings nor MT. O(len(src_ids) * len(tgt_ids) * dim)."""
        features = {name: signal.singles(src_ids, tgt_ids) for name, signal in self.signals.items()}
        return content_similarity(features, self.config)


def _block_sums(vectors: np.ndarray, block: int) -> np.ndarray:
    """Sums of consecutive groups of ``block`` rows (the last group may be shorter)."""
    return np.add.reduceat(vectors, np.arange(0, vectors.shape[0], block), axis=0)


def coarsen(scorer: BeadScorer, src_block: int, tgt_block: int) -> BeadScorer:
    """A scorer over blocks of ``src_block`` source and ``tgt_block`` target sentences: block
    lengths are sums, block vectors are sums of sentence vectors (embeddings of single
    sentences, MT n-grams); numbers and names are left out. O((n + m) * dim)."""

    def block_lengths(prefix: np.ndarray, block: int) -> np.ndarray:
        edges = np.append(np.arange(0, len(prefix) - 1, block), len(prefix) - 1)
        return np.diff(prefix[edges])

    def pair(
        vectors: tuple[SpanVectors, SpanVectors] | None,
    ) -> tuple[SpanVectors, SpanVectors] | None:
        if vectors is None:
            return None
        src = vectors[0].sentence_vectors(np.arange(vectors[0].count))
        tgt = vectors[1].sentence_vectors(np.arange(vectors[1].count))
        return SpanVectors(_block_sums(src, src_block)), SpanVectors(_block_sums(tgt, tgt_block))

    return BeadScorer(
        block_lengths(scorer.src_prefix, src_block),
        block_lengths(scorer.tgt_prefix, tgt_block),
        config=scorer.config,
        max_src=2,
        max_tgt=2,
        embeddings=pair(scorer.embeddings),
        mt_ngrams=pair(scorer.mt_ngrams),
        mt_embeddings=pair(scorer.mt_embeddings),
    )
