"""Tests for `ct2:PATH` and `translate-eval convert-model` on tiny models the tests build.

The tiny Marian model of translate_eval_bench/tiny_marian.py gets the OPUS-MT convention (a
zero <pad> embedding, which starts the decoder, and <pad> banned from the output) so that
transformers and CTranslate2 compute the same function; greedy float32 outputs must then be
identical. Tiny M2M100 and NLLB models check the language codes. No network is used.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pickle
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import sacrebleu

os.environ.setdefault("HF_HUB_OFFLINE", "1")

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("sentencepiece")
pytest.importorskip("ctranslate2")

from translate_eval.cli import main
from translate_eval.errors import ModelNotFoundError, TranslateEvalError
from translate_eval.translate import ct2 as ct2_module
from translate_eval.translate import load_translator
from translate_eval.translate.cache import CachedTranslator
from translate_eval.translate.convert import METADATA_FILE, convert_model
from translate_eval.translate.ct2 import CT2Translator
from translate_eval.translate.hf import HFTranslator
from translate_eval_bench.tiny_marian import (
    ARABIC_WORDS,
    ENGLISH_WORDS,
    MAX_POSITIONS,
    _train_spm,
    build_tiny_marian,
    synthetic_lines,
    word_pairs,
)

SENTENCES = [
    "قال المتحدث الجيش",
    "في من على",
    "",
    "المدينة ريف الحكومة وزارة الصحة",
    "بعد قبل",
    "الأمن جلسة مجلس",
    "الحرب مستمرة",
]
LONG_SENTENCE = "، ".join([" ".join(ARABIC_WORDS[:12])] * 6) + "."
TRAIN_STEPS = 200


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread() -> Iterator[None]:
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def give_opus_mt_convention(folder: Path) -> None:
    """Zero the <pad> embedding (Marian starts decoding from a zero vector; converted OPUS-MT
    models store it as zero) and ban <pad> from the output, as OPUS-MT configs do."""
    import torch
    from transformers import MarianMTModel

    model = MarianMTModel.from_pretrained(folder)
    pad = model.config.pad_token_id
    with torch.no_grad():
        model.get_input_embeddings().weight[pad].zero_()
    model.generation_config.bad_words_ids = [[pad]]
    model.save_pretrained(folder)


@pytest.fixture(scope="module")
def marian_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = build_tiny_marian(
        tmp_path_factory.mktemp("ct2") / "tiny-marian", train_steps=TRAIN_STEPS
    )
    give_opus_mt_convention(folder)
    return folder


@pytest.fixture(scope="module")
def ct2_dir(marian_dir: Path) -> Path:
    return convert_model(str(marian_dir), marian_dir.parent / "tiny-ct2").output


@pytest.fixture(scope="module")
def ct2_int8_dir(marian_dir: Path) -> Path:
    return convert_model(
        str(marian_dir), marian_dir.parent / "tiny-ct2-int8", quantization="int8"
    ).output


@pytest.fixture(scope="module")
def hf(marian_dir: Path) -> HFTranslator:
    return HFTranslator(str(marian_dir), max_new_tokens=8)


@pytest.fixture(scope="module")
def ct2(ct2_dir: Path) -> CT2Translator:
    return load_translator(f"ct2:{ct2_dir}", max_new_tokens=8, intra_threads=1)  # type: ignore[return-value]


def test_conversion_is_self_contained(marian_dir: Path, ct2_dir: Path) -> None:
    names = {path.name for path in ct2_dir.iterdir()}
    assert {"model.bin", "config.json", "tokenizer_config.json", METADATA_FILE} <= names
    assert {"source.spm", "target.spm", "vocab.json"} <= names  # Marian's tokenizer files
    metadata = json.loads((ct2_dir / METADATA_FILE).read_text())
    assert metadata["max_input_tokens"] == MAX_POSITIONS
    assert metadata["quantization"] == "float32"
    assert metadata["source_model"] == "tiny-marian"
    leftovers = [p.name for p in ct2_dir.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []
    # A copy elsewhere still works: nothing points back at the transformers folder.
    assert (ct2_dir / "model.bin").stat().st_size > 0


def test_signature_records_settings(ct2: CT2Translator, ct2_int8_dir: Path) -> None:
    import ctranslate2

    parts = ct2.signature.split("|")
    assert parts[:4] == ["ct2:tiny-ct2", "compute=float32", "beam=1", "max_len=8"]
    assert parts[4] == f"ctranslate2-{ctranslate2.__version__}"
    assert parts[5].startswith("id=")
    int8 = CT2Translator(str(ct2_int8_dir), max_new_tokens=8, intra_threads=1)
    assert int8.compute_type.startswith("int8")
    assert f"compute={int8.compute_type}" in int8.signature
    assert int8.signature.split("|id=")[1] != ct2.signature.split("|id=")[1]
    beam = CT2Translator(str(ct2_int8_dir), num_beams=3, max_new_tokens=5, intra_threads=1)
    assert "|beam=3|max_len=5|" in beam.signature


def test_default_threads_use_every_core(ct2_dir: Path) -> None:
    translator = CT2Translator(str(ct2_dir))
    assert translator.intra_threads == ct2_module.available_cores()


def test_greedy_float32_equals_hf(hf: HFTranslator, ct2: CT2Translator) -> None:
    sentences = SENTENCES + [source for source, _ in word_pairs(60, seed=11)] + [LONG_SENTENCE]
    expected = hf.translate(sentences)
    assert len(set(expected)) >= 8, "the test model must translate different inputs differently"
    assert ct2.translate(sentences) == expected


def test_greedy_equals_hf_when_the_length_limit_cuts(marian_dir: Path, ct2_dir: Path) -> None:
    sentences = [source for source, _ in word_pairs(30, seed=5)]
    short_hf = HFTranslator(str(marian_dir), max_new_tokens=3)
    short_ct2 = CT2Translator(str(ct2_dir), max_new_tokens=3, intra_threads=1)
    expected = short_hf.translate(sentences)
    assert max(len(text.split()) for text in expected) == 2  # the limit cut some outputs
    assert short_ct2.translate(sentences) == expected


def test_int8_mostly_agrees_with_float32(ct2: CT2Translator, ct2_int8_dir: Path) -> None:
    sentences = [source for source, _ in word_pairs(80, seed=2)]
    int8 = CT2Translator(str(ct2_int8_dir), max_new_tokens=8, intra_threads=1)
    float32_outputs, int8_outputs = ct2.translate(sentences), int8.translate(sentences)
    # How many whole outputs stay identical depends on the CPU's int8 kernels (half of them
    # on an AMD EPYC, over 70 % on an Intel Xeon); close translations do not: int8 words
    # stand where the float32 ones stand, and a broken conversion scores far lower.
    pairs = list(zip(float32_outputs, int8_outputs, strict=True))
    same_words = sum(
        a == b for one, other in pairs for a, b in zip(one.split(), other.split(), strict=False)
    )
    words = sum(max(len(one.split()), len(other.split())) for one, other in pairs)
    assert same_words >= 0.7 * words
    assert sacrebleu.corpus_chrf(int8_outputs, [float32_outputs]).score >= 70


def test_one_output_per_input_order_and_batching(ct2: CT2Translator, ct2_dir: Path) -> None:
    outputs = ct2.translate(SENTENCES)
    assert len(outputs) == len(SENTENCES) and outputs[2] == ""
    assert all(outputs[i] for i in range(len(SENTENCES)) if i != 2)
    assert ct2.translate(SENTENCES[::-1]) == outputs[::-1]
    one = CT2Translator(str(ct2_dir), batch_size=1, max_new_tokens=8, intra_threads=1)
    assert one.translate(SENTENCES) == outputs
    assert ct2.translate([]) == []
    with pytest.raises(TranslateEvalError, match="list of sentences"):
        ct2.translate("قال المتحدث")  # type: ignore[arg-type]


def test_replicas_share_a_batch_and_agree(ct2: CT2Translator, ct2_dir: Path) -> None:
    two = CT2Translator(str(ct2_dir), max_new_tokens=8, intra_threads=1, inter_threads=2)
    assert two._replica_batch(len(SENTENCES)) == -(-len(SENTENCES) // 2)
    assert two._replica_batch(1) == 0 and ct2._replica_batch(len(SENTENCES)) == 0
    assert two.translate(SENTENCES) == ct2.translate(SENTENCES)


class RecordingModel:
    """Stands in for ctranslate2.Translator and records the batches it is given."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.batches: list[list[list[str]]] = []
        self.prefixes: list[object] = []

    def translate_batch(self, source: list[list[str]], **options: object) -> object:
        self.batches.append(source)
        self.prefixes.append(options.get("target_prefix"))
        return self.inner.translate_batch(source, **options)  # type: ignore[attr-defined]


class GenerateRecorder:
    """Stands in for a transformers model's ``generate`` and records its keyword arguments."""

    def __init__(self, generate: object) -> None:
        self.generate = generate
        self.calls: list[dict[str, object]] = []

    def __call__(self, **kwargs: object) -> object:
        self.calls.append(kwargs)
        return self.generate(**kwargs)  # type: ignore[operator]


def test_long_sentence_is_split_like_hf_and_rejoined(
    ct2: CT2Translator, hf: HFTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ct2.token_count(LONG_SENTENCE) > ct2.max_input_tokens
    chunks = ct2.plan([LONG_SENTENCE])
    assert chunks == hf.plan([LONG_SENTENCE])  # the same splitting code and tokenizer
    assert len(chunks) >= 2
    assert " ".join(chunk.text for chunk in chunks).split() == LONG_SENTENCE.split()
    recorder = RecordingModel(ct2.model)
    monkeypatch.setattr(ct2, "model", recorder)
    joined = ct2.translate([LONG_SENTENCE])[0]
    rows = [row for batch in recorder.batches for row in batch]
    assert len(rows) == len(chunks)
    assert all(len(row) <= ct2.max_input_tokens for row in rows)
    assert joined == " ".join(ct2.translate([chunk.text for chunk in chunks]))


def test_batches_are_sorted_by_length(ct2_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    translator = CT2Translator(str(ct2_dir), batch_size=2, max_new_tokens=4, intra_threads=1)
    recorder = RecordingModel(translator.model)
    monkeypatch.setattr(translator, "model", recorder)
    sentences = [" ".join(ARABIC_WORDS[: 1 + (i * 7) % 10]) for i in range(8)]
    translator.translate(sentences)
    longest = [max(len(row) for row in batch) for batch in recorder.batches]
    assert longest == sorted(longest, reverse=True)
    assert sum(len(batch) for batch in recorder.batches) == len(sentences)


def test_cache_reuses_and_resumes(ct2: CT2Translator, tmp_path: Path) -> None:
    sentences = [source for source, _ in word_pairs(12, seed=9)]
    expected = ct2.translate(sentences)
    calls: list[int] = []

    class Interrupting:
        signature = ct2.signature

        def translate(self, batch: list[str]) -> list[str]:
            calls.append(len(batch))
            if len(calls) == 2:
                raise KeyboardInterrupt
            return ct2.translate(batch)

    path = tmp_path / "mt.sqlite"
    first = CachedTranslator(Interrupting(), path, chunk_size=4)
    with pytest.raises(KeyboardInterrupt):
        first.translate(sentences)
    first.close()
    calls.clear()
    resumed = CachedTranslator(Interrupting(), path, chunk_size=100)
    assert resumed.translate(sentences) == expected
    assert calls == [len(set(sentences)) - 4]  # only what the first run had not finished
    assert resumed.stats.hits == 4
    resumed.close()
    again = CachedTranslator(ct2, path)
    assert again.translate(sentences) == expected
    assert again.stats.hits == len(sentences) and again.stats.misses == 0
    again.close()


def test_pickles_as_its_arguments(ct2: CT2Translator) -> None:
    data = pickle.dumps(ct2)
    assert len(data) < 10_000
    copy = pickle.loads(data)
    assert copy.signature == ct2.signature
    assert copy.translate(SENTENCES[:2]) == ct2.translate(SENTENCES[:2])


# -- errors ---------------------------------------------------------------------------------------


def test_missing_folder_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError) as error:
        load_translator(f"ct2:{tmp_path / 'nowhere'}")
    message = str(error.value)
    assert "\n" not in message and "translate-eval convert-model" in message


def test_folder_without_model_or_tokenizer(tmp_path: Path, ct2_dir: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="not a CTranslate2 model folder"):
        CT2Translator(str(tmp_path))
    bare = tmp_path / "bare"
    bare.mkdir()
    for name in ("model.bin", "config.json", "shared_vocabulary.json"):
        (bare / name).write_bytes((ct2_dir / name).read_bytes())
    with pytest.raises(ModelNotFoundError) as error:
        CT2Translator(str(bare))
    assert "no tokenizer files" in str(error.value) and "\n" not in str(error.value)


def test_damaged_model_is_one_line(tmp_path: Path, ct2_dir: Path) -> None:
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    for path in ct2_dir.iterdir():
        (damaged / path.name).write_bytes(path.read_bytes())
    (damaged / "model.bin").write_bytes(b"not a model")
    with pytest.raises(ModelNotFoundError) as error:
        CT2Translator(str(damaged))
    assert "\n" not in str(error.value)


def test_ctranslate2_missing(monkeypatch: pytest.MonkeyPatch, ct2_dir: Path) -> None:
    real_find_spec = importlib.util.find_spec

    def fake_find_spec(name: str, *args: object) -> object:
        return None if name == "ctranslate2" else real_find_spec(name, *args)

    monkeypatch.setattr(ct2_module.importlib.util, "find_spec", fake_find_spec)
    with pytest.raises(ModelNotFoundError, match=r"pip install -e '\.\[ct2\]'"):
        load_translator(f"ct2:{ct2_dir}")


def test_bad_options(ct2_dir: Path) -> None:
    with pytest.raises(TranslateEvalError, match="unknown ct2: option"):
        load_translator(f"ct2:{ct2_dir}", beams=2)
    with pytest.raises(TranslateEvalError, match="batch_size"):
        load_translator(f"ct2:{ct2_dir}", batch_size=0)
    with pytest.raises(TranslateEvalError, match="compute_type"):
        load_translator(f"ct2:{ct2_dir}", compute_type="int3")
    with pytest.raises(TranslateEvalError, match="needs a model folder"):
        load_translator("ct2:")
    with pytest.raises(TranslateEvalError, match="takes no src_lang"):
        load_translator(f"ct2:{ct2_dir}", src_lang="ar")


def test_convert_refuses_to_overwrite_and_bad_quantization(
    marian_dir: Path, ct2_dir: Path, tmp_path: Path
) -> None:
    before = (ct2_dir / "model.bin").stat().st_mtime_ns
    with pytest.raises(TranslateEvalError, match="--force"):
        convert_model(str(marian_dir), ct2_dir)
    assert (ct2_dir / "model.bin").stat().st_mtime_ns == before
    with pytest.raises(TranslateEvalError, match="unknown quantization"):
        convert_model(str(marian_dir), tmp_path / "x", quantization="int3")
    assert not (tmp_path / "x").exists()


def test_convert_missing_model_never_touches_the_network(no_network: None, tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError) as error:
        convert_model("no-such-org-xyz/no-such-model-xyz", tmp_path / "out")
    assert "hf download no-such-org-xyz/no-such-model-xyz" in str(error.value)
    assert "\n" not in str(error.value)
    with pytest.raises(ModelNotFoundError):
        convert_model(str(tmp_path / "missing" / "folder"), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_convert_a_folder_that_is_no_model_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(TranslateEvalError) as error:
        convert_model(str(tmp_path / "empty"), tmp_path / "out")
    assert "\n" not in str(error.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_convert_warns_when_marian_start_embedding_is_not_zero(
    marian_dir: Path, tmp_path: Path
) -> None:
    import torch
    from transformers import MarianMTModel

    model = MarianMTModel.from_pretrained(marian_dir)
    with torch.no_grad():
        model.get_input_embeddings().weight[model.config.pad_token_id] += 0.5
    moved = tmp_path / "moved"
    model.save_pretrained(moved)
    for name in ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json"):
        (moved / name).write_bytes((marian_dir / name).read_bytes())
    result = convert_model(str(moved), tmp_path / "moved-ct2")
    assert any("not zero" in note for note in result.warnings)
    assert convert_model(str(marian_dir), tmp_path / "fine-ct2").warnings == []


# -- command line ---------------------------------------------------------------------------------


def test_cli_convert_then_translate(
    marian_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cli-ct2"
    assert main(["convert-model", str(marian_dir), str(out), "--quantization", "int8"]) == 0
    assert f"ct2:{out}" in capsys.readouterr().out
    assert json.loads((out / METADATA_FILE).read_text())["quantization"] == "int8"
    source = tmp_path / "ar.txt"
    lines = [s for s in SENTENCES if s]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "en.txt"
    argv = ["translate", str(source), "--mt", f"ct2:{out}", "--presegmented", "-o", str(target)]
    assert main([*argv, "--no-cache"]) == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == len(lines)


def test_cli_errors_are_one_line(
    marian_dir: Path, ct2_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert-model", str(marian_dir), str(ct2_dir)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "--force" in error
    source = tmp_path / "ar.txt"
    source.write_text("قال المتحدث\n", encoding="utf-8")
    missing = tmp_path / "no-model"
    assert main(["translate", str(source), "--mt", f"ct2:{missing}", "--no-cache"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "convert-model" in error


# -- multilingual models: language codes ----------------------------------------------------------


def build_tiny_m2m100(folder: Path) -> Path:
    """A random two-layer M2M100 model with a SentencePiece vocabulary and the 100 M2M100
    language codes (``__ar__``, ``__en__``...)."""
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    folder.mkdir(parents=True)
    lines = synthetic_lines(ARABIC_WORDS, 200, 0) + synthetic_lines(ENGLISH_WORDS, 200, 1)
    pieces = _train_spm(lines, folder / "spm", vocab_size=200)
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece in pieces:
        vocab.setdefault(piece, len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = M2M100Tokenizer(
        vocab_file=str(folder / "vocab.json"),
        spm_file=str(folder / "spm.model"),
        model_max_length=32,
    )
    size = tokenizer.encoder_size + len(tokenizer.lang_code_to_id) + tokenizer.num_madeup_words
    torch.manual_seed(0)
    model = M2M100ForConditionalGeneration(_tiny_m2m_config(M2M100Config, size))
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def build_tiny_nllb(folder: Path) -> Path:
    """A random two-layer NLLB-style model: character vocabulary plus the FLORES-200 codes."""
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "▁": 4}
    for character in sorted(set("".join(ARABIC_WORDS + ENGLISH_WORDS))):
        vocab.setdefault(character, len(vocab))
    tokenizer = NllbTokenizer(vocab=vocab, merges=[], model_max_length=32)
    torch.manual_seed(0)
    model = M2M100ForConditionalGeneration(_tiny_m2m_config(M2M100Config, len(tokenizer)))
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def _tiny_m2m_config(config_class: type, vocab_size: int) -> object:
    return config_class(
        vocab_size=vocab_size,
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=32,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
    )


def test_m2m100_language_codes_in_hf_and_ct2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = build_tiny_m2m100(tmp_path / "m2m")
    converted = convert_model(str(folder), tmp_path / "m2m-ct2").output
    sentences = [" ".join(ARABIC_WORDS[i : i + 3]) for i in range(0, 30, 4)]
    for tgt_lang in ("en", "fr"):
        hf = HFTranslator(str(folder), max_new_tokens=6, tgt_lang=tgt_lang)
        assert f"|src=ar|tgt={tgt_lang}|" in hf.signature
        first = hf.tokenizer(sentences[0])["input_ids"][0]
        assert hf.tokenizer.convert_ids_to_tokens(first) == "__ar__"
        generate = GenerateRecorder(hf.model.generate)
        monkeypatch.setattr(hf.model, "generate", generate)
        expected = hf.translate(sentences)
        assert {call["forced_bos_token_id"] for call in generate.calls} == {
            hf.tokenizer.get_lang_id(tgt_lang)
        }
        ct2 = CT2Translator(str(converted), max_new_tokens=6, tgt_lang=tgt_lang, intra_threads=1)
        assert f"|src=ar|tgt={tgt_lang}|" in ct2.signature
        recorder = RecordingModel(ct2.model)
        monkeypatch.setattr(ct2, "model", recorder)
        assert ct2.translate(sentences) == expected
        assert recorder.prefixes == [[[f"__{tgt_lang}__"]] * len(sentences)]
        assert not any(f"__{tgt_lang}__" in text for text in expected)
    with pytest.raises(TranslateEvalError, match="does not know the language code tgt_lang"):
        HFTranslator(str(folder), tgt_lang="eng_Latn")


def test_nllb_language_codes(tmp_path: Path) -> None:
    folder = build_tiny_nllb(tmp_path / "nllb")
    hf = load_translator(f"hf:{folder}", max_new_tokens=4)
    assert "|src=arb_Arab|tgt=eng_Latn|" in hf.signature
    ids = hf.tokenizer("قال")["input_ids"]  # type: ignore[attr-defined]
    assert hf.tokenizer.convert_ids_to_tokens(ids[0]) == "arb_Arab"  # type: ignore[attr-defined]
    converted = convert_model(str(folder), tmp_path / "nllb-ct2").output
    ct2 = load_translator(f"ct2:{converted}", max_new_tokens=4, intra_threads=1)
    assert "|src=arb_Arab|tgt=eng_Latn|" in ct2.signature
    assert ct2.translate(SENTENCES) == hf.translate(SENTENCES)
    with pytest.raises(TranslateEvalError, match="src_lang='ar'"):
        load_translator(f"hf:{folder}", src_lang="ar")


def test_cli_decoding_flags_are_recorded_in_the_run_signature(
    ct2_int8_dir: Path, tmp_path: Path
) -> None:
    source, english = tmp_path / "ar.txt", tmp_path / "en.txt"
    source.write_text("\n".join(s for s in SENTENCES if s) + "\n", encoding="utf-8")
    english.write_text("The army spoke.\nThe city waited.\nThe council met.\n", encoding="utf-8")
    argv = ["compare", str(source), str(english), "--presegmented", "--encoder", "none"]
    argv += ["--mt", f"ct2:{ct2_int8_dir}", "--no-cache"]
    signatures = {}
    for name, flags in (("default", []), ("float", ["--compute-type", "float32"])):
        out = tmp_path / name
        assert main([*argv, "--out", str(out), "--max-length", "5", *flags]) == 0
        signatures[name] = json.loads((out / "signature.json").read_text())["mt"]
    assert "|compute=int8" in signatures["default"]
    assert "|compute=float32|beam=1|max_len=5|" in signatures["float"]
