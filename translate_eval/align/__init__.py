"""Sentence alignment: beads, the aligner, and strict/lax evaluation."""

from translate_eval.align.aligner import AlignConfig, Aligner, align
from translate_eval.align.beads import Bead, format_bead, parse_beads
from translate_eval.align.evaluate import score_alignments

__all__ = [
    "AlignConfig",
    "Aligner",
    "Bead",
    "align",
    "format_bead",
    "parse_beads",
    "score_alignments",
]
