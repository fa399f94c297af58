"""Reading untrusted files and writing outputs atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from translate_eval.errors import InputError
from translate_eval.files import (
    atomic_writer,
    child_path,
    ensure_output_dir,
    read_text_file,
    safe_name,
    write_text_atomic,
)


def test_utf8_bom_is_stripped_and_crlf_normalised(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffسطر أول\r\nسطر ثان\r\n".encode())
    decoded = read_text_file(path)
    assert decoded.encoding == "utf-8-sig"
    assert decoded.text == "سطر أول\nسطر ثان\n"


def test_windows_1256_arabic_is_decoded(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("قالت المعارضة إن القوات انسحبت.".encode("cp1256"))
    decoded = read_text_file(path)
    assert decoded.encoding == "cp1256"
    assert decoded.text.startswith("قالت المعارضة")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"  \n\t\n", "is empty"), (b"\x00\x01\x02PNG\x00" * 50, "binary")],
)
def test_bad_files_give_one_line_errors(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        read_text_file(path)
    assert "\n" not in str(info.value)


def test_missing_and_directory_paths(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        read_text_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text_file(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files regardless of permissions")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("text")
    path.chmod(0)
    with pytest.raises(InputError, match="not readable"):
        read_text_file(path)


def test_atomic_write_leaves_no_partial_file_on_error(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old complete content")
    with pytest.raises(RuntimeError), atomic_writer(target) as stream:
        stream.write("half of the new")
        raise RuntimeError("killed half-way")
    assert target.read_text() == "old complete content"
    assert list(tmp_path.iterdir()) == [target]
    write_text_atomic(target, "new")
    assert target.read_text() == "new"


def test_output_dir_that_is_a_file_is_refused(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="not a directory"):
        ensure_output_dir(blocker)


def test_names_from_data_cannot_leave_the_output_directory(tmp_path):
    assert safe_name("../../etc/passwd") == "etc_passwd"
    assert safe_name("..") == "item"
    assert child_path(tmp_path, "../evil").parent == tmp_path.resolve()
    assert child_path(tmp_path, "/abs/path").parent == tmp_path.resolve()


SEED_AR = Path(__file__).resolve().parents[1] / "corpus" / "jisr-al-shughour" / "ar.txt"


def test_utf8_cut_inside_a_character_stays_utf8(tmp_path):
    # `head -c 1500` cuts an Arabic letter in half; the file must not turn into Windows-1256
    data = SEED_AR.read_bytes()[:1500]
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    decoded = read_text_file(path)
    assert (decoded.encoding, decoded.replaced) == ("utf-8", 1)
    assert decoded.text == data.decode("utf-8", errors="replace")
    assert decoded.text.endswith("\ufffd")


def test_a_few_damaged_bytes_in_long_utf8_are_replaced_not_reread_as_1256(tmp_path):
    text = SEED_AR.read_text(encoding="utf-8")
    middle = len(text.encode()) // 2
    data = bytearray(text.encode())
    data[middle] = 0xFF  # never valid in UTF-8
    path = tmp_path / "damaged.txt"
    path.write_bytes(bytes(data))
    decoded = read_text_file(path)
    assert decoded.encoding == "utf-8" and decoded.replaced >= 1
    assert decoded.text.count("\ufffd") == decoded.replaced


def test_english_with_one_windows_1252_quote_is_still_read_as_1256(tmp_path):
    path = tmp_path / "en.txt"
    path.write_bytes(b"The minister said it wasn\x92t over.\n")
    decoded = read_text_file(path)
    assert decoded.encoding == "cp1256" and decoded.replaced == 0
    assert decoded.text == "The minister said it wasn\u2019t over.\n"
