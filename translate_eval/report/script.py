"""The one script of report.html (constant text, allowed by its CSP hash; no input enters it):
label and flag filters, the MT toggle, j/k (n/p) keys between edits, CSV of the visible rows."""

from __future__ import annotations

import json

#: Columns of the CSV the page downloads, in order (read from each visible row's data).
CSV_COLUMNS: tuple[str, ...] = (
    "bead",
    "src_ids",
    "tgt_ids",
    "edit",
    "flags",
    "src_text",
    "tgt_text",
    "mt_text",
    "changes",
)

_SCRIPT = """
(function () {
  "use strict";
  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }
  var labelBoxes = all("input[data-filter]");
  var flagBoxes = all("input[data-flag]");
  var rows = all("tr.bead");
  var counter = document.getElementById("shown-count");
  var current = -1;
  function apply() {
    var shown = {};
    labelBoxes.forEach(function (box) { shown[box.getAttribute("data-filter")] = box.checked; });
    var wanted = flagBoxes.filter(function (box) { return box.checked; })
      .map(function (box) { return box.getAttribute("data-flag"); });
    var visible = 0;
    rows.forEach(function (row) {
      var flags = (row.getAttribute("data-flags") || "").split(" ");
      var show = shown[row.getAttribute("data-edit")] === true && (wanted.length === 0 ||
        wanted.some(function (flag) { return flags.indexOf(flag) >= 0; }));
      row.hidden = !show;
      if (show) { visible += 1; }
    });
    if (counter) { counter.textContent = String(visible); }
  }
  function setAll(value) {
    labelBoxes.forEach(function (box) { box.checked = value; });
    if (value) { flagBoxes.forEach(function (box) { box.checked = false; }); }
    apply();
  }
  labelBoxes.concat(flagBoxes).forEach(function (box) { box.addEventListener("change", apply); });
  function on(id, handler) {
    var element = document.getElementById(id);
    if (element) { element.addEventListener("click", handler); }
  }
  on("filter-all", function () { setAll(true); });
  on("filter-none", function () { setAll(false); });
  on("toggle-mt", function () {
    var table = document.querySelector("table.side-by-side");
    var hidden = table.classList.toggle("hide-mt");
    document.getElementById("toggle-mt").textContent = hidden ? "show MT" : "hide MT";
  });
  function field(value) {
    var text = String(value);
    if (/^[=+\\-@\\t\\r]/.test(text)) { text = "'" + text; }
    return '"' + text.replace(/"/g, '""') + '"';
  }
  function text(row, selector) {
    var element = row.querySelector(selector);
    return element ? element.textContent : "";
  }
  function texts(row, selector) {
    return Array.prototype.slice.call(row.querySelectorAll(selector))
      .map(function (element) { return element.textContent; });
  }
  function visibleCsv() {
    var lines = [__CSV_HEADER__];
    rows.forEach(function (row) {
      if (row.hidden) { return; }
      lines.push([row.getAttribute("data-bead"), row.getAttribute("data-src-ids"),
        row.getAttribute("data-tgt-ids"), text(row, "td.info .badge"),
        texts(row, "td.info .flags .flag").join(";"), text(row, "td.src .t"),
        text(row, "td.tgt .en .t"), text(row, "td.tgt .mt .t"),
        texts(row, "td.info ul.changes li").join("; ")].map(field).join(","));
    });
    return lines.join("\\r\\n") + "\\r\\n";
  }
  on("download-csv", function () {
    var blob = new Blob(["\\ufeff" + visibleCsv()], {type: "text/csv;charset=utf-8"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "beads.csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  function go(step) {
    var edits = rows.filter(function (row) {
      return !row.hidden && row.hasAttribute("data-nav");
    });
    if (edits.length === 0) { return; }
    var at = edits.indexOf(rows[current]);
    var next = at < 0 ? (step > 0 ? 0 : edits.length - 1)
      : Math.min(Math.max(at + step, 0), edits.length - 1);
    if (current >= 0) { rows[current].classList.remove("current"); }
    current = rows.indexOf(edits[next]);
    edits[next].classList.add("current");
    edits[next].focus();
    edits[next].scrollIntoView({block: "center"});
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = event.target && event.target.tagName;
    if (tag === "TEXTAREA" || (tag === "INPUT" && event.target.type === "text")) { return; }
    if (event.key === "j" || event.key === "n") { go(1); }
    if (event.key === "k" || event.key === "p") { go(-1); }
  });
  apply();
})();
"""

#: The page's script, with the CSV header filled in (still one constant text).
REPORT_SCRIPT = _SCRIPT.replace("__CSV_HEADER__", json.dumps(",".join(CSV_COLUMNS)))
