"""Builds a tiny, randomly initialised Marian translation model in a folder, for testing `hf:`.

The model is real (MarianConfig, MarianMTModel, MarianTokenizer with two SentencePiece models and
a vocab.json) but small: 2 layers, d_model 32, about 150 pieces trained on synthetic sentences,
and a few seconds of training on a word-for-word toy language so that its (poor) output depends
on its input. The tests use it to check loading, batching and splitting, not quality.
"""

from __future__ import annotations

import json
import random
import warnings
from pathlib import Path

_ARABIC_TEXT = (
    "قال المتحدث الجيش قوات المعارضة المدينة ريف الحكومة وزارة الصحة الهجوم يوم الأحد الرئيس "
    "الحرب مستمرة مصدر المقاتلين المستشفى الوطني حصار شهرا النظام الأنباء الآن مجلس الأمن جلسة "
    "الوضع الإنساني المفاوضات الأسبوع المقبل جبهة فصائل محافظة عام في من على إلى أن بعد قبل"
)
_ENGLISH_TEXT = (
    "said the spokesman army forces opposition city countryside government ministry health "
    "attack day Sunday president war continues source fighters hospital national siege month "
    "regime news now council security session situation humanitarian talks week next front "
    "factions province year in from on to that after before and of a"
)
ARABIC_WORDS = tuple(_ARABIC_TEXT.split())
ENGLISH_WORDS = tuple(_ENGLISH_TEXT.split())
SPECIAL_TOKENS = ("</s>", "<unk>")
PAD_TOKEN = "<pad>"
MAX_POSITIONS = 64
LEARNING_RATE = 3e-3
BATCH_SIZE = 32


def synthetic_lines(words: tuple[str, ...] | list[str], count: int, seed: int) -> list[str]:
    """``count`` sentences of 3-12 random words with some punctuation. O(count)."""
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        length = rng.randint(3, 12)
        sentence = " ".join(rng.choice(words) for _ in range(length))
        lines.append(sentence + rng.choice([".", ",", "!", "?", ""]))
    return lines


def _train_spm(lines: list[str], prefix: Path, vocab_size: int) -> list[str]:
    """Train a unigram SentencePiece model at ``prefix``.model; return its pieces."""
    import sentencepiece

    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        unk_id=0,
        bos_id=-1,
        eos_id=-1,
        pad_id=-1,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    processor = sentencepiece.SentencePieceProcessor(model_file=str(prefix) + ".model")
    return [processor.IdToPiece(index) for index in range(processor.GetPieceSize())]


def build_tiny_marian(folder: Path, seed: int = 0, train_steps: int = 300) -> Path:
    """Write a tiny Marian model and tokenizer into ``folder`` (created); return ``folder``.
    ``train_steps`` > 0 trains it briefly on :func:`word_pairs` first."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    work = folder / "_spm"
    work.mkdir(exist_ok=True)
    source_pieces = _train_spm(
        synthetic_lines(ARABIC_WORDS, 400, seed), work / "source", vocab_size=200
    )
    target_pieces = _train_spm(
        synthetic_lines(ENGLISH_WORDS, 400, seed + 1), work / "target", vocab_size=200
    )
    (work / "source.model").replace(folder / "source.spm")
    (work / "target.model").replace(folder / "target.spm")
    for leftover in work.iterdir():
        leftover.unlink()
    work.rmdir()

    vocab: dict[str, int] = {}
    for piece in (*SPECIAL_TOKENS, *source_pieces, *target_pieces, PAD_TOKEN):
        vocab.setdefault(piece, len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")

    pad_id = vocab[PAD_TOKEN]
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=MAX_POSITIONS,
        dropout=0.0,
        pad_token_id=pad_id,
        decoder_start_token_id=pad_id,
        eos_token_id=vocab["</s>"],
        forced_eos_token_id=vocab["</s>"],
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*sacremoses.*")
        tokenizer = MarianTokenizer(
            source_spm=str(folder / "source.spm"),
            target_spm=str(folder / "target.spm"),
            vocab=str(folder / "vocab.json"),
            model_max_length=MAX_POSITIONS,
        )
    if train_steps:
        threads = torch.get_num_threads()
        torch.set_num_threads(1)  # tiny matrices: one thread is fastest and never oversubscribes
        try:
            _train(model, tokenizer, word_pairs(400, seed), train_steps)
        finally:
            torch.set_num_threads(threads)
    model.eval()
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def word_pairs(count: int, seed: int) -> list[tuple[str, str]]:
    """Synthetic parallel sentences: Arabic word i always translates as English word i."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(count):
        indexes = [rng.randrange(len(ARABIC_WORDS)) for _ in range(rng.randint(2, 6))]
        arabic = " ".join(ARABIC_WORDS[i] for i in indexes)
        english = " ".join(ENGLISH_WORDS[i % len(ENGLISH_WORDS)] for i in indexes)
        pairs.append((arabic, english))
    return pairs


def _train(model: object, tokenizer: object, pairs: list[tuple[str, str]], steps: int) -> None:
    """A few hundred Adam steps (seconds on a CPU): enough for the output to depend on the
    input, which the order and batching tests need; a random model says the same for all."""
    import torch

    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)  # type: ignore[attr-defined]
    model.train()  # type: ignore[attr-defined]
    batch_size = BATCH_SIZE
    for step in range(steps):
        batch = [pairs[(step * batch_size + j) % len(pairs)] for j in range(batch_size)]
        encoded = tokenizer(  # type: ignore[operator]
            [source for source, _ in batch],
            text_target=[target for _, target in batch],
            return_tensors="pt",
            padding=True,
        )
        labels = encoded["labels"]
        labels[labels == tokenizer.pad_token_id] = -100  # type: ignore[attr-defined]
        loss = model(**encoded).loss  # type: ignore[operator]
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
