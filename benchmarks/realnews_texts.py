"""Check restored texts of the project's own real-news pairs against their annotation.

    python benchmarks/realnews_texts.py [--show ID] [--side ar|en]

The texts (``$TRANSLATE_EVAL_REALNEWS_TEXTS/<id>/{ar,en}.txt``) are put back by hand from the
pages at each pair's URLs (``benchmarks/realnews/README.md``). For every pair this prints, per
side, whether the file is there, whether its SHA-256 is the one in ``meta.toml`` and, where the
pair has a hand segmentation, the first span that does not fit the text
(``translate_eval_bench.realnews.first_misfit``): where a candidate first departs from the text
the gold was made on. ``--show ID`` (a pair id or its first digits) prints each span's start and
end and the white space between spans, to find that place. Exit status 1 when a text is absent
or differs.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

from translate_eval_bench.realnews import OWN_DIR, first_misfit, read_spans, text_sha256, texts_dir

SIDES = ("ar", "en")


def side_status(folder: Path, side: str, sha256: str | None) -> str:
    """One cell: absent, matches ``sha256`` (meta.toml's), or the first span that does not fit."""
    path = texts_dir() / folder.name / f"{side}.txt"
    if not path.is_file():
        return "absent"
    text = path.read_text(encoding="utf-8")
    if text_sha256(text) == sha256:
        return "matches"
    spans_file = folder / f"{side}.spans"
    if not spans_file.is_file():
        return "differs (no hand segmentation to locate it)"
    misfit = first_misfit(text, read_spans(spans_file))
    where = "every span fits" if misfit is None else f"first misfit: span {misfit}"
    return f"differs ({where})"


def show(folder: Path, side: str) -> None:
    """Each span of ``side`` in the restored text, and what lies between spans."""
    text = (texts_dir() / folder.name / f"{side}.txt").read_text(encoding="utf-8")
    previous_end = 0
    for span_id, (start, end) in enumerate(read_spans(folder / f"{side}.spans")):
        sentence = text[start:end]
        print(f"  between: {text[previous_end:start]!r}")
        print(f"  [{span_id}] {start}-{end}: {sentence[:40]!r} ... {sentence[-25:]!r}")
        previous_end = end
    print(f"  after the last span: {text[previous_end:]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", metavar="ID", help="print the spans of one pair's text")
    parser.add_argument("--side", choices=SIDES, default="ar", help="with --show")
    args = parser.parse_args()
    folders = sorted(f for f in OWN_DIR.iterdir() if (f / "meta.toml").is_file())
    if args.show:
        chosen = [f for f in folders if f.name.startswith(args.show)]
        if len(chosen) != 1 or not (texts_dir() / chosen[0].name / f"{args.side}.txt").is_file():
            print(f"error: no restored {args.side}.txt for a pair {args.show!r}", file=sys.stderr)
            return 2
        show(chosen[0], args.side)
        return 0
    print(f"texts: {texts_dir()}")
    failed = False
    for folder in folders:
        meta = tomllib.loads((folder / "meta.toml").read_text(encoding="utf-8"))
        cells = {side: side_status(folder, side, meta.get(f"{side}_sha256")) for side in SIDES}
        failed |= any(cell != "matches" for cell in cells.values())
        print(f"{folder.name:42} ar: {cells['ar']:28} en: {cells['en']}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
