"""Reading untrusted files and writing outputs atomically."""

from __future__ import annotations

import os

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
