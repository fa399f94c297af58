"""Article text from saved web pages: furniture dropped, hostile markup kept out of the text."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from translate_eval import compare
from translate_eval.errors import InputError, ModelNotFoundError
from translate_eval.text import html_page
from translate_eval.text.html_page import extract_article, read_saved_page, visible_blocks

pytest.importorskip("trafilatura")

ARABIC_TITLE = "المعارضة السورية تسيطر على مدينة جسر الشغور"
ARABIC_PARAGRAPHS = [
    "أعلنت فصائل المعارضة السورية المسلحة اليوم السبت سيطرتها الكاملة على مدينة جسر الشغور "
    "في ريف إدلب الغربي بعد معارك عنيفة مع قوات النظام استمرت عدة أيام.",
    "وقال مصدر في المعارضة إن المقاتلين دخلوا المدينة من ثلاثة محاور، وإن عشرات الجنود "
    "انسحبوا باتجاه معسكر القرميد القريب، بينما قتل أكثر من أربعين عنصرا من قوات النظام.",
    "وتعد جسر الشغور ثاني أكبر مدن محافظة إدلب بعد مدينة إدلب نفسها، وتكتسب أهمية "
    "استراتيجية لقربها من محافظة اللاذقية الساحلية.",
]
ARABIC_FURNITURE = {
    "nav": ["الرئيسية", "سياسة", "رياضة"],
    "cookie": "نستخدم ملفات تعريف الارتباط لتحسين تجربتك",
    "related_heading": "أخبار ذات صلة",
    "related": ["غارات على حلب", "اجتماع في جنيف"],
    "footer": ["جميع الحقوق محفوظة 2015", "سياسة الخصوصية", "تابعونا على تويتر"],
}

ENGLISH_TITLE = "Syrian rebels seize the town of Jisr al-Shughour"
ENGLISH_PARAGRAPHS = [
    "Syrian rebel groups said on Saturday they had taken full control of Jisr al-Shughour, "
    "a strategic town in the west of Idlib province, after days of heavy fighting.",
    "A rebel source said fighters entered the town from three directions, while dozens of "
    "soldiers withdrew towards the nearby Qarmeed camp; more than 40 were killed.",
    "Jisr al-Shughour is the second largest town in Idlib province and lies close to the "
    "coastal province of Latakia, a stronghold of the government.",
]
ENGLISH_FURNITURE = {
    "nav": ["Home", "World", "Business"],
    "cookie": "We use cookies to improve your experience",
    "related_heading": "Related stories",
    "related": ["Airstrikes hit Aleppo", "Geneva talks stall"],
    "footer": ["Copyright 2015 Example News", "Privacy policy", "Sign up for our newsletter"],
}


def pieces(furniture: dict[str, str | list[str]]) -> list[str]:
    """Every text of a page's furniture."""
    return [
        text
        for value in furniture.values()
        for text in ([value] if isinstance(value, str) else value)
    ]


def news_page(lang: str, title: str, paragraphs: list[str], furniture: dict) -> str:
    """A saved news page: the article amid a nav menu, cookie banner, related links, footer,
    scripts and styles."""
    nav = "".join(f'<li><a href="/{i}">{word}</a></li>' for i, word in enumerate(furniture["nav"]))
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    related = "".join(
        f'<li><a href="/r{i}">{text}</a></li>' for i, text in enumerate(furniture["related"])
    )
    copyright_line, privacy, newsletter = furniture["footer"]
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | Example News</title>
<style>.cookie {{ position: fixed; }} body {{ font-family: sans-serif; }}</style>
<script>window.dataLayer = [{{"event": "SCRIPT_IN_HEAD"}}];</script>
<link rel="stylesheet" href="/main.css">
</head>
<body>
<header><a class="logo" href="/">Example News</a>
<nav class="main-menu"><ul>{nav}</ul></nav></header>
<div class="cookie" id="cookie-banner"><p>{furniture["cookie"]}.</p>
<button onclick="accept()">OK</button></div>
<main>
<article>
<h1>{title}</h1>
<div class="byline"><time datetime="2015-04-25">25 April 2015</time></div>
{body}
</article>
<aside class="related"><h3>{furniture["related_heading"]}</h3>
<ul>{related}</ul></aside>
</main>
<footer class="site-footer"><p>{copyright_line}</p><a href="/privacy">{privacy}</a>
<p>{newsletter}</p></footer>
<script>document.write("SCRIPT_IN_BODY");</script>
</body></html>
"""


def arabic_page() -> str:
    return news_page("ar", ARABIC_TITLE, ARABIC_PARAGRAPHS, ARABIC_FURNITURE)


def english_page() -> str:
    return news_page("en", ENGLISH_TITLE, ENGLISH_PARAGRAPHS, ENGLISH_FURNITURE)


@pytest.mark.parametrize(
    ("page", "title", "paragraphs", "furniture"),
    [
        (arabic_page, ARABIC_TITLE, ARABIC_PARAGRAPHS, ARABIC_FURNITURE),
        (english_page, ENGLISH_TITLE, ENGLISH_PARAGRAPHS, ENGLISH_FURNITURE),
    ],
)
def test_article_kept_and_furniture_dropped(
    page: object, title: str, paragraphs: list[str], furniture: dict
) -> None:
    html = page()  # type: ignore[operator]
    result = extract_article(html)
    assert result.title == title
    assert result.text.splitlines()[0] == title  # title first, not repeated
    assert result.text.count(title) == 1
    assert list(result.paragraphs) == paragraphs  # one paragraph per line
    assert result.text == "\n".join([title, *paragraphs])
    for piece in pieces(furniture):
        assert piece not in result.text, piece
    assert "SCRIPT_IN" not in result.text and "font-family" not in result.text
    assert result.warnings == ()
    # The record of what was dropped: the furniture's visible text, and no more.
    dropped = " ".join(result.dropped_blocks)
    for piece in pieces(furniture):
        assert piece in dropped, piece
    assert not any(paragraph in dropped for paragraph in paragraphs)
    assert "SCRIPT_IN" not in dropped  # scripts are not visible text
    assert result.kept_chars == sum(len(line) for line in result.text.splitlines())
    assert result.visible_chars >= result.kept_chars + result.dropped_chars - len(title)


def test_saved_page_in_a_legacy_arabic_encoding(tmp_path: Path) -> None:
    html = arabic_page().replace('<meta charset="utf-8">', '<meta charset="windows-1256">')
    path = tmp_path / "jisr.html"
    path.write_bytes(html.encode("cp1256", errors="replace"))
    result = read_saved_page(path)
    assert result.title == ARABIC_TITLE
    assert list(result.paragraphs) == ARABIC_PARAGRAPHS


def test_little_text_gives_a_warning() -> None:
    html = english_page().replace("".join(f"<p>{p}</p>\n" for p in ENGLISH_PARAGRAPHS), "")
    html = html.replace("<article>", "<article><p>Rebels took the town on Saturday.</p>")
    result = extract_article(html, label="short.html")
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert warning.startswith("little article text found in short.html: ")
    assert "\n" not in warning
    assert extract_article(english_page(), min_chars=10_000).warnings != ()


def test_a_page_without_article_text_warns() -> None:
    result = extract_article("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert result.warnings and "\n" not in result.warnings[0]


HOSTILE_ARTICLE = [
    "The council met on Tuesday to discuss the new budget for the coming year and agreed "
    "to fund three new schools in the eastern districts of the city.",
    "Officials said the plan would be reviewed again in the spring, after the first "
    "estimates of the costs of building and staffing the schools are known.",
]


def hostile_page() -> str:
    first, second = HOSTILE_ARTICLE
    return f"""<html><head><title>Council budget</title>
<script>alert("HOSTILE_HEAD")</script>
<style>@import url("javascript:alert('HOSTILE_CSS')");</style></head>
<body onload="alert('HOSTILE_ONLOAD')">
<article><h1 onmouseover="alert('HOSTILE_H1')">Council approves budget</h1>
<p>{first} <a href="javascript:alert('HOSTILE_URL')" onclick="steal('HOSTILE_CLICK')">x</a></p>
<p>{second}<img src="x" onerror="alert('HOSTILE_IMG')"></p>
<script type="text/javascript">document.cookie = "HOSTILE_BODY";</script>
<noscript><p>HOSTILE_NOSCRIPT please enable JavaScript</p></noscript>
<iframe src="javascript:alert('HOSTILE_IFRAME')"></iframe>
<svg onload="alert('HOSTILE_SVG')"><script>alert('HOSTILE_SVG_SCRIPT')</script></svg>
<form action="javascript:alert('HOSTILE_FORM')"><input value="HOSTILE_INPUT"></form>
<p>Unclosed <b>bold <i>italic
<div><span>mis</div>nested</span></p></b>
<object data="javascript:alert('HOSTILE_OBJECT')"></object>
</article>
<template><p>HOSTILE_TEMPLATE</p></template>
</body></html
<div <div <p"""


def test_hostile_markup_does_not_reach_the_text() -> None:
    result = extract_article(hostile_page())
    for paragraph in HOSTILE_ARTICLE:
        assert paragraph in result.text
    assert "HOSTILE" not in result.text
    assert "javascript" not in result.text.lower()
    assert "alert(" not in result.text and "<" not in result.text
    assert all("HOSTILE" not in block for block in visible_blocks(hostile_page()))


def nested_page(depth: int) -> str:
    article = "".join(f"<p>{paragraph}</p>" for paragraph in HOSTILE_ARTICLE)
    return (
        "<html><body>"
        + "<div onclick='HOSTILE()'>" * depth
        + article
        + "</div>" * depth
        + "<script>HOSTILE()</script></body></html>"
    )


def test_deep_nesting_keeps_the_article() -> None:
    result = extract_article(nested_page(200))
    assert list(result.paragraphs) == HOSTILE_ARTICLE
    assert "HOSTILE" not in result.text


def test_huge_nesting_is_handled_quickly() -> None:
    started = time.monotonic()
    result = extract_article(nested_page(3000))
    assert time.monotonic() - started < 10
    assert "HOSTILE" not in result.text
    # libxml2 stops at 256 levels: the article, or (as now) no text and a warning.
    assert list(result.paragraphs) == HOSTILE_ARTICLE or result.warnings


def test_visible_blocks_skip_hidden_elements() -> None:
    html = (
        "<p>one <b>two</b></p><script>x</script><style>y</style><li>three</li>four<br>five"
        "<title>t</title>"
    )
    assert visible_blocks(html) == ["one two", "three", "four", "five"]


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_saved_page(tmp_path / "nope.html")
    with pytest.raises(InputError, match="directory"):
        read_saved_page(tmp_path)


def test_without_trafilatura_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import now raises ImportError
    with pytest.raises(ModelNotFoundError) as caught:
        extract_article(english_page())
    message = str(caught.value)
    assert html_page.INSTALL_HINT in message and "[html]" in message and "\n" not in message


def test_compare_reads_a_pair_folder_of_saved_pages(tmp_path: Path) -> None:
    """`compare FOLDER` with ar.html and en.html aligns the articles, not the furniture, and
    says how much of each page it left out."""
    (tmp_path / "ar.html").write_text(arabic_page(), encoding="utf-8")
    (tmp_path / "en.html").write_text(english_page(), encoding="utf-8")
    result = compare(str(tmp_path), mt="none", encoder="none", cache=False)
    source = " ".join(result.pair.source.sentences)
    target = " ".join(result.pair.target.sentences)
    assert ARABIC_TITLE in source and ENGLISH_TITLE in target
    for furniture in pieces(ENGLISH_FURNITURE):
        assert furniture not in target
    assert any("saved web page" in warning and "dropped" in warning for warning in result.warnings)
