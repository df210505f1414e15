"""advice's translatable text: English strings that keep a message id, no Django."""

from __future__ import annotations

import json
import pickle

from advice.i18n import N_, Text, from_data, to_data

RU = {
    "{area} hurt for {days} days": "{area} болит уже {days} дн.",
    "calf {side}": "икра, {side}",
    "left": "слева",
    "Shoes near their limit": "Кроссовки у предела износа",
    "{oops} broken": "{missing} сломано",
}


def translate(msgid: str) -> str:
    return RU.get(msgid, msgid)


def test_n_marks_a_constant_and_changes_nothing():
    assert N_("Shoes near their limit") == "Shoes near their limit"
    assert type(N_("x")) is str


def test_a_text_is_its_english_sentence():
    text = Text("{area} hurt for {days} days", area="calf left", days=6)
    assert text == "calf left hurt for 6 days"
    assert isinstance(text, str) and text.upper() == "CALF LEFT HURT FOR 6 DAYS"
    assert json.dumps({"detail": text}) == '{"detail": "calf left hurt for 6 days"}'
    assert text.msgid == "{area} hurt for {days} days"


def test_it_renders_in_another_language_with_its_parameters_translated():
    area = Text("calf {side}", side=Text("left"))
    text = Text("{area} hurt for {days} days", area=area, days=6)
    assert text == "calf left hurt for 6 days"
    assert text.render(translate) == "икра, слева болит уже 6 дн."
    assert text.render(lambda s: s) == str(text)


def test_a_broken_translation_falls_back_to_english():
    text = Text("{oops} broken", oops="it")
    assert text.render(translate) == "it broken"


def test_it_survives_json_and_pickle_with_its_message_id():
    text = Text("{area} hurt for {days} days", area=Text("calf {side}", side="left"), days=6)
    back = from_data(json.loads(json.dumps(to_data(text))))
    assert isinstance(back, Text) and back == text
    assert back.render(translate) == "икра, left болит уже 6 дн."
    assert pickle.loads(pickle.dumps(text)).render(translate) == text.render(translate)
    assert from_data("plain") == "plain" and to_data("plain") == "plain"
