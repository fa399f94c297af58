"""Moved sentences in AlignAR: plant reorderings into real gold alignments, count the moves found.

For every selected AlignAR document (default: law 004-005 and literature 001-003, the documents
the reordering pass was *not* tuned on), the English of ``--moves`` 1-1 gold beads (never two
neighbours) is moved 3-8 beads forwards or backwards, seeded per document. The aligner then
aligns the Arabic with the reordered English, and the script prints, per preset and MT:

* found / planted: moved gold beads present in the output *and* flagged ``moved``;
* predicted: beads flagged ``moved`` in the output (precision = found / predicted);
* strict F1 (Vecalign's) of the whole output against the moved gold;

with the reordering pass on (the defaults), with single moves only (``restructure=False``: no
moved blocks, anchor pairs or spread links) and off (``move_z=inf``, the aligner before it).

    python benchmarks/alignar_moves.py                       # report documents, file + gloss MT
    python benchmarks/alignar_moves.py --docs law/001,law/002,law/003   # the tuning documents
    python benchmarks/alignar_moves.py --moves 0             # unmoved text: moved beads = errors

Data: ``--data``, ``$TRANSLATE_EVAL_ALIGNAR`` or ``../shared/benchmarks/alignar`` (never copied).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

import alignar

from translate_eval.align import AlignConfig, Aligner, preset_config, score_alignments
from translate_eval.align.beads import Bead

REPORT_DOCS = "law/004,law/005,literature/001,literature/002,literature/003"


def plant_moves(
    document: alignar.Document, count: int, seed: int, distance: tuple[int, int] = (3, 8)
) -> tuple[list[str], list[Bead]]:
    """Move the English of ``count`` non-adjacent 1-1 gold beads by 3-8 beads.

    Returns the reordered English sentences and the gold beads over them, in English order
    (moved beads carry ``moved=True``). Reproducible: the generator is seeded by ``seed`` and
    the document's name. Time O(beads * count).
    """
    gold = document.gold
    rng = random.Random(f"{seed}:{document.domain}:{document.name}")
    items = [(bead.src, [document.en[j] for j in bead.tgt], False) for bead in gold]
    candidates = [k for k, bead in enumerate(gold) if len(bead.src) == 1 and len(bead.tgt) == 1]
    rng.shuffle(candidates)
    chosen: list[int] = []
    for k in candidates:
        if len(chosen) == count:
            break
        if all(abs(k - other) > 1 for other in chosen):
            chosen.append(k)
    for k in chosen:
        items[k] = (items[k][0], items[k][1], True)
    for k in chosen:
        index = next(t for t, item in enumerate(items) if item[0] == gold[k].src)
        item = items.pop(index)
        shift = rng.randint(*distance) * rng.choice((-1, 1))
        place = index + shift if 0 <= index + shift <= len(items) else index - shift
        items.insert(max(0, min(len(items), place)), item)
    english: list[str] = []
    beads: list[Bead] = []
    for src, sentences, moved in items:
        first = len(english)
        english.extend(sentences)
        beads.append(Bead(tuple(src), tuple(range(first, len(english))), 1.0, moved=moved))
    return english, beads


def evaluate(
    documents: list[alignar.Document], mt: str, config: AlignConfig, moves: int, seed: int
) -> dict[str, float]:
    """Moves found, planted and predicted, strict F1 and seconds over ``documents``."""
    aligner = Aligner(config)
    found = planted = predicted = 0
    outputs: list[list[Bead]] = []
    golds: list[list[Bead]] = []
    seconds = 0.0
    for document in documents:
        english, gold = plant_moves(document, moves, seed)
        start = time.perf_counter()
        beads = aligner.align(document.ar, english, mt=alignar.mt_lines(document, mt)[0])
        seconds += time.perf_counter() - start
        output = {(tuple(b.src), tuple(b.tgt)): b for b in beads}
        for bead in gold:
            if bead.moved:
                planted += 1
                hit = output.get((tuple(bead.src), tuple(bead.tgt)))
                found += bool(hit is not None and hit.moved)
        predicted += sum(bool(b.moved) for b in beads)
        outputs.append(beads)
        golds.append([Bead(b.src, b.tgt) for b in gold])
    strict = score_alignments(golds, outputs)["strict_f1"]
    return {
        "found": found,
        "planted": planted,
        "predicted": predicted,
        "strict_f1": strict,
        "seconds": seconds,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="AlignAR folder")
    parser.add_argument("--docs", default=REPORT_DOCS, help=f"domain/name list ({REPORT_DOCS})")
    parser.add_argument("--moves", type=int, default=4, help="moves planted per document (4)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mt", default="file,gloss", help="file and/or gloss (file,gloss)")
    args = parser.parse_args(argv)

    root = args.data or alignar.default_data_dir()
    if not root.is_dir():
        print(f"AlignAR data not found at {root}; pass --data", file=sys.stderr)
        return 2
    wanted = {tuple(item.split("/")) for item in args.docs.split(",")}
    documents = [d for d in alignar.load_documents(root) if (d.domain, d.name) in wanted]
    mts = args.mt.split(",")
    if "gloss" in mts:
        alignar.add_gloss(documents)
    print(
        f"documents: {', '.join(f'{d.domain}/{d.name}' for d in documents)}; "
        f"{args.moves} moves each, seed {args.seed}"
    )
    print("| preset | MT | domain | pass | found / planted | predicted | strict F1 | align s |")
    print("|---|---|---|---|---|---|---|---|")
    for preset in ("parallel", "editorial"):
        for mt in mts:
            for domain in sorted({d.domain for d in documents}):
                chosen = [d for d in documents if d.domain == domain]
                passes = (
                    ("off", {"move_z": math.inf}),
                    ("single", {"restructure": False}),
                    ("on", {}),
                )
                for label, changes in passes:
                    r = evaluate(
                        chosen, mt, preset_config(preset, **changes), args.moves, args.seed
                    )
                    print(
                        f"| {preset} | {mt} | {domain} | {label} | {r['found']}/{r['planted']} "
                        f"| {r['predicted']} | {r['strict_f1']:.3f} | {r['seconds']:.1f} |",
                        flush=True,
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
