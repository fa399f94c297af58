"""Errors that mean "the user gave us something we cannot use": the CLI prints them in one line."""

from __future__ import annotations


class TranslateEvalError(Exception):
    """A user-facing error: bad input, a missing model, an unwritable path.

    The CLI turns it into one line on stderr and exit status 2; anything else is a bug.
    """


class InputError(TranslateEvalError):
    """An input file or text that cannot be read or used (empty, binary, wrong language...)."""


class ModelNotFoundError(TranslateEvalError):
    """A model or optional package that is not installed; the message says how to get it."""


class CacheError(TranslateEvalError):
    """The MT cache file cannot be used (another file's layout, unreadable): a run error.

    Corpus runs re-raise it instead of recording a pair failure: it is no fault of the pair.
    """


class CacheWriteError(CacheError):
    """A translation could not be written to the MT cache (disk full, read-only file system)."""
