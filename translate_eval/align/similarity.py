"""Similarity signals and costs of candidate beads (runs of source vs runs of target sentences).

Signals, for a candidate bead of the source sentences ``i .. i+a-1`` and the target sentences
``j .. j+b-1``:

* length: Gale-Church probability on character counts, with the target/source ratio of the two
  documents themselves;
* embedding: cosine of the embeddings of the *concatenated* sentences of each side (Vecalign's
  idea; or of summed sentence embeddings), rescaled so that the average random pair of the same
  shape scores 0 and identical vectors 1;
* MT: cosine of tf-idf weighted, hashed character n-gram counts of the concatenated MT of the
  source side and of the target side (a chrF-like overlap; Bleualign's idea), rescaled the same
  way;
* MT embedding (when ``mt_embedding_share`` > 0): the embedding cosine of the concatenated MT
  of the source side and the target side, a monolingual comparison that helps where the
  encoder reads the source language poorly (Classical Arabic), rescaled the same way;
* numbers: Dice overlap of the numbers written in digits on each side;
* mismatch: the content in standard deviations of random pairs (the bead's, or that of its
  least related sentence against the bead's other side), for the hinge penalty on beads whose
  content is near random level.

Additive signals (n-grams, numbers, summed embeddings) never build run vectors for every
candidate: one Gram matrix of sentence vectors per rectangle of candidates, turned into a 2-D
prefix sum, gives every bead shape in O(1) per candidate (:class:`RunProducts`). Concatenation
embeddings cost one matrix product per shape. :func:`bead_cost` combines the signals with a
Poisson prior on the bead's shape.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from translate_eval.text.arabic import to_ascii_digits

_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_NON_WORD_RE = re.compile(r"[\W_]+")
_HASH_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_HASH_MIX = np.uint64(0xBF58476D1CE4E5B9)
RANDOM_PAIR_SAMPLES = 256
MAD_TO_SD = 1.4826
"""Median absolute deviation times this estimates the standard deviation of a normal law."""
_HASH_CHUNK = 512
_PAIR_CHUNK = 1024


def erfc(values: np.ndarray) -> np.ndarray:
    """Complementary error function, elementwise (Abramowitz-Stegun 7.1.26, |error| < 1.5e-7)."""
    x = np.abs(values)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    result = poly * np.exp(-x * x)
    return np.where(values >= 0, result, 2.0 - result)


def char_lengths(sentences: Sequence[str]) -> np.ndarray:
    """Number of non-space characters of each sentence, as float64 (at least 1)."""
    return np.array([max(1, len("".join(s.split()))) for s in sentences], dtype=np.float64)


def length_similarity(
    src_chars: np.ndarray, tgt_chars: np.ndarray, ratio: float, variance: float
) -> np.ndarray:
    """Gale-Church probability that spans of these character counts are translations.

    ``delta = (tgt - ratio * src) / sqrt(variance * (ratio * src + tgt) / 2)`` and the result
    is ``P(|Z| >= |delta|) = erfc(|delta| / sqrt(2))``, 1 for a perfect length match.
    Broadcasts its array arguments. O(size of the broadcast).
    """
    expected = ratio * src_chars
    spread = np.sqrt(variance * np.maximum((expected + tgt_chars) / 2.0, 1.0))
    return erfc(np.abs(tgt_chars - expected) / (spread * np.sqrt(2.0)))


def normalize_for_ngrams(text: str) -> str:
    """Lowercase, ASCII digits, punctuation and runs of spaces to one space, padded by spaces."""
    return " " + _NON_WORD_RE.sub(" ", to_ascii_digits(text).lower()).strip() + " "


def _hash_ids(codes: np.ndarray, starts: np.ndarray, size: int) -> np.ndarray:
    """64-bit polynomial hashes of ``codes[s : s + size]`` for every start ``s``."""
    hashes = np.zeros(len(starts), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(size):
            hashes = hashes * _HASH_MULTIPLIER + codes[starts + offset]
        hashes ^= hashes >> np.uint64(31)
        hashes *= _HASH_MIX
        hashes ^= hashes >> np.uint64(29)
    return hashes


def hashed_char_ngrams(
    texts: Sequence[str], sizes: Sequence[int], dim: int, signed: bool = True
) -> np.ndarray:
    """Counts of the character n-grams (of each length in ``sizes``) of every text, hashed into
    ``dim`` buckets; with ``signed`` each n-gram adds +1 or -1 so that dot products of the rows
    estimate those of the exact count vectors without bias.

    Texts are used as given (see :func:`normalize_for_ngrams`). Hashing is deterministic
    (no Python ``hash``). O(total characters * len(sizes)) in numpy.
    """
    matrix = np.zeros((len(texts), dim), dtype=np.float32)
    for first in range(0, len(texts), _HASH_CHUNK):
        chunk = texts[first : first + _HASH_CHUNK]
        matrix[first : first + len(chunk)] = _hashed_chunk(chunk, sizes, dim, signed)
    return matrix


def _hashed_chunk(texts: Sequence[str], sizes: Sequence[int], dim: int, signed: bool) -> np.ndarray:
    joined = "\x00".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    text_of_char = np.repeat(np.arange(len(texts)), [len(t) + 1 for t in texts])[: len(codes)]
    counts = np.zeros(len(texts) * dim)
    for size in sizes:
        if len(codes) < size:
            continue
        starts = np.arange(len(codes) - size + 1)
        keep = text_of_char[starts] == text_of_char[starts + size - 1]
        keep &= codes[starts + size - 1] != 0
        starts = starts[keep]
        hashes = _hash_ids(codes, starts, size) + np.uint64(size)
        buckets = (hashes % np.uint64(dim)).astype(np.int64)
        weights = (
            np.where((hashes >> np.uint64(63)) == 1, -1.0, 1.0) if signed else np.ones(len(starts))
        )
        counts += np.bincount(
            text_of_char[starts] * dim + buckets, weights=weights, minlength=len(counts)
        )
    return counts.reshape(len(texts), dim).astype(np.float32)


def idf_weights(*count_matrices: np.ndarray) -> np.ndarray:
    """Inverse document frequency of each bucket over all rows of the given matrices:
    ``log((1 + rows) / (1 + rows holding the bucket)) + 1``. O(total size)."""
    present = sum(np.count_nonzero(m, axis=0) for m in count_matrices)
    rows = sum(m.shape[0] for m in count_matrices)
    return (np.log((1.0 + rows) / (1.0 + np.asarray(present))) + 1.0).astype(np.float32)


def numbers_in(text: str) -> list[str]:
    """Numbers written in ``text`` (Arabic-Indic digits read as ASCII, thousands commas dropped)."""
    return [m.replace(",", "") for m in _NUMBER_RE.findall(to_ascii_digits(text))]


def hashed_tokens(token_lists: Sequence[Sequence[str]], dim: int) -> np.ndarray:
    """Unsigned hashed counts of tokens (e.g. numbers) per row. O(total token characters)."""
    matrix = np.zeros((len(token_lists), dim), dtype=np.float32)
    for row, tokens in enumerate(token_lists):
        for token in tokens:
            codes = np.frombuffer(token.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
            bucket = int(_hash_ids(codes, np.array([0]), len(codes))[0] % np.uint64(dim))
            matrix[row, bucket] += 1.0
    return matrix


class SpanVectors:
    """Vectors for runs of consecutive sentences of one side.

    Either *additive* (a run's vector is the sum of its sentences' vectors; give ``sentence``)
    or *precomputed* (``by_size[k - 1][s]`` is the vector of the run of ``k`` sentences starting
    at ``s``, e.g. the embedding of their concatenation).
    """

    def __init__(
        self,
        sentence: np.ndarray | None = None,
        by_size: Sequence[np.ndarray] | None = None,
    ) -> None:
        if (sentence is None) == (by_size is None):
            raise ValueError("give exactly one of sentence vectors or per-size span vectors")
        self.sentence = None if sentence is None else np.asarray(sentence, dtype=np.float32)
        self.by_size = None if by_size is None else [np.asarray(v, np.float32) for v in by_size]
        base = self.sentence if self.sentence is not None else self.by_size[0]
        self.count = base.shape[0]
        self.dim = base.shape[1]
        self._squared_norms: dict[int, np.ndarray] = {}
        self._nonzero_rows: np.ndarray | None = None

    @property
    def additive(self) -> bool:
        """Whether run vectors are sums of sentence vectors."""
        return self.sentence is not None

    def max_size(self) -> int:
        """Longest run available (unbounded for additive vectors)."""
        return self.count if self.by_size is None else len(self.by_size)

    def spans(self, size: int, starts: np.ndarray) -> np.ndarray:
        """Vectors of the runs of ``size`` sentences starting at ``starts``.
        O(len(starts) * size * dim)."""
        if self.by_size is not None:
            return self.by_size[size - 1][starts]
        assert self.sentence is not None
        total = self.sentence[starts].copy()
        for offset in range(1, size):
            total += self.sentence[starts + offset]
        return total

    def nonzero_rows(self) -> np.ndarray:
        """Boolean mask of the sentences whose vector is not all zero (cached). O(count * dim)."""
        if self._nonzero_rows is None:
            base = self.sentence if self.sentence is not None else self.by_size[0]
            self._nonzero_rows = np.any(base != 0, axis=1)
        return self._nonzero_rows

    def sentence_vectors(self, ids: np.ndarray) -> np.ndarray:
        """Vectors of single sentences ``ids``."""
        return self.sentence[ids] if self.sentence is not None else self.by_size[0][ids]

    def squared_norms(self, size: int) -> np.ndarray:
        """Squared length of the vector of every run of ``size`` (cached). For additive vectors
        from the dot products of sentences less than ``size`` apart: O(count * size * dim)."""
        if size not in self._squared_norms:
            if self.by_size is not None:
                runs = self.by_size[size - 1]
                self._squared_norms[size] = np.einsum("ij,ij->i", runs, runs).astype(np.float64)
            else:
                assert self.sentence is not None
                runs_count = self.count - size + 1
                total = np.zeros(runs_count)
                for gap in range(size):
                    near = np.einsum(
                        "ij,ij->i", self.sentence[: self.count - gap], self.sentence[gap:]
                    ).astype(np.float64)
                    window = np.convolve(near, np.ones(size - gap))[size - gap - 1 :][:runs_count]
                    total += window if gap == 0 else 2.0 * window
                self._squared_norms[size] = np.maximum(total, 0.0)
        return self._squared_norms[size]


def _gram(
    left: np.ndarray, right: np.ndarray, left_used: np.ndarray, right_used: np.ndarray
) -> np.ndarray:
    """``left @ right.T``, multiplying only the rows that are not all zero (``*_used``) when
    fewer than half the products involve such rows on both sides (numbers: most sentences
    write none); the other entries are exactly 0, as in the dense product."""
    rows, cols = np.flatnonzero(left_used), np.flatnonzero(right_used)
    if 2 * len(rows) * len(cols) > left.shape[0] * right.shape[0]:
        return left @ right.T
    gram = np.zeros((left.shape[0], right.shape[0]), dtype=np.result_type(left, right))
    if len(rows) and len(cols):
        gram[np.ix_(rows, cols)] = left[rows] @ right[cols].T
    return gram


class RunProducts:
    """Dot products between runs of source sentences and runs of target sentences.

    Additive vectors: one Gram matrix of sentence vectors per rectangle of start positions,
    turned into a 2-D prefix sum, serves every bead shape: O(rows * cols * dim) per rectangle
    and O(1) per candidate and shape. Precomputed run vectors: one matrix product per shape,
    O(rows * cols * dim).
    """

    def __init__(self, src: SpanVectors, tgt: SpanVectors, max_src: int, max_tgt: int) -> None:
        if src.additive != tgt.additive:
            raise ValueError("both sides must be additive or both precomputed")
        self.src, self.tgt = src, tgt
        self.max_src, self.max_tgt = max_src, max_tgt
        self._rect = (0, 0, 0, 0)  # rows [r0, r1), cols [c0, c1) of sentences in the prefix
        self._prefix = np.zeros((1, 1))

    def _ensure(self, rows: range, cols: range, a: int, b: int) -> None:
        r0, r1, c0, c1 = self._rect
        need = (rows.start, rows.stop + a - 1, cols.start, cols.stop + b - 1)
        if r0 <= need[0] and need[1] <= r1 and c0 <= need[2] and need[3] <= c1:
            return
        r0 = max(0, rows.start - self.max_src)
        r1 = min(self.src.count, rows.stop + 2 * self.max_src)
        c0 = max(0, cols.start - self.max_tgt)
        c1 = min(self.tgt.count, cols.stop + 2 * self.max_tgt)
        assert self.src.sentence is not None and self.tgt.sentence is not None
        gram = _gram(
            self.src.sentence[r0:r1],
            self.tgt.sentence[c0:c1],
            self.src.nonzero_rows()[r0:r1],
            self.tgt.nonzero_rows()[c0:c1],
        )
        prefix = np.zeros((r1 - r0 + 1, c1 - c0 + 1))
        np.cumsum(gram, axis=0, out=prefix[1:, 1:])
        np.cumsum(prefix[1:, 1:], axis=1, out=prefix[1:, 1:])
        self._rect, self._prefix = (r0, r1, c0, c1), prefix

    def block(self, a: int, b: int, rows: range, cols: range) -> np.ndarray:
        """Dot products (len(rows), len(cols)) of source runs of ``a`` starting at ``rows`` and
        target runs of ``b`` starting at ``cols``."""
        if not self.src.additive:
            assert self.src.by_size is not None and self.tgt.by_size is not None
            left = self.src.by_size[a - 1][rows.start : rows.stop]
            right = self.tgt.by_size[b - 1][cols.start : cols.stop]
            return (left @ right.T).astype(np.float64)
        self._ensure(rows, cols, a, b)
        r0, _, c0, _ = self._rect
        top, left = rows.start - r0, cols.start - c0
        height, width = len(rows), len(cols)
        p = self._prefix
        return (
            p[top + a : top + a + height, left + b : left + b + width]
            - p[top : top + height, left + b : left + b + width]
            - p[top + a : top + a + height, left : left + width]
            + p[top : top + height, left : left + width]
        )

    def paired(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray) -> np.ndarray:
        """Dot products of the runs (``a`` at ``src_starts[k]``, ``b`` at ``tgt_starts[k]``),
        in chunks of ``_PAIR_CHUNK`` pairs (memory O(chunk * dim))."""
        result = np.empty(len(src_starts))
        for first in range(0, len(src_starts), _PAIR_CHUNK):
            left = self.src.spans(a, src_starts[first : first + _PAIR_CHUNK])
            right = self.tgt.spans(b, tgt_starts[first : first + _PAIR_CHUNK])
            result[first : first + len(left)] = np.einsum("ij,ij->i", left, right)
        return result


class RunCosine:
    """Cosine similarity of runs of sentences for one signal, rescaled so that the average
    random pair of the same shape scores 0 and identical vectors score 1 (Vecalign normalises
    its costs by random pairs in the same spirit)."""

    def __init__(self, src: SpanVectors, tgt: SpanVectors, max_src: int, max_tgt: int) -> None:
        self.products = RunProducts(src, tgt, max_src, max_tgt)
        self.src, self.tgt = src, tgt
        self._baselines: dict[tuple[int, int], tuple[float, float]] = {}

    def _random_pairs(self, a: int, b: int) -> tuple[float, float]:
        """(mean, spread) of the cosine of ``RANDOM_PAIR_SAMPLES`` random run pairs of shape
        (a, b), fixed seed (cached); the spread is the median absolute deviation scaled to a
        standard deviation, so that the few true pairs in the sample do not widen it.
        O(samples * (a + b) * dim)."""
        if (a, b) not in self._baselines:
            n_src, n_tgt = self.src.count - a + 1, self.tgt.count - b + 1
            mean = spread = 0.0
            if n_src > 0 and n_tgt > 0:
                rng = np.random.default_rng(1000 * a + b)
                src_starts = rng.integers(0, n_src, size=RANDOM_PAIR_SAMPLES)
                tgt_starts = rng.integers(0, n_tgt, size=RANDOM_PAIR_SAMPLES)
                dots = self.products.paired(a, b, src_starts, tgt_starts)
                norms = np.sqrt(
                    self.src.squared_norms(a)[src_starts] * self.tgt.squared_norms(b)[tgt_starts]
                )
                cosines = dots / np.maximum(norms, 1e-12)
                mean = float(np.mean(cosines))
                # robust: the sample holds a few true pairs (about 1 in n), far above the rest
                spread = MAD_TO_SD * float(np.median(np.abs(cosines - np.median(cosines))))
            self._baselines[(a, b)] = (min(mean, 0.99), spread)
        return self._baselines[(a, b)]

    def baseline(self, a: int, b: int) -> float:
        """Mean cosine of random run pairs of shape (a, b) (see :meth:`_random_pairs`)."""
        return self._random_pairs(a, b)[0]

    def spread(self, a: int, b: int) -> float:
        """Standard deviation of the *rescaled* cosine of random run pairs of shape (a, b):
        how far from 0 an unrelated pair of this document typically scores."""
        mean, spread = self._random_pairs(a, b)
        return spread / (1.0 - mean)

    def block(self, a: int, b: int, rows: range, cols: range) -> np.ndarray:
        """Rescaled cosines (len(rows), len(cols)) of source runs of ``a`` starting at ``rows``
        vs target runs of ``b`` starting at ``cols``."""
        dots = self.products.block(a, b, rows, cols)
        src_norms = np.sqrt(self.src.squared_norms(a)[rows.start : rows.stop])
        tgt_norms = np.sqrt(self.tgt.squared_norms(b)[cols.start : cols.stop])
        cosine = dots / np.maximum(src_norms[:, None] * tgt_norms[None, :], 1e-12)
        baseline = self.baseline(a, b)
        return (cosine - baseline) / (1.0 - baseline)

    def paired(self, a: int, b: int, src_starts: np.ndarray, tgt_starts: np.ndarray) -> np.ndarray:
        """Rescaled cosines of the runs (``a`` at ``src_starts[k]``, ``b`` at ``tgt_starts[k]``):
        the values :meth:`block` gives for these cells (up to float rounding), computed pair by
        pair. O(len(src_starts) * (a + b) * dim)."""
        dots = self.products.paired(a, b, src_starts, tgt_starts)
        src_norms = np.sqrt(self.src.squared_norms(a)[src_starts])
        tgt_norms = np.sqrt(self.tgt.squared_norms(b)[tgt_starts])
        cosine = dots / np.maximum(src_norms * tgt_norms, 1e-12)
        baseline = self.baseline(a, b)
        return (cosine - baseline) / (1.0 - baseline)

    def singles(self, src_ids: np.ndarray, tgt_ids: np.ndarray) -> np.ndarray:
        """Rescaled cosines of single source sentences vs single target sentences (a matrix)."""
        left = _unit_rows(self.src.sentence_vectors(src_ids))
        right = _unit_rows(self.tgt.sentence_vectors(tgt_ids))
        baseline = self.baseline(1, 1)
        return (left @ right.T - baseline) / (1.0 - baseline)


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


@dataclass(frozen=True)
class CostModel:
    """Coefficients of a bead's cost; see :func:`bead_cost`."""

    length_weight: float
    prior_weight: float
    content_weight: float
    embedding_share: float
    number_weight: float
    rate_floor: float
    missing_content: float
    mismatch_weight: float = 0.0
    mismatch_floor: float = 0.0
    mt_embedding_share: float = 0.0
    name_weight: float = 0.0


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


def content_shares(names: Iterable[str], model: CostModel) -> list[tuple[str, float]]:
    """Weights of the content signals present (``names``): ``embedding_share`` for the
    source-target embeddings, ``mt_embedding_share`` for the MT-target embeddings and the rest
    for the MT n-grams, renormalised over the signals present (one signal alone weighs 1)."""
    given = set(names)
    present = [name for name in CONTENT_SIGNALS if name in given]
    if len(present) <= 1:
        return [(name, 1.0) for name in present]
    shares = {
        "embedding": model.embedding_share,
        "mt_embedding": model.mt_embedding_share,
        "mt": 1.0 - model.embedding_share - model.mt_embedding_share,
    }
    total = sum(shares[name] for name in present)
    return [(name, shares[name] / total) for name in present]


def content_similarity(features: dict[str, np.ndarray], model: CostModel) -> np.ndarray | None:
    """Mix (:func:`content_shares`) of the rescaled embedding, MT-embedding and MT n-gram
    cosines present in ``features``, or None when none is."""
    mix = content_shares((n for n in CONTENT_SIGNALS if features.get(n) is not None), model)
    if not mix:
        return None
    return sum(share * features[name] for name, share in mix)  # type: ignore[return-value]


def content_spread(features: dict[str, np.ndarray], model: CostModel) -> float | None:
    """Standard deviation of :func:`content_similarity` over random pairs (from the signals'
    ``*_spread`` features; the signals' random similarities taken as independent), or None
    when there is no content signal."""
    present = (n for n in CONTENT_SIGNALS if features.get(f"{n}_spread") is not None)
    mix = content_shares(present, model)
    if not mix:
        return None
    return float(np.sqrt(sum((share * features[f"{name}_spread"]) ** 2 for name, share in mix)))


def bead_cost(
    features: dict[str, np.ndarray], a: int, b: int, model: CostModel, sentence_ratio: float
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
    cost = model.length_weight * -np.log(np.maximum(features["length"], 1e-12))
    cost = cost - model.prior_weight * shape_log_prior(a, b, sentence_ratio, model.rate_floor)
    content = content_similarity(features, model)
    if content is None:
        cost = cost - model.content_weight * model.missing_content
    else:
        cost = cost - model.content_weight * content
        spread = content_spread(features, model)
        if model.mismatch_weight and spread:
            z = content / spread
            if "member_z" in features:
                z = np.minimum(z, features["member_z"])
            cost = cost + model.mismatch_weight * np.maximum(model.mismatch_floor - z, 0.0)
    if "numbers" in features and model.number_weight:
        cost = (
            cost + model.number_weight * (0.5 - features["numbers"]) * features["numbers_present"]
        )
    if "names" in features and model.name_weight:
        cost = cost - model.name_weight * features["names"]
    return cost


def bead_confidence(features: dict[str, np.ndarray], model: CostModel) -> np.ndarray:
    """Confidence in [0, 1] that candidate beads are translations: the content similarity
    (clipped) when an encoder or MT is present, else the length probability."""
    content = content_similarity(features, model)
    return np.clip(features["length"] if content is None else content, 0.0, 1.0)


class BeadScorer:
    """Signals, costs and confidences of candidate beads of one document pair.

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
        model: CostModel,
        length_variance: float,
        max_src: int,
        max_tgt: int,
        embeddings: tuple[SpanVectors, SpanVectors] | None = None,
        mt_ngrams: tuple[SpanVectors, SpanVectors] | None = None,
        numbers: tuple[SpanVectors, SpanVectors] | None = None,
        mt_embeddings: tuple[SpanVectors, SpanVectors] | None = None,
        names: tuple[SpanVectors, SpanVectors] | None = None,
    ) -> None:
        self.n_src = len(src_chars)
        self.n_tgt = len(tgt_chars)
        self.src_prefix = np.concatenate([[0.0], np.cumsum(src_chars)])
        self.tgt_prefix = np.concatenate([[0.0], np.cumsum(tgt_chars)])
        total_src = self.src_prefix[-1]
        self.char_ratio = float(self.tgt_prefix[-1] / total_src) if total_src > 0 else 1.0
        self.sentence_ratio = self.n_tgt / max(self.n_src, 1)
        self.length_variance = length_variance
        self.model = model
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
        model = self.model
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
            content = content_similarity(features, model)
            spread = content_spread(features, model)
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
        cost = bead_cost(features, a, b, self.model, self.sentence_ratio)
        return cost, bead_confidence(features, self.model)

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
        return bead_confidence(features, self.model)

    def content_spread_single(self) -> float | None:
        """Standard deviation of the content similarity of random single-sentence pairs (see
        :func:`content_spread`), or None without embeddings and MT."""
        features = {f"{name}_spread": np.array(s.spread(1, 1)) for name, s in self.signals.items()}
        return content_spread(features, self.model)

    def content_matrix(self, src_ids: np.ndarray, tgt_ids: np.ndarray) -> np.ndarray | None:
        """Content similarity (see :func:`content_similarity`) of single source sentences
        ``src_ids`` vs single target sentences ``tgt_ids`` as a matrix, or None when the scorer
        has neither embeddings nor MT. O(len(src_ids) * len(tgt_ids) * dim)."""
        features = {name: signal.singles(src_ids, tgt_ids) for name, signal in self.signals.items()}
        return content_similarity(features, self.model)


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
        model=scorer.model,
        length_variance=scorer.length_variance,
        max_src=2,
        max_tgt=2,
        embeddings=pair(scorer.embeddings),
        mt_ngrams=pair(scorer.mt_ngrams),
        mt_embeddings=pair(scorer.mt_embeddings),
    )
