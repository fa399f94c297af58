"""Tests of what report.html marks inside a bead (dropped, added, changed words) and of the
plain-language overview that heads the page."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from markers import needs_lexicon

from translate_eval.report.bead_marks import (
    Mark,
    change_marks,
    correspondence_marks,
    describe_note,
    gap_mark,
    marks_html,
    parse_notes,
)
from translate_eval.report.overview import editing_overview, translation_warning
from translate_eval.report.side_by_side import render_report


def test_parse_notes_reads_both_orders_and_keeps_unparsed_parts() -> None:
    items = parse_notes(
        "numbers: source 40, 2 / English 30; names: English Nahliya / source المعترم; "
        "attribution: source - / English reportedly; name variants: al-Shughour~al-Shughur"
    )
    assert [(i.check, i.source, i.english) for i in items] == [
        ("numbers", ("40", "2"), ("30",)),
        ("names", ("المعترم",), ("Nahliya",)),
        ("attribution", (), ("reportedly",)),
        ("name variants", (), ()),
    ]
    assert items[3].text == "name variants: al-Shughour~al-Shughur"
    assert parse_notes("") == []


def test_changed_numbers_are_found_in_arabic_indic_digits_and_by_value() -> None:
    src = "شن الطيران أكثر من ٤٠ غارة و1,500 قذيفة"
    tgt = "The air force carried out nearly 30 strikes and 1500 shells, not 300."
    items = parse_notes("numbers: source 40 / English 30")
    src_marks, tgt_marks = change_marks(src, tgt, items)
    assert [src[m.start : m.stop] for m in src_marks] == ["٤٠"]
    assert [tgt[m.start : m.stop] for m in tgt_marks] == ["30"]  # not the 30 inside 300
    assert all("Arabic 40" in m.title and "English 30" in m.title for m in src_marks + tgt_marks)


def test_changed_names_are_found_as_whole_words_ignoring_case() -> None:
    src, tgt = "سيطرت على حاجز المعترم", "They took the nahliya checkpoint near Nahliyat."
    src_marks, tgt_marks = change_marks(
        src, tgt, parse_notes("names: English Nahliya / source المعترم")
    )
    assert [src[m.start : m.stop] for m in src_marks] == ["المعترم"]
    assert [tgt[m.start : m.stop] for m in tgt_marks] == ["nahliya"]


def test_normalised_arabic_values_are_found_as_written() -> None:
    # The checks write normalised words (ta marbuta as ha, bare alef, no clitics): the marks
    # stand on the words as written, with their clitics and vowels, and on nothing else.
    src = "وأكدت مصادر أن مدينةَ إدلب سقطت، وقالت المدينة المجاورة"
    notes = (
        "place types: source مدينه ادلب / English Idlib, province; "
        "attribution: source اكدت / English -"
    )
    src_marks, _ = change_marks(src, "Idlib province fell.", parse_notes(notes))
    assert sorted(src[m.start : m.stop] for m in src_marks) == ["مدينةَ إدلب", "وأكدت"]
    # The finding, in the tooltip and in the bead's list, quotes the Arabic as written too; a
    # value the text does not hold stays as the check wrote it.
    assert {m.title for m in src_marks} >= {"attribution: Arabic وأكدت | English none"}
    missing = parse_notes("names: source المعترم / English Nahliya")[0]
    assert describe_note(missing, src) == "names: Arabic المعترم | English Nahliya"


def test_gap_mark_marks_the_dropped_clause_only_where_it_stands() -> None:
    src = "سقطت المدينة، وذلك بعد أقل من شهرين"
    [mark] = gap_mark(src, "وذلك بعد أقل من شهرين")
    assert src[mark.start : mark.stop] == "وذلك بعد أقل من شهرين" and mark.kind == "dropped"
    assert gap_mark(src, "نص آخر") == [] and gap_mark(src, "") == []


def test_marks_html_escapes_and_lets_the_stronger_mark_win() -> None:
    text = "a <b>x</b> & 40 y"
    start = text.index("40")
    marks = [
        Mark(0, len(text), "unrendered", "weak"),
        Mark(start, start + 2, "changed", 'say "40"'),
    ]
    html = marks_html(text, marks)
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert '<mark class="m-changed" title="say &quot;40&quot;">40</mark>' in html
    assert (
        re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        == text
    )
    assert marks_html("plain", []) == "plain"


@needs_lexicon
def test_an_added_clause_is_marked_in_the_english_and_nothing_in_a_close_translation() -> None:
    src = "قتل عشرة مدنيين في المدينة"
    mt = "ten civilians were killed in the city"
    close = "Ten civilians were killed in the city."
    added = "Ten civilians were killed in the city, and medics warned hospitals lacked fuel."
    assert correspondence_marks(src, close, mt) == ([], [])
    _, tgt_marks = correspondence_marks(src, added, mt)
    assert [added[m.start : m.stop] for m in tgt_marks] == ["medics warned hospitals lacked fuel"]


@needs_lexicon
def test_the_mt_at_its_place_counts_as_rendering_an_arabic_word() -> None:
    src = "وهاجم المقاتلون القوات المنسحبة"
    tgt = "The fighters attacked the retreating forces."
    # The lexicon alone finds no English for two of the words ...
    alone, _ = correspondence_marks(src, tgt, "")
    assert [src[m.start : m.stop] for m in alone] == ["المقاتلون", "المنسحبة"]
    # ... the MT at their place does ("fighters"; "withdrawing" is not "retreating", but the
    # window around it holds "forces", which the English has).
    with_mt, _ = correspondence_marks(src, tgt, "the fighters attacked the withdrawing forces")
    assert with_mt == []


def links() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "src_ids": ["0", "1", "", "2", "3"],
            "tgt_ids": ["0", "", "1", "2", "3"],
            "src_text": ["أ ب ج", "د ه و ز", "", "ح ط", "ي ك"],
            "tgt_text": ["a b c", "", "added words here", "h t", "y k"],
            "chrf": [50.0, np.nan, np.nan, 40.0, 30.0],
            "edit": ["faithful", "omission", "addition", "faithful", "changed"],
            "flags": ["", "", "", "numbers_differ;moved", ""],
            "notes": ["", "", "", "numbers: source 40 / English 30", ""],
        }
    )


def test_overview_counts_the_edits_and_links_each_to_its_bead() -> None:
    html = editing_overview(links())
    assert "What the editor did" in html
    dropped = r"Dropped:</strong> 1 Arabic passage\(s\).*4 words \(36% of the Arabic\)"
    assert re.search(dropped, html)
    assert 'href="#bead-1"' in html and 'href="#bead-2"' in html
    assert re.search(r"Moved:.*#bead-3", html) and re.search(r"Meaning changed:.*#bead-4", html)
    assert "numbers: Arabic 40 | English 30" in html
    assert "Merged:" not in html  # only the kinds found are listed
    page = render_report(links(), {}, {})
    assert page.index('id="overview"') < page.index('class="side-by-side"')


def test_overview_lists_a_changed_place_type_with_both_values() -> None:
    table = links()
    table.loc[0, "notes"] = "place types: source مدينة السويداء / English Al-Suwayda, governorate"
    table.loc[1, "notes"] = "attribution: source اكدت / English -"
    table.loc[1, "src_text"] = "وأكدت المصادر سقوط المدينة"
    html = editing_overview(table)
    assert 'href="#bead-0"' in html
    assert "attribution: Arabic وأكدت | English none" in html
    assert "place types: Arabic مدينة السويداء | English Al-Suwayda, governorate" in html


def test_overview_says_not_a_translation_only_when_the_summary_judges_so() -> None:
    judged = pd.DataFrame(
        {"group": ["document", "document"], "value": [0.0, 0.12]},
        index=pd.Index(["is_translation", "translated_share"], name="item"),
    )
    assert "Not a translation" in translation_warning(judged)
    assert "12%" in translation_warning(judged)
    judged.loc["is_translation", "value"] = 1.0
    assert translation_warning(judged) == ""
    assert translation_warning(None) == ""
    assert translation_warning(judged.drop(index="is_translation")) == ""
    page = render_report(links(), {}, {}, summary=judged.assign(value=[0.0, 0.12]))
    assert 'id="not-translation"' in page
