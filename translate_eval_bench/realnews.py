"""Real edited news pairs: read them, map a tool's segmentation onto the hand one, match gold edits.

Pairs come from two places. ``../shared/benchmarks/realnews/<id>/`` holds the texts with the hand
segmentation as lines (``ar.seg``, ``en.seg``). The project's own pairs,
``benchmarks/realnews/<id>/``, hold only what is the project's: ``meta.toml`` (URLs, notes,
``ar_sha256``/``en_sha256``), the hand segmentation as character spans (``ar.spans``,
``en.spans``: ``start<TAB>end`` a line), ``gold.beads`` and ``gold_edits.tsv``; their texts stay
outside the repository, in ``$TRANSLATE_EVAL_REALNEWS_TEXTS/<id>/{ar,en}.txt``, and a pair whose
texts are absent or differ from the recorded hash is skipped with a note.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from translate_eval.align.beads import Bead
from translate_eval.align.evaluate import read_beads
from translate_eval.links import parse_flags, parse_ids

ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = ROOT.parent / "shared" / "benchmarks" / "realnews"
OWN_DIR = ROOT / "benchmarks" / "realnews"
TEXTS_VARIABLE = "TRANSLATE_EVAL_REALNEWS_TEXTS"
#: Gold edit kinds read from a bead's shape rather than from its label.
SHAPE_KINDS = ("split", "merge")
#: Labels that claim no edit.
NEUTRAL_LABELS = frozenset({"faithful", "paraphrase"})

Span = tuple[int, int]


@dataclass(frozen=True)
class GoldEdit:
    """One row of ``gold_edits.tsv``: an edit kind over hand-segmented sentence ids."""

    kind: str
    ar_ids: tuple[int, ...]
    en_ids: tuple[int, ...]
    note: str = ""


@dataclass(frozen=True)
class RealPair:
    """One real pair: texts, hand segmentation (as spans into the texts), gold beads and edits.

    ``split`` is ``"tune"`` for the shared pairs (where parameters may be chosen) and
    ``"held-out"`` for the project's own (reported only). Negative pairs (same-topic articles
    that are not translations) have no segmentation or gold."""

    pair_id: str
    folder: Path
    meta: dict[str, object]
    ar_text: str
    en_text: str
    ar_spans: list[Span] = field(default_factory=list)
    en_spans: list[Span] = field(default_factory=list)
    gold: list[Bead] = field(default_factory=list)
    edits: list[GoldEdit] = field(default_factory=list)
    split: str = "tune"

    @property
    def negative(self) -> bool:
        """A same-topic article that is not a translation of the other."""
        return bool(self.meta.get("negative", False))

    @property
    def ar_sentences(self) -> list[str]:
        """The hand-segmented Arabic sentences, each on one line (:func:`unwrapped`)."""
        return [unwrapped(self.ar_text[a:b]) for a, b in self.ar_spans]

    @property
    def en_sentences(self) -> list[str]:
        """The hand-segmented English sentences, each on one line (:func:`unwrapped`)."""
        return [unwrapped(self.en_text[a:b]) for a, b in self.en_spans]

    @property
    def restructured(self) -> bool:
        """True when the editor reordered or spread content (:func:`is_restructured`)."""
        return is_restructured(self.gold)


def unwrapped(text: str) -> str:
    """``text`` stripped, with each line break inside it (a page's hard wrap within a sentence)
    read as a space: a sentence written one a line must stay one line, or every id after it
    shifts. O(len(text))."""
    return " ".join(text.strip().splitlines())


def is_restructured(gold: Sequence[Bead]) -> bool:
    """True when a gold bead has non-contiguous ids on a side, or the beads that link both
    sides are not in the same order on both sides (content moved). O(beads log beads)."""
    for bead in gold:
        for ids in (bead.src, bead.tgt):
            if ids and max(ids) - min(ids) + 1 != len(ids):
                return True
    linked = sorted((min(b.src), min(b.tgt)) for b in gold if b.src and b.tgt)
    targets = [tgt for _, tgt in linked]
    return targets != sorted(targets)


def spans_of_lines(text: str, lines: Iterable[str]) -> list[Span]:
    """The span of each line in ``text``, found in order with whitespace ignored (a hand
    segmentation may join lines or normalise spaces); O(len(text)) in all. A line not found
    raises ValueError."""
    kept = [k for k, char in enumerate(text) if not char.isspace()]
    squeezed = "".join(text[k] for k in kept)
    spans: list[Span] = []
    position = 0
    for line in lines:
        sentence = "".join(line.split())
        start = squeezed.find(sentence, position)
        if not sentence or start < 0:
            raise ValueError(f"sentence not found in order: {line.strip()[:60]!r}")
        position = start + len(sentence)
        spans.append((kept[start], kept[position - 1] + 1))
    return spans


def read_spans(path: Path) -> list[Span]:
    """``start<TAB>end`` lines."""
    spans = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            start, end = line.split("\t")
            spans.append((int(start), int(end)))
    return spans


def read_gold_edits(path: Path) -> list[GoldEdit]:
    """The rows of a ``gold_edits.tsv`` (header ``kind ar_ids en_ids note``)."""
    if not path.exists():
        return []
    table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    return [
        GoldEdit(row.kind, tuple(parse_ids(row.ar_ids)), tuple(parse_ids(row.en_ids)), row.note)
        for row in table.itertuples()
    ]


def text_sha256(text: str) -> str:
    """SHA-256 of the UTF-8 text, as ``meta.toml`` records it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def first_misfit(text: str, spans: Sequence[Span]) -> int | None:
    """Id of the first hand span that does not fit a restored ``text``: a span past the end, one
    that starts or ends with a space or inside a word, or one after characters no span covers
    (the annotated texts hold nothing but their sentences and the white space between them);
    ``len(spans)`` when text follows the last span, None when every span fits. The place a
    restored text first departs from the one the gold was made on. O(len(text))."""
    previous_end = 0
    for span_id, (start, end) in enumerate(spans):
        sentence = text[start:end]
        uncovered = text[previous_end:start].strip()
        inside_words = text[start - 1 : start].strip() or text[end : end + 1].strip()
        if end > len(text) or uncovered or inside_words or sentence != sentence.strip():
            return span_id
        previous_end = end
    return len(spans) if text[previous_end:].strip() else None


def _shared_pair(folder: Path) -> RealPair:
    meta = tomllib.loads((folder / "meta.toml").read_text(encoding="utf-8"))
    ar_text = (folder / "ar.txt").read_text(encoding="utf-8")
    en_text = (folder / "en.txt").read_text(encoding="utf-8")
    if meta.get("negative"):
        return RealPair(folder.name, folder, meta, ar_text, en_text)
    ar_lines = (folder / "ar.seg").read_text(encoding="utf-8").splitlines()
    en_lines = (folder / "en.seg").read_text(encoding="utf-8").splitlines()
    return RealPair(
        folder.name,
        folder,
        meta,
        ar_text,
        en_text,
        spans_of_lines(ar_text, ar_lines),
        spans_of_lines(en_text, en_lines),
        read_beads(folder / "gold.beads"),
        read_gold_edits(folder / "gold_edits.tsv"),
    )


def _own_pair(folder: Path, texts_dir: Path) -> RealPair | str:
    """The pair, or why it is skipped."""
    meta = tomllib.loads((folder / "meta.toml").read_text(encoding="utf-8"))
    texts = {}
    for side in ("ar", "en"):
        path = texts_dir / folder.name / f"{side}.txt"
        if not path.is_file():
            return f"{folder.name}: {path} is absent (see meta.toml for its URL)"
        texts[side] = path.read_text(encoding="utf-8")
        if meta.get(f"{side}_sha256") and text_sha256(texts[side]) != meta[f"{side}_sha256"]:
            return f"{folder.name}: {path} differs from the text the gold was made on"
    return _own_annotation(folder, meta, texts["ar"], texts["en"])


def _own_annotation(folder: Path, meta: dict[str, object], ar_text: str, en_text: str) -> RealPair:
    """One of the project's own pairs with the texts given: a negative one has no annotation, a
    true one its spans, gold beads and edits from the repository."""
    if meta.get("negative"):
        return RealPair(folder.name, folder, meta, ar_text, en_text, split="held-out")
    spans = [read_spans(folder / f"{side}.spans") for side in ("ar", "en")]
    gold = read_beads(folder / "gold.beads")
    edits = read_gold_edits(folder / "gold_edits.tsv")
    return RealPair(folder.name, folder, meta, ar_text, en_text, *spans, gold, edits, "held-out")


def _pair_folders(folder: Path) -> list[Path]:
    """The pair folders (those with a meta.toml) of ``folder``, by id; none when it is absent."""
    if not folder.is_dir():
        return []
    return sorted(f for f in folder.iterdir() if (f / "meta.toml").exists())


def texts_dir() -> Path:
    """Where the project's own pairs' texts are: ``$TRANSLATE_EVAL_REALNEWS_TEXTS``, by default
    ``realnews-texts/`` beside the checkout (as ``../shared`` is)."""
    return Path(os.environ.get(TEXTS_VARIABLE, ROOT.parent / "realnews-texts"))


def hand_mt(pair: RealPair, mt: str, mt_files: str | None = None) -> str:
    """The MT spec for a pair's hand sentences: ``mt``, or, with ``mt_files``, ``file:`` of the
    file of that name in the pair's folder under :func:`texts_dir` (one English line per hand
    Arabic sentence: a translation made elsewhere, kept with the texts, outside the
    repository). FileNotFoundError naming the file when it is absent."""
    if not mt_files:
        return mt
    path = texts_dir() / pair.pair_id / mt_files
    if not path.is_file():
        raise FileNotFoundError(f"{path} is absent: the MT of {pair.pair_id}'s hand sentences")
    return f"file:{path}"


def missing_mt_files(pairs: Iterable[RealPair], mt_files: str | None) -> list[Path]:
    """The ``mt_files`` files (:func:`hand_mt`) that the true pairs among ``pairs`` lack, so that
    a benchmark can refuse in one line before it runs any pair; none without ``mt_files``."""
    if not mt_files:
        return []
    paths = (texts_dir() / pair.pair_id / mt_files for pair in pairs if not pair.negative)
    return [path for path in paths if not path.is_file()]


def mt_label(mt: str, mt_files: str | None = None) -> str:
    """How a benchmark's tables name the MT: the spec, or the per-pair files' name."""
    return f"file:$TRANSLATE_EVAL_REALNEWS_TEXTS/<pair>/{mt_files}" if mt_files else mt


def load_pairs(
    shared_dir: Path = SHARED_DIR, own_dir: Path = OWN_DIR, text_dir: Path | None = None
) -> tuple[list[RealPair], list[str]]:
    """Every readable pair (shared ones first, each group by id) and a note per skipped one."""
    pairs: list[RealPair] = []
    skipped: list[str] = []
    pairs += [_shared_pair(f) for f in _pair_folders(shared_dir)]
    if not shared_dir.is_dir():
        skipped.append(f"{shared_dir} is absent: no shared pairs")
    for folder in _pair_folders(own_dir):
        loaded = _own_pair(folder, text_dir or texts_dir())
        if isinstance(loaded, str):
            skipped.append(loaded)
        else:
            pairs.append(loaded)
    return pairs, skipped


def load_annotations(shared_dir: Path = SHARED_DIR, own_dir: Path = OWN_DIR) -> list[RealPair]:
    """Every pair's annotation, whether or not its texts are at hand: the shared pairs as
    :func:`load_pairs` reads them, the project's own with empty texts (spans, gold beads and
    edits from the repository). For what needs the annotation alone, such as the edit rates of
    the simulator, so that it reads the same on every machine. O(annotation size)."""
    own = [
        _own_annotation(f, tomllib.loads((f / "meta.toml").read_text(encoding="utf-8")), "", "")
        for f in _pair_folders(own_dir)
    ]
    return [_shared_pair(f) for f in _pair_folders(shared_dir)] + own


def overlap_map(tool_spans: Sequence[Span], hand_spans: Sequence[Span]) -> list[tuple[int, ...]]:
    """For each tool segment, the hand sentences it shares characters with (ids, ascending).
    O(tool + hand) with a merge over the two sorted span lists."""
    mapped: list[tuple[int, ...]] = []
    first = 0
    for start, end in tool_spans:
        while first < len(hand_spans) and hand_spans[first][1] <= start:
            first += 1
        ids = []
        k = first
        while k < len(hand_spans) and hand_spans[k][0] < end:
            if min(end, hand_spans[k][1]) > max(start, hand_spans[k][0]):
                ids.append(k)
            k += 1
        mapped.append(tuple(ids))
    return mapped


def beads_on_hand_ids(
    beads: Sequence[Bead], src_map: Sequence[tuple[int, ...]], tgt_map: Sequence[tuple[int, ...]]
) -> list[Bead]:
    """The tool's beads rewritten over the hand sentence ids (each side the union of the hand
    sentences its segments overlap). Lax F1 of these against the gold measures an alignment
    made on the tool's own segmentation."""
    out = []
    for bead in beads:
        src = tuple(sorted({h for i in bead.src for h in src_map[i]}))
        tgt = tuple(sorted({h for j in bead.tgt for h in tgt_map[j]}))
        if src or tgt:
            out.append(Bead(src, tgt, bead.score, bead.moved))
    return out


def bead_kinds(row: pd.Series) -> set[str]:
    """The edit kinds a links row claims: its label, its flags, and its shape (split/merge)."""
    kinds = ({str(row["edit"])} - NEUTRAL_LABELS) | set(parse_flags(row.get("flags", "")))
    src, tgt = parse_ids(row["src_ids"]), parse_ids(row["tgt_ids"])
    if 0 < len(src) < len(tgt):
        kinds.add("split")
    if len(src) > len(tgt) > 0:
        kinds.add("merge")
    return kinds


#: Kinds a bead answers only by touching the edit on both sides: a moved bead claims that its
#: source content stands at its target, so a move of the right source to a wrong place (or of
#: the wrong source to the right place) does not find the gold move.
BOTH_SIDES_KINDS = frozenset({"moved"})


def _touches(edit: GoldEdit, src: set[int], tgt: set[int]) -> bool:
    on_src, on_tgt = bool(src & set(edit.ar_ids)), bool(tgt & set(edit.en_ids))
    if edit.kind in BOTH_SIDES_KINDS and edit.ar_ids and edit.en_ids and src and tgt:
        return on_src and on_tgt
    return on_src or on_tgt


def edit_matches(
    rows: Sequence[tuple[set[int], set[int], set[str]]], edits: Sequence[GoldEdit]
) -> pd.DataFrame:
    """Per gold edit kind: gold rows, found (a bead touching its ids carries the kind),
    predicted beads carrying the kind, correct (touching a gold row of the kind). A bead
    touches an edit when it shares an id with it on either side, or on both sides for the
    kinds of :data:`BOTH_SIDES_KINDS` (when the edit and the bead have both).
    ``rows``: (hand source ids, hand target ids, kinds) of each tool bead. O(edits x beads)."""
    kinds = sorted({e.kind for e in edits} | {k for _, _, ks in rows for k in ks})
    table = []
    for kind in kinds:
        golds = [e for e in edits if e.kind == kind]
        carrying = [(src, tgt) for src, tgt, ks in rows if kind in ks]
        table.append(
            {
                "kind": kind,
                "gold": len(golds),
                "found": sum(any(_touches(e, s, t) for s, t in carrying) for e in golds),
                "predicted": len(carrying),
                "correct": sum(any(_touches(e, s, t) for e in golds) for s, t in carrying),
            }
        )
    return pd.DataFrame(table, columns=["kind", "gold", "found", "predicted", "correct"])


def link_rows(
    links: pd.DataFrame,
    src_map: Sequence[tuple[int, ...]] | None = None,
    tgt_map: Sequence[tuple[int, ...]] | None = None,
) -> list[tuple[set[int], set[int], set[str]]]:
    """(hand source ids, hand target ids, kinds) of each links row, through the maps when the
    links are over the tool's own segments."""
    rows = []
    for _, row in links.iterrows():
        src, tgt = parse_ids(row["src_ids"]), parse_ids(row["tgt_ids"])
        if src_map is not None and tgt_map is not None:
            src = [h for i in src for h in src_map[i]]
            tgt = [h for j in tgt for h in tgt_map[j]]
        rows.append((set(src), set(tgt), bead_kinds(row)))
    return rows
