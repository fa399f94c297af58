"""Skip markers shared by the test files: what a test needs that an install may lack."""

from __future__ import annotations

import pytest

from translate_eval.lexicon import lexicon_available

#: The word-gloss lexicon (the ``gloss`` extra).
needs_lexicon = pytest.mark.skipif(
    not lexicon_available(), reason="the gloss lexicon: pip install -e '.[gloss]'"
)
