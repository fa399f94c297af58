"""Sentence alignment: settings and presets, beads, the aligner, and strict/lax evaluation."""

from translate_eval.align.aligner import Aligner, align
from translate_eval.align.beads import Bead, format_bead, parse_beads
from translate_eval.align.config import DEFAULT_PRESET, PRESETS, AlignConfig, preset_config
from translate_eval.align.evaluate import score_alignments

__all__ = [
    "DEFAULT_PRESET",
    "PRESETS",
    "AlignConfig",
    "Aligner",
    "Bead",
    "align",
    "format_bead",
    "parse_beads",
    "preset_config",
    "score_alignments",
]
