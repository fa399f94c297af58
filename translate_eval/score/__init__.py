"""Scoring of aligned beads: sacrebleu metrics, divergence checks and the edit label."""
