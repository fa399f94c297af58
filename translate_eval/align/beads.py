"""Beads (aligned groups of sentence ids) and their text format ``[0]:[0, 1]:0.873``."""

from __future__ import annotations

import re
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
