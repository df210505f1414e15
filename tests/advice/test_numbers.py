"""Numbers in advice's text: ``Num`` parameters and distances as Texts, so that a page
can write "31,2 км" while the English (str, the flags JSON) stays as it was."""

from __future__ import annotations

import json
import pickle
import re
from dataclasses import replace
from datetime import date

import pytest
from advice_builders import random_history

from advice import evaluate
from advice.i18n import Num, Text, from_data, to_data
from advice.rules import RULES
from advice.wording import KM, KM_PER_MILE, MI, distance, limit, minutes

TODAY = date(2026, 11, 20)
RU = {
    KM: "{distance} км",
    MI: "{distance} мили",
    "{total} this week": "{total} за эту неделю",
    "{minutes} min": "{minutes} мин",
}


def ru(msgid: str) -> str:
    return RU.get(msgid, msgid)


def comma(number: Num) -> str:
    return number.english.replace(".", ",")


def test_a_num_is_its_english_digits_rounded_once():
    assert str(Num(31.25, 1)) == f"{31.25:.1f}" == "31.2"  # as Python rounds: half to even
    assert str(Num(31.27, 1)) == "31.3"  # rounded, where a cut would say 31.2
    assert str(Num(2.0, 1)) == "2.0" and str(Num(1234.6)) == "1235"
    assert f"{Num(1.456, 2)}" == "1.46" and "{n}".format_map({"n": Num(0.5, 2)}) == "0.50"
    assert Num(1.456, 2).english == "1.46" and Num(1.456, 2).value == 1.456


def test_a_num_is_immutable_hashable_and_pickles():
    number = Num(31.25, 1)
    with pytest.raises(AttributeError):
        number.places = 2  # type: ignore[misc]  # what the test tries: it must fail
    assert {number: 1}[Num(31.25, 1)] == 1 and number != Num(31.25, 2)
    assert pickle.loads(pickle.dumps(number)) == number
    assert repr(number) == "Num(31.25, 1)"


def test_a_text_writes_a_num_in_english_and_a_page_writes_it_its_way():
    text = Text("ratio {ratio} on {day}", ratio=Num(1.734, 2), day=date(2026, 11, 3))
    assert text == "ratio 1.73 on 3 Nov 2026"
    assert text.render(ru, show_number=comma) == "ratio 1,73 on 3 Nov 2026"
    assert text.render(ru) == str(text)  # without show_number: the English digits


def test_a_distance_is_a_text_whose_unit_is_a_catalogue_entry():
    km, mi = distance(31_234, "km"), distance(31_234, "mi")
    assert (km, mi) == ("31.2 km", "19.4 mi")
    assert isinstance(km, Text) and km.msgid == KM and km.params == {"distance": Num(31.234, 1)}
    assert isinstance(mi, Text) and mi.msgid == MI
    assert km.render(ru, show_number=comma) == "31,2 км"
    assert mi.render(ru, show_number=comma) == "19,4 мили"
    outer = Text("{total} this week", total=km)
    assert outer.render(ru, show_number=comma) == "31,2 км за эту неделю"
    assert minutes(37.4) == "37 min" and minutes(37.4).render(ru) == "37 мин"


@pytest.mark.parametrize("m", [0, 1, 499, 950, 1_000, 5_000, 10_000, 31_234, 42_195, 123_456.7])
def test_distances_and_limits_read_as_the_plain_strings_did(m):
    # The English before Num: the flags JSON and every English test read these.
    assert distance(m, "km") == f"{m / 1000:.1f} km"
    assert distance(m, "mi") == f"{m / 1000 / KM_PER_MILE:.1f} mi"
    assert limit(m, "km") == f"{m / 1000:g} km"
    assert limit(m, "mi") == f"{m / 1000 / KM_PER_MILE:.1f}".removesuffix(".0") + " mi"


def test_every_threshold_in_miles_has_a_decimal():
    """Russian "мили" is the form a number with decimals takes ("3,1 мили"); a whole
    number of miles would need a plural form ("5 миль"). A new threshold that is a
    whole number of miles fails here first."""
    for rule in RULES:
        for part in _walk(rule.info.threshold("mi")):
            if isinstance(part, Text) and part.msgid == MI:
                assert part.params["distance"].places == 1, rule.id


def test_a_text_with_numbers_survives_the_store_and_old_stored_flags_still_render():
    text = Text("{total} this week", total=distance(31_234, "km")).capitalised()
    back = from_data(json.loads(json.dumps(to_data(text))))
    assert isinstance(back, Text) and back == text == "31.2 km this week"
    assert back.params["total"].params == {"distance": Num(31.234, 1)}
    assert back.render(ru, show_number=comma) == "31,2 км за эту неделю"
    assert to_data(back) == to_data(text)
    assert pickle.loads(pickle.dumps(text)).render(ru, show_number=comma) == "31,2 км за эту неделю"
    # Stored before numbers were Nums: the figure is a plain string, shown as it was.
    old = {"msgid": "{total} this week", "params": {"total": "31.2 km"}}
    assert from_data(old).render(ru, show_number=comma) == "31.2 km за эту неделю"


def test_a_bare_float_left_in_a_text_still_gets_the_page_separator():
    text = Text("above {line}", line=1.5)
    assert text == "above 1.5" and text.render(ru, show_number=comma) == "above 1,5"


ENGLISH_NUMBER = re.compile(r"\d\.\d|\d (?:km|mi|min)\b")


def _walk(value: object):
    yield value
    if isinstance(value, Text):
        for param in value.params.values():
            yield from _walk(param)


@pytest.mark.parametrize("units", ["km", "mi"])
def test_no_rule_writes_a_figure_into_its_text_as_a_string(units):
    """Every rule's figures reach the page as Nums (and distances as Texts): no
    parameter is a float or a string with an English decimal point or unit in it,
    in the flags of a log that raises every rule, nor in the rules page's lines."""
    history = replace(random_history(720, 7, TODAY), units=units)
    flags = evaluate(history, TODAY)
    assert {f.rule for f in flags} == {r.id for r in RULES}  # every rule has spoken
    texts = [t for f in flags for t in (f.subject, f.title, f.detail, f.advice)]
    texts += [r.info.threshold(units) for r in RULES]
    found = [
        (text, part)
        for text in texts
        for part in _walk(text)
        if type(part) is float or (type(part) is str and ENGLISH_NUMBER.search(part))
    ]
    assert found == []
    rendered = [t.render(ru, show_number=comma) for t in texts if isinstance(t, Text)]
    assert [r for r in rendered if re.search(r"\d\.\d", r)] == []
