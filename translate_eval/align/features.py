"""Signals of candidate beads: lengths, hashed character n-grams, idf, numbers, run vectors.

Gale-Church length probability on character counts; cosines of run vectors
(:class:`RunCosine`): embeddings of the *concatenated* sentences of each side (Vecalign) or
summed sentence embeddings, tf-idf weighted hashed character n-grams of the MT against the
target (chrF-like; Bleualign), MT embeddings against the target's; counts of numbers and names.
Cosines are rescaled so that the average random pair of a shape scores 0, identical vectors 1.
Additive signals (n-grams, numbers, summed embeddings) never build run vectors for every
candidate: one Gram matrix of sentence vectors per rectangle of candidates, turned into a 2-D
prefix sum, gives every bead shape in O(1) per candidate (:class:`RunProducts`).
Concatenation embeddings cost one matrix product per shape.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
        left = unit_rows(self.src.sentence_vectors(src_ids))
        right = unit_rows(self.tgt.sentence_vectors(tgt_ids))
        baseline = self.baseline(1, 1)
        return (left @ right.T - baseline) / (1.0 - baseline)


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """``vectors`` with each row scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


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
