"""``python -m translate_eval.cli``: the ``translate-eval`` command."""

import sys

from translate_eval.cli import main

sys.exit(main())
