"""Beads (aligned groups of sentence ids), their text format ``[0]:[0, 1]:0.873``, and the check
that a list of them covers both documents."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from translate_eval.errors import InputError


@dataclass(frozen=True)
class Bead:
    """One aligned group: source ids, target ids (either may be empty) and a confidence."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0
    moved: bool = False

    @property
    def link(self) -> str:
        """The bead's shape, e.g. ``1-1``, ``2-1``, ``1-0`` (omission), ``0-1`` (addition)."""
        return f"{len(self.src)}-{len(self.tgt)}"


_BEAD_RE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?::\s*([-+0-9.eE]+|nan))?\s*$")
#: Sentences a document of a bead file may have: ids from 0 to this minus 1. Larger ids are
#: refused when read, so that nothing sized by the ids (the gold check's never-listed ids)
#: can grow beyond some tens of MB whatever a hand-made file holds.
MAX_SENTENCES = 1_000_000


def _ids(field: str, where: str) -> tuple[int, ...]:
    words = field.replace(",", " ").split()
    # Checked on the digits first: int() of a few thousand digits is refused or slow.
    too_large = [w for w in words if len(w.lstrip("0")) > len(str(MAX_SENTENCES - 1))]
    ids = () if too_large else tuple(int(x) for x in words)
    if too_large or (ids and max(ids) >= MAX_SENTENCES):
        shown = too_large[0] if too_large else str(max(ids))
        shown = shown if len(shown) <= 20 else f"{shown[:20]}... ({len(shown)} digits)"
        raise InputError(
            f"{where}: sentence id {shown} is beyond the {MAX_SENTENCES:,} sentences a "
            "document may have; ids are sentence numbers from 0"
        )
    return ids


def format_bead(bead: Bead, with_score: bool = True) -> str:
    """Render one bead as ``[0]:[0, 1]:0.873`` (Vecalign / SentAlign / AlignAR style)."""
    src = ", ".join(str(i) for i in bead.src)
    tgt = ", ".join(str(i) for i in bead.tgt)
    text = f"[{src}]:[{tgt}]"
    return f"{text}:{bead.score:.3f}" if with_score else text


def parse_beads(text: str, source: str = "<beads>") -> list[Bead]:
    """Parse bead lines; blank lines are skipped, a malformed line or an id of
    :data:`MAX_SENTENCES` or more raises :class:`InputError` naming ``source`` and the line.
    O(length of ``text``)."""
    beads: list[Bead] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _BEAD_RE.match(line)
        if match is None:
            raise InputError(f"{source}:{number}: not a bead line like '[0]:[0, 1]:0.87': {line!r}")
        score = float(match.group(3)) if match.group(3) else 0.0
        where = f"{source}:{number}"
        beads.append(Bead(_ids(match.group(1), where), _ids(match.group(2), where), score))
    return beads


def unit_score(value: float) -> float:
    """``value`` clipped to [0, 1], as a plain float (a bead's confidence)."""
    return float(min(1.0, max(0.0, value)))


def check_cover(beads: Sequence[Bead], n_src: int, n_tgt: int, stage: str) -> None:
    """Raise RuntimeError (an internal error, not the input's) when ``beads`` do not hold
    every source and target sentence exactly once: a pass that lost or doubled a sentence
    must stop the run, not give a silently incomplete alignment. O(n + m)."""
    for side, count in (("src", n_src), ("tgt", n_tgt)):
        held = Counter(i for bead in beads for i in getattr(bead, side))
        if len(held) != count or any(held[i] != 1 for i in range(count)):
            lost = [i for i in range(count) if i not in held]
            doubled = sorted(i for i, times in held.items() if times > 1 or not 0 <= i < count)
            what = "source" if side == "src" else "target"
            raise RuntimeError(
                f"internal error: the aligner's {stage} left {what} sentences {lost} in no "
                f"bead and {doubled} in two or out of range; please report it with the input"
            )
