"""Tests for `hf:MODEL_OR_PATH` on a tiny Marian model built for the session
(translate_eval_bench/tiny_marian.py, through the ``tiny_marian_dir`` fixture of conftest.py).

No network: HF_HUB_OFFLINE is set and socket connections fail during the error tests.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("sentencepiece")

from translate_eval.errors import ModelNotFoundError, TranslateEvalError
from translate_eval.translate import hf as hf_module
from translate_eval.translate import load_translator
from translate_eval.translate.hf import HFTranslator
from translate_eval_bench.tiny_marian import ARABIC_WORDS, MAX_POSITIONS

SENTENCES = [
    "قال المتحدث الجيش",
    "في من على",
    "",
    "المدينة ريف الحكومة وزارة الصحة",
    "بعد قبل",
    "الأمن جلسة مجلس",
    "الحرب مستمرة",
]


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread() -> Iterator[None]:
    """The tiny model runs fastest on one thread, and CI machines are small."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="session")
def model_dir(tiny_marian_dir: Path) -> Path:
    return tiny_marian_dir


@pytest.fixture(scope="module")
def translator(model_dir: Path) -> HFTranslator:
    return load_translator(f"hf:{model_dir}", max_new_tokens=8)  # type: ignore[return-value]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_loads_from_folder_with_signature(translator: HFTranslator, model_dir: Path) -> None:
    parts = translator.signature.split("|")
    assert parts[0] == "hf:tiny-marian"
    assert parts[1:3] == ["beam=1", "max_len=8"]
    assert parts[3].startswith("transformers-")
    assert translator.max_input_tokens == MAX_POSITIONS


def test_one_output_per_input_and_empty_stays_empty(translator: HFTranslator) -> None:
    outputs = translator.translate(SENTENCES)
    assert len(outputs) == len(SENTENCES)
    assert outputs[2] == ""
    assert all(outputs[i] for i in range(len(SENTENCES)) if i != 2)
    assert translator.translate([]) == []


def test_output_depends_on_input_and_order_is_preserved(translator: HFTranslator) -> None:
    outputs = translator.translate(SENTENCES)
    assert len(set(outputs)) >= 3, "the test model must translate different inputs differently"
    assert translator.translate(SENTENCES[::-1]) == outputs[::-1]


def test_batch_size_does_not_change_outputs(model_dir: Path) -> None:
    one = HFTranslator(str(model_dir), batch_size=1, max_new_tokens=8)
    four = HFTranslator(str(model_dir), batch_size=4, max_new_tokens=8)
    assert one.translate(SENTENCES) == four.translate(SENTENCES)


def test_deterministic(translator: HFTranslator) -> None:
    assert translator.translate(SENTENCES) == translator.translate(SENTENCES)


def test_long_sentence_is_split_not_truncated(
    translator: HFTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    clause = " ".join(ARABIC_WORDS[:12])
    long_sentence = "، ".join([clause] * 6) + "."
    assert translator.token_count(long_sentence) > translator.max_input_tokens
    chunks = translator.plan([long_sentence])
    assert len(chunks) >= 2
    assert all(chunk.length <= translator.max_input_tokens for chunk in chunks)
    assert " ".join(chunk.text for chunk in chunks).split() == long_sentence.split()

    seen_rows: list[int] = []
    real_generate = translator.model.generate

    def counting_generate(**kwargs: object) -> object:
        seen_rows.append(kwargs["input_ids"].shape[0])  # type: ignore[attr-defined]
        assert kwargs["input_ids"].shape[1] <= translator.max_input_tokens  # type: ignore[attr-defined]
        return real_generate(**kwargs)

    monkeypatch.setattr(translator.model, "generate", counting_generate)
    joined = translator.translate([long_sentence])[0]
    assert sum(seen_rows) == len(chunks)
    pieces = translator.translate([chunk.text for chunk in chunks])
    assert joined == " ".join(pieces)


def test_unbroken_string_is_cut_into_token_windows(translator: HFTranslator) -> None:
    blob = "".join(ARABIC_WORDS) * 2
    pieces = translator.split_for_model(blob)
    assert len(pieces) >= 2
    assert all(translator.token_count(piece) <= translator.max_input_tokens for piece in pieces)
    assert "".join(pieces) == blob


def test_small_input_limit_option_forces_more_chunks(model_dir: Path) -> None:
    narrow = HFTranslator(str(model_dir), max_input_tokens=8, max_new_tokens=4)
    sentence = " ".join(ARABIC_WORDS[:10])
    pieces = narrow.split_for_model(sentence)
    assert len(pieces) >= 2
    assert " ".join(pieces).split() == sentence.split()
    assert len(narrow.translate([sentence, "قال"])) == 2


def test_missing_folder_is_one_line_error(no_network: None, tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError) as error:
        load_translator(f"hf:{tmp_path / 'no' / 'such' / 'model'}")
    assert "\n" not in str(error.value)


def test_unknown_hub_id_says_how_to_download(no_network: None) -> None:
    with pytest.raises(ModelNotFoundError) as error:
        load_translator("hf:no-such-org-xyz/no-such-model-xyz")
    message = str(error.value)
    assert "\n" not in message
    assert "hf download no-such-org-xyz/no-such-model-xyz --local-dir DIR" in message


def test_folder_without_a_model(no_network: None, tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError) as error:
        load_translator(f"hf:{tmp_path}")
    assert "\n" not in str(error.value)


def test_folder_with_damaged_weights(no_network: None, tmp_path: Path, model_dir: Path) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(model_dir, damaged)
    (damaged / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ModelNotFoundError) as error:
        load_translator(f"hf:{damaged}")
    assert "\n" not in str(error.value) and "damaged" in str(error.value)


def test_torch_missing(monkeypatch: pytest.MonkeyPatch, model_dir: Path) -> None:
    real_find_spec = importlib.util.find_spec

    def fake_find_spec(name: str, *args: object) -> object:
        return None if name == "torch" else real_find_spec(name, *args)

    monkeypatch.setattr(hf_module.importlib.util, "find_spec", fake_find_spec)
    with pytest.raises(ModelNotFoundError, match=r"pip install torch==2\.13\.0"):
        load_translator(f"hf:{model_dir}")


def test_bad_options(model_dir: Path) -> None:
    with pytest.raises(TranslateEvalError, match="unknown hf: option"):
        load_translator(f"hf:{model_dir}", beams=2)
    with pytest.raises(TranslateEvalError, match="batch_size"):
        load_translator(f"hf:{model_dir}", batch_size=0)
    with pytest.raises(TranslateEvalError, match="needs a model"):
        load_translator("hf:")


def test_beam_search_is_recorded_and_runs(model_dir: Path) -> None:
    beam = HFTranslator(str(model_dir), num_beams=3, max_new_tokens=8)
    assert "|beam=3|" in beam.signature
    outputs = beam.translate(SENTENCES)
    assert len(outputs) == len(SENTENCES) and outputs[2] == ""


def test_bad_device_is_a_one_line_error(model_dir: Path) -> None:
    with pytest.raises(TranslateEvalError) as error:
        HFTranslator(str(model_dir), device="no-such-device")
    assert "\n" not in str(error.value)


def test_pickles_as_its_arguments(translator: HFTranslator) -> None:
    import pickle

    data = pickle.dumps(translator)
    assert len(data) < 10_000  # weights are reloaded, not shipped
    copy = pickle.loads(data)
    assert copy.signature == translator.signature
    assert copy.translate(SENTENCES[:2]) == translator.translate(SENTENCES[:2])


# -- decoding options on the command line ------------------------------------------------------


def _cli_translate(model_dir: Path, tmp_path: Path, *flags: str) -> list[str]:
    from translate_eval.cli import main

    source = tmp_path / "ar.txt"
    source.write_text("\n".join(s for s in SENTENCES if s) + "\n", encoding="utf-8")
    output = tmp_path / "en.txt"
    argv = ["translate", str(source), "--presegmented", "--mt", f"hf:{model_dir}", "-o"]
    assert main([*argv, str(output), *flags]) == 0
    return output.read_text(encoding="utf-8").splitlines()


def test_cli_decoding_flags_reach_the_model_and_key_the_cache(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATE_EVAL_CACHE", str(tmp_path / "cache.sqlite"))
    lines = [s for s in SENTENCES if s]
    short = HFTranslator(str(model_dir), max_new_tokens=2).translate(lines)
    long = HFTranslator(str(model_dir), num_beams=2, max_new_tokens=8).translate(lines)
    assert short != long
    assert _cli_translate(model_dir, tmp_path, "--max-length", "2") == short
    # the same text with other settings: the cache must not answer with the short outputs
    assert _cli_translate(model_dir, tmp_path, "--beam", "2", "--max-length", "8") == long


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--compute-type", "int8"], "--compute-type: for ct2: MT only"),
        (["--beam", "0"], "--beam must be at least 1"),
        (["--src-lang", "arb_Arab"], "takes no src_lang/tgt_lang"),
    ],
)
def test_cli_bad_decoding_flags_are_one_line_errors(
    model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], flags, message
) -> None:
    from translate_eval.cli import main

    source = tmp_path / "ar.txt"
    source.write_text(SENTENCES[0] + "\n", encoding="utf-8")
    argv = ["translate", str(source), "--mt", f"hf:{model_dir}", "-o", str(tmp_path / "o.txt")]
    assert main([*argv, *flags]) == 2
    err = capsys.readouterr().err
    ours = [line for line in err.splitlines() if line.startswith("translate-eval")]
    assert len(ours) == 1 and message in ours[0]  # (transformers may draw a loading bar)
    assert "Traceback" not in err
    assert not (tmp_path / "o.txt").exists()


def test_model_options_give_each_backend_its_share() -> None:
    from translate_eval.translate import model_options

    options = {"num_beams": 4, "compute_type": "int8"}
    assert model_options("ct2:/m", options) == options
    assert model_options("hf:/m", options) == {"num_beams": 4}
    assert model_options("gloss", options) == {} == model_options("file:/x.txt", options)


def test_cli_says_how_much_the_cache_gave_even_when_it_gave_all(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("TRANSLATE_EVAL_CACHE", str(tmp_path / "cache.sqlite"))
    first = _cli_translate(model_dir, tmp_path, "--max-length", "4")
    assert "MT cache:" not in capsys.readouterr().err  # nothing to reuse yet
    assert _cli_translate(model_dir, tmp_path, "--max-length", "4") == first
    err = capsys.readouterr().err
    count = len(first)
    assert f"translate-eval: MT cache: {count} of {count} sentences reused (100%)" in err
    assert "warning" not in err
