"""The Ray engine: Ray Data streams pair records through an actor pool of PairWorkers.

Each actor loads the MT systems and the encoder once (:class:`RayPairWorker`), then processes
batches of records; results come back to the driver as pickled :class:`PairResult` payloads and
the driver writes them (one writer, so parts never collide). A run error in an actor (a
:class:`CacheError`) travels back as its pickled exception and the driver raises it again.
Ray Data's streaming executor keeps only a bounded number of batches in flight, so memory does
not grow with the corpus. Actors ask for one GPU each when the cluster has GPUs and an
``hf:``/``ct2:`` system is used. A failed ``ray.init`` is a one-line :class:`InputError`.
"""

from __future__ import annotations

import logging
import math
import pickle
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from translate_eval.errors import CacheError, InputError, TranslateEvalError
from translate_eval.scale.optional import require
from translate_eval.scale.runner import CorpusSettings, PairResult, PairWorker
from translate_eval.scale.sources import PairRecord

#: MT backends that run on a GPU when one is there.
GPU_BACKENDS = ("hf:", "ct2:")


class RayPairWorker:
    """A Ray Data callable class: one PairWorker per actor; a batch of records -> payloads."""

    def __init__(self, settings: CorpusSettings) -> None:
        self.worker = PairWorker(settings)
        self.lock = threading.Lock()  # Ray may call from several threads; process one at a time

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        ids, payloads = [], []
        for record in batch.to_pylist():
            outcome: PairResult | CacheError
            with self.lock:
                try:
                    outcome = self.worker.process(record)
                except CacheError as error:  # a run error: the driver raises it again
                    outcome = error
            ids.append(str(record["pair_id"]))
            payloads.append(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
        return pa.table(
            {"pair_id": pa.array(ids, pa.string()), "payload": pa.array(payloads, pa.binary())}
        )


@dataclass(frozen=True)
class RayPlan:
    """How the actor pool is sized: actors, CPUs and GPUs per actor, and where it runs."""

    actors: int
    cpus_per_actor: float
    gpus_per_actor: float
    cluster_cpus: float
    cluster_gpus: float


def plan_pool(
    settings: CorpusSettings, resources: dict[str, float], workers: int | None
) -> RayPlan:
    """Size the actor pool from the cluster's resources (pure; O(1)).

    With GPUs and a GPU backend (not told ``--device cpu``): one actor per GPU (one CPU each).
    Otherwise one actor per CPU. ``workers`` overrides the number of actors.
    """
    cpus = float(resources.get("CPU", 1.0))
    gpus = float(resources.get("GPU", 0.0))
    on_cpu = str(dict(settings.mt_options).get("device", "")).lower() == "cpu"
    wants_gpu = not on_cpu and any(
        spec.lower().startswith(GPU_BACKENDS) for spec in settings.mt + settings.align_mt
    )
    if wants_gpu and gpus >= 1:
        actors = workers or int(gpus)
        return RayPlan(actors, 1.0, 1.0, cpus, gpus)
    actors = workers or max(1, int(cpus))
    return RayPlan(actors, 1.0, 0.0, cpus, gpus)


def _start_ray(ray: Any, address: str | None, workers: int | None) -> None:
    """``ray.init`` for a cluster at ``address`` or a private local Ray; a failure (no cluster
    there, a port taken, no shared memory) becomes one line (:class:`InputError`)."""
    options: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
    try:
        if address:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, **options)
    except Exception as error:  # Ray raises ConnectionError, RuntimeError, ValueError...
        where = f"the Ray cluster at {address}" if address else "a local Ray"
        text = " ".join(str(error).split())[:300] or type(error).__name__
        raise InputError(f"cannot start {where}: {text}") from None


def ray_results(
    records: Sequence[PairRecord],
    settings: CorpusSettings,
    *,
    address: str | None = None,
    workers: int | None = None,
    batch_size: int = 4,
    on_plan: Any = None,
) -> Iterator[PairResult]:
    """Process ``records`` on Ray and yield results as they finish (in no particular order).

    ``address``: a running cluster (``ray start --head`` prints it; ``auto`` finds a local
    one); None starts a private local Ray with ``workers`` CPUs (all cores by default) and
    stops it afterwards. A Ray that is already initialised is used as it is.
    """
    ray = require("ray")
    data = require("ray.data")
    started = False
    if not ray.is_initialized():
        _start_ray(ray, address, workers)
        started = True
    try:
        context = data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        plan = plan_pool(settings, ray.cluster_resources(), workers)
        if on_plan is not None:
            on_plan(plan)
        if not records:
            return
        blocks = max(1, min(len(records), math.ceil(len(records) / batch_size), 10_000))
        dataset = data.from_items(list(records), override_num_blocks=blocks)
        dataset = dataset.map_batches(
            RayPairWorker,
            fn_constructor_kwargs={"settings": settings},
            batch_size=batch_size,
            batch_format="pyarrow",
            compute=data.ActorPoolStrategy(size=plan.actors),
            num_cpus=plan.cpus_per_actor,
            num_gpus=plan.gpus_per_actor,
        )
        for batch in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
            for payload in batch.column("payload").to_pylist():
                outcome = pickle.loads(payload)
                if isinstance(outcome, TranslateEvalError):
                    raise outcome
                yield outcome
    finally:
        if started:
            ray.shutdown()
