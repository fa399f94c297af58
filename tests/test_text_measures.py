"""Measures (a number and a unit) read in Arabic and English text, and their conversion."""

from __future__ import annotations

from translate_eval.text.measures import arabic_measures, converts_to, english_measures


def test_measures_read_with_their_units() -> None:
    assert arabic_measures("تبعد نحو 120 كيلومتراً عن الحدود") == [(120.0, "km")]
    assert arabic_measures("مساحتها ثلاثة آلاف كيلومتر مربع") == [(3000.0, "km2")]
    assert arabic_measures("بلغت الحرارة 45 درجة مئوية") == [(45.0, "celsius")]
    assert english_measures("some 75 miles away, 6km further") == [(75.0, "mile"), (6.0, "km")]
    assert english_measures("1,200 square miles") == [(1200.0, "mile2")]
    assert english_measures("113 degrees Fahrenheit") == [(113.0, "fahrenheit")]
    # A unit word without a number before it is no measure.
    assert english_measures("miles away, a few pounds") == []


def test_conversions_within_rounding() -> None:
    assert converts_to((120.0, "km"), (75.0, "mile"))  # 74.6 miles
    assert converts_to((30.0, "km"), (20.0, "mile"))  # 18.6, rounded to one digit
    assert converts_to((45.0, "celsius"), (113.0, "fahrenheit"))
    assert converts_to((50.0, "kg"), (110.0, "pound"))
    assert converts_to((10.0, "dunam"), (2.5, "acre"))
    # Another figure, another dimension, or the same unit: no conversion.
    assert not converts_to((120.0, "km"), (90.0, "mile"))
    assert not converts_to((30.0, "km"), (30.0, "mile"))
    assert not converts_to((120.0, "km"), (75.0, "kg"))
    assert not converts_to((120.0, "km"), (120.0, "km"))
