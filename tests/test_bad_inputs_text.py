"""Hostile input files and text through the CLI: devices, FIFOs, odd encodings, wrong languages,
invisible marks, presegmented folders. Each refusal is one line on stderr with exit status 2 and
no traceback; each accepted input gives the same outputs as the plain file.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from cli_checks import assert_one_line_error, warnings_of

from translate_eval.cli import main
from translate_eval.documents import load_document, load_pair, make_document
from translate_eval.errors import InputError
from translate_eval.files import read_text_file, write_text_atomic
from translate_eval.text.clean import INVISIBLE_MARKS, clean_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "jisr-al-shughour"
FAST = ("--mt", "none", "--encoder", "none", "--no-cache")
REALNEWS = ROOT.parent / "shared" / "benchmarks" / "realnews"
ALIGNAR = Path(os.environ.get("TRANSLATE_EVAL_ALIGNAR", REALNEWS.parent / "alignar"))
#: Every mark that :func:`clean_text` removes, one by one.
MARKS = (
    "\u061c"
    + "".join(chr(c) for c in range(0x200B, 0x2010))
    + ("\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff")
)
PERSIAN = (
    "دولت ایران روز سه شنبه اعلام کرد که گفتگوهای هسته ای با کشورهای اروپایی در هفته آینده "
    "ادامه پیدا می کند. سخنگوی وزارت خارجه گفت که این گفتگوها برای پایان دادن به تحریم ها "
    "ضروری است و ایران آماده همکاری است. او همچنین افزود که کشورش هیچ گاه به دنبال ساخت "
    "سلاح هسته ای نبوده است. بسیاری از کارشناسان می گویند که توافق جدید می تواند اقتصاد "
    "کشور را بهبود بخشد و زندگی مردم را آسان تر کند.\n"
)
URDU = (
    "پاکستان کی حکومت نے منگل کے روز اعلان کیا کہ ملک میں مہنگائی کم کرنے کے لیے نئے اقدامات "
    "کیے جائیں گے۔ وزیر خزانہ نے کہا کہ بجلی اور گیس کی قیمتوں میں کمی کی جائے گی اور غریب "
    "خاندانوں کو مدد دی جائے گی۔ انہوں نے مزید کہا کہ حکومت عوام کی مشکلات سے پوری طرح آگاہ "
    "ہے اور ان کو حل کرنے کے لیے دن رات کام کر رہی ہے۔\n"
)
FRENCH = (
    "Le gouvernement syrien a annoncé mardi que les forces de sécurité ont repris le contrôle "
    "de la ville après plusieurs jours de combats. Selon le ministre de l'Intérieur, les rebelles "
    "se sont retirés vers le nord et la situation est désormais calme. Les habitants qui avaient "
    "fui la région commencent à revenir dans leurs maisons, mais beaucoup restent inquiets.\n"
)


def seed_text(name: str) -> str:
    return (SEED / name).read_text(encoding="utf-8")


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run ``translate-eval ARGS`` in-process: (exit status, stdout, stderr)."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def subprocess_cli(*args: str, timeout: float = 60) -> tuple[int, str, str]:
    """Run the CLI in a child process, so that a hang fails the test instead of blocking it."""
    try:
        result = subprocess.run(
            [sys.executable, "-m", "translate_eval.cli", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"translate-eval {' '.join(args)} still ran after {timeout} s")
    return result.returncode, result.stdout, result.stderr




def compare_ok(capsys, out: Path, *inputs: str | Path, extra: tuple[str, ...] = FAST):
    code, _, stderr = cli(capsys, "compare", *map(str, inputs), *extra, "--out", str(out))
    assert code == 0, stderr
    links = pd.read_csv(out / "links.csv", dtype=str, keep_default_na=False)
    return links, warnings_of(stderr)


@pytest.fixture(scope="module")
def plain_links(tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("plain") / "out"
    assert (
        main(["compare", str(SEED / "ar.txt"), str(SEED / "en.txt"), *FAST, "--out", str(out)]) == 0
    )
    return pd.read_csv(out / "links.csv", dtype=str, keep_default_na=False)


# -- devices, FIFOs and the byte cap ------------------------------------------------------------


def test_dev_zero_as_source_is_refused_at_once():
    code, _, stderr = subprocess_cli("compare", "/dev/zero", str(SEED / "en.txt"), *FAST)
    assert_one_line_error(code, stderr, "/dev/zero is not a regular file (a character device)")


@pytest.mark.parametrize("command", ["compare", "translate", "mt-file"])
def test_a_fifo_as_input_is_refused_without_hanging(tmp_path, command):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    args = {
        "compare": ("compare", str(fifo), str(SEED / "en.txt"), *FAST),
        "translate": ("translate", str(fifo), "--mt", "none", "--no-cache"),
        "mt-file": (
            "compare",
            str(SEED / "ar.txt"),
            str(SEED / "en.txt"),
            "--mt",
            f"file:{fifo}",
            "--encoder",
            "none",
            "--no-cache",
            "--out",
            str(tmp_path / "out"),
        ),
    }[command]
    code, _, stderr = subprocess_cli(*args, timeout=30)
    assert_one_line_error(code, stderr, str(fifo), "is not a regular file (a FIFO)")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_link_to_a_device_in_a_pair_folder_names_the_device(tmp_path):
    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "ar.txt").symlink_to("/dev/zero")
    (folder / "en.txt").write_text(seed_text("en.txt"), encoding="utf-8")
    code, _, stderr = subprocess_cli("compare", str(folder), *FAST, timeout=30)
    line = assert_one_line_error(code, stderr, "is not a regular file (a character device)")
    assert "has no ar.txt" not in line


def test_the_size_limit_counts_bytes_read_not_st_size(monkeypatch):
    # /proc files are regular files whose st_size is 0 whatever they hold
    monkeypatch.setattr("translate_eval.files.MAX_INPUT_BYTES", 100)
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(InputError, match="is over 100 bytes"):
        read_text_file("/proc/self/status")


# -- output targets ---------------------------------------------------------------------------


def test_output_onto_a_fifo_is_refused_and_the_fifo_stays(capsys, tmp_path):
    fifo = tmp_path / "beads.fifo"
    os.mkfifo(fifo)
    link = tmp_path / "beads-link.txt"
    link.symlink_to(fifo)
    for target in (fifo, link):
        code, _, stderr = cli(
            capsys,
            "align",
            str(SEED / "ar.txt"),
            str(SEED / "en.txt"),
            "--mt",
            "none",
            "--encoder",
            "none",
            "-o",
            str(target),
        )
        assert_one_line_error(code, stderr, f"cannot write {target}", "a FIFO")
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["beads-link.txt", "beads.fifo"]


def test_atomic_write_refuses_a_directory_and_keeps_replacing_regular_files(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(InputError, match="it is a directory"):
        write_text_atomic(folder, "text")
    assert folder.is_dir()
    plain = tmp_path / "plain.txt"
    plain.write_text("old", encoding="utf-8")
    write_text_atomic(plain, "new")
    assert plain.read_text(encoding="utf-8") == "new"


# -- metadata -----------------------------------------------------------------------------------


def test_deeply_nested_meta_toml_is_one_line(tmp_path):
    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "ar.txt").write_text(seed_text("ar.txt"), encoding="utf-8")
    (folder / "en.txt").write_text(seed_text("en.txt"), encoding="utf-8")
    (folder / "meta.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, _, stderr = subprocess_cli("compare", str(folder), *FAST, "--out", str(tmp_path / "o"))
    assert_one_line_error(code, stderr, "meta.toml", "nested too deeply")


# -- encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("codec", "order"), [("utf-16-le", "little"), ("utf-16-be", "big")])
def test_utf16_with_a_bom_is_decoded_with_a_warning(capsys, tmp_path, plain_links, codec, order):
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    src, tgt = tmp_path / "ar.txt", tmp_path / "en.txt"
    src.write_bytes(bom + seed_text("ar.txt").encode(codec))
    tgt.write_bytes(bom + seed_text("en.txt").replace("\n", "\r\n").encode(codec))
    links, warnings = compare_ok(capsys, tmp_path / "out", src, tgt)
    pd.testing.assert_frame_equal(links, plain_links)
    assert sum(f"UTF-16 ({order}-endian" in line for line in warnings) == 2, warnings


def damage(data: bytes, every: int) -> bytes:
    """``data`` with every ``every``-th byte set to 0xFF (never valid in UTF-8)."""
    damaged = bytearray(data)
    for index in range(every // 2, len(damaged), every):
        damaged[index] = 0xFF
    return bytes(damaged)


@pytest.mark.parametrize("every", [40, 7, 3])
def test_damaged_utf8_arabic_is_refused_not_read_as_windows_1256(capsys, tmp_path, every):
    src = tmp_path / "ar.txt"
    src.write_bytes(damage(seed_text("ar.txt").encode(), every))
    code, _, stderr = cli(capsys, "compare", str(src), str(SEED / "en.txt"), *FAST)
    assert_one_line_error(code, stderr, str(src), "is damaged UTF-8 (", "bad bytes")


def test_real_windows_1256_arabic_is_still_read(tmp_path):
    path = tmp_path / "ar.txt"
    data = seed_text("ar.txt").encode("cp1256", errors="ignore")  # less two quote marks
    path.write_bytes(data)
    decoded = read_text_file(path)
    assert decoded.encoding == "cp1256" and decoded.text == data.decode("cp1256")


# -- wrong language on a side -------------------------------------------------------------------


@pytest.mark.parametrize("text", [PERSIAN, URDU], ids=["persian", "urdu"])
def test_persian_or_urdu_as_the_arabic_side_is_refused(capsys, tmp_path, text):
    src = tmp_path / "ar.txt"
    src.write_text(text, encoding="utf-8")
    code, _, stderr = cli(capsys, "compare", str(src), str(SEED / "en.txt"), *FAST)
    assert_one_line_error(code, stderr, str(src), "looks like Persian or Urdu")


def test_arabic_with_some_persian_spelling_is_warned_about():
    text = seed_text("ar.txt").replace("ي", "ی").replace("ك", "ک")
    document = make_document(text, "ar")
    assert any("may be Persian or Urdu" in line for line in document.warnings)


def test_arabic_news_with_persian_letters_in_names_is_accepted_without_warning():
    names = " وقال بوتين إن گروزني وپاكستان وچابهار بعيدة."
    document = make_document(seed_text("ar.txt").rstrip("\n") + names + "\n", "ar")
    assert document.warnings == []


def test_french_as_the_english_side_is_refused(capsys, tmp_path):
    tgt = tmp_path / "en.txt"
    tgt.write_text(FRENCH, encoding="utf-8")
    code, _, stderr = cli(capsys, "compare", str(SEED / "ar.txt"), str(tgt), *FAST)
    assert_one_line_error(code, stderr, str(tgt), "looks like French")


def test_english_mixed_with_much_french_is_warned_about():
    english = " ".join(seed_text("en.txt").split()[:60])  # 10% English words, 18% French
    mixed = FRENCH + english + "\n"
    document = make_document(mixed, "en")
    assert any("few English words" in line and "French" in line for line in document.warnings)


def test_english_quoting_some_french_is_accepted_without_warning():
    quote = 'He said: "C\'est la vie, nous sommes fatigués de la guerre et des bombes."\n'
    document = make_document(seed_text("en.txt") + quote, "en")
    assert document.warnings == []


@pytest.mark.parametrize("text", ["\U0001f600\U0001f525 \U0001f44d\n", "2015 - 12 / 34 !!!\n"])
def test_english_side_without_words_is_refused(capsys, tmp_path, text):
    tgt = tmp_path / "en.txt"
    tgt.write_text(text, encoding="utf-8")
    code, _, stderr = cli(capsys, "compare", str(SEED / "ar.txt"), str(tgt), *FAST)
    assert_one_line_error(code, stderr, str(tgt), "has no English words")


def pair_files() -> list[tuple[Path, str, bool]]:
    """Every real pair side at hand: (path, language, presegmented)."""
    found = [(SEED / "ar.txt", "ar", False), (SEED / "en.txt", "en", False)]
    for folder in sorted(REALNEWS.glob("*/")) if REALNEWS.is_dir() else []:
        for name, lang, pre in (
            ("ar.txt", "ar", False),
            ("en.txt", "en", False),
            ("ar.seg", "ar", True),
            ("en.seg", "en", True),
        ):
            if (folder / name).is_file():
                found.append((folder / name, lang, pre))
    for side, lang in (("ar", "ar"), ("en", "en"), ("artoen", "en")):
        for path in sorted(ALIGNAR.glob(f"*/{side}/*")) if ALIGNAR.is_dir() else []:
            found.append((path, lang, True))
    return found


def test_real_pairs_load_without_any_warning():
    files = pair_files()
    for path, lang, presegmented in files:
        document = load_document(path, lang, presegmented=presegmented)
        assert document.warnings == [], (path, document.warnings)


# -- invisible marks --------------------------------------------------------------------------


def test_clean_text_removes_every_mark_and_blanks_controls():
    text = "".join(f"w{i}{mark}" for i, mark in enumerate(MARKS)) + "a\x07b\x85c\td\ne"
    cleaned = clean_text(text)
    assert not any(mark in cleaned for mark in MARKS)
    assert cleaned.endswith("a b c\td\ne")
    assert clean_text(cleaned) == cleaned
    assert set(INVISIBLE_MARKS) - set("-") <= set(MARKS)


def test_every_mark_is_kept_out_of_links_and_report(capsys, tmp_path):
    src, tgt = tmp_path / "ar.txt", tmp_path / "en.txt"
    words = seed_text("ar.txt").split(" ")
    src.write_text(
        " ".join(w[:1] + MARKS[i % len(MARKS)] + w[1:] for i, w in enumerate(words)),
        encoding="utf-8",
    )
    english = seed_text("en.txt").split(" ")
    tgt.write_text(
        " ".join(w + MARKS[(i * 7) % len(MARKS)] for i, w in enumerate(english)), encoding="utf-8"
    )
    out = tmp_path / "out"
    links, _ = compare_ok(capsys, out, src, tgt)
    for column in ("src_text", "tgt_text"):
        assert not links[column].str.contains(f"[{INVISIBLE_MARKS}]").any(), column
    html = (out / "report.html").read_text(encoding="utf-8")
    assert not any(mark in html for mark in MARKS)


def test_segment_offsets_point_into_the_cleaned_text():
    text = "\u200fقال\u200c الوزير\u061c إن\u2066 المدينة هادئة.\u2069 وأضاف\u200d أن الوضع آمن."
    document = make_document(text, "ar")
    assert document.text == clean_text(text)
    assert [s.text for s in document.segments] == [
        "قال الوزير إن المدينة هادئة.",
        "وأضاف أن الوضع آمن.",
    ]
    for segment in document.segments:
        assert document.text[segment.start : segment.end] == segment.text


# -- presegmented pair folders and empty lines ------------------------------------------------


def write_pair(folder: Path, arabic: list[str], english: list[str]) -> Path:
    folder.mkdir()
    (folder / "ar.txt").write_text("\n".join(arabic) + "\n", encoding="utf-8")
    (folder / "en.txt").write_text("\n".join(english) + "\n", encoding="utf-8")
    return folder


ARABIC_LINES = [
    "قالت المعارضة إن القوات انسحبت. وأكد الناشطون ذلك.",
    "ذهب الولد إلى المدرسة. ثم عاد إلى البيت.",
    "نام الجميع مبكرا تلك الليلة.",
]
ENGLISH_LINES = [
    "The opposition said the forces withdrew. Activists confirmed it.",
    "The boy went to school. Then he came home.",
    "Everyone slept early that night.",
]


def test_presegmented_is_honoured_for_a_pair_folder(tmp_path):
    folder = write_pair(tmp_path / "pair", ARABIC_LINES, ENGLISH_LINES)
    pair = load_pair(folder, presegmented=True)
    assert pair.source.sentences == ARABIC_LINES
    assert pair.target.sentences == ENGLISH_LINES
    assert len(load_pair(folder).source.sentences) > len(ARABIC_LINES)


def test_empty_presegmented_lines_never_become_empty_beads(capsys, tmp_path):
    arabic = [*ARABIC_LINES[:1], "", *ARABIC_LINES[1:]]
    english = [*ENGLISH_LINES[:1], "", *ENGLISH_LINES[1:]]
    folder = write_pair(tmp_path / "pair", arabic, english)
    links, warnings = compare_ok(capsys, tmp_path / "out", folder, extra=(*FAST, "--presegmented"))
    assert not ((links["src_text"] == "") & (links["tgt_text"] == "")).any()
    assert sum("1 empty line(s) left out of alignment (ids 1;" in w for w in warnings) == 2
    pair = load_pair(folder, presegmented=True)
    assert [s.id for s in pair.source.segments] == [0, 2, 3]
    assert [(s.id, s.kind) for s in pair.source.skipped] == [(1, "empty line")]


def test_per_line_puts_outputs_back_on_their_line_numbers(tmp_path):
    path = tmp_path / "ar.txt"
    path.write_text(ARABIC_LINES[0] + "\n\n" + ARABIC_LINES[1] + "\n", encoding="utf-8")
    document = load_document(path, "ar", presegmented=True)
    assert document.per_line(["one", "three"]) == ["one", "", "three"]
