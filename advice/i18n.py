"""Flag text that the pages can translate, without Django in advice.

advice words its flags in English: that is what ``flags --format json`` gives
(the contract keeps English keys and values) and what the tests read. To let the
pages show a flag in the runner's language, two markers, both plain Python:

- ``N_("Shoes near their limit")`` marks a constant (a rule's title, its
  evidence line, a source's title) for extraction and returns it unchanged; the
  page passes it through gettext, whose catalogue has the translation.
- ``Text("{area} hurt {days} days in a row", area=..., days=...)`` is a ``str``,
  the English sentence, that also keeps its message id (the template with its
  ``{name}`` fields) and its parameters. A page translates the message id and
  fills it with the parameters, each translated in turn when it is itself a
  ``Text``. Everything else sees an ordinary string.

``make messages`` extracts both (xgettext's keywords ``N_`` and ``Text``), and
tracker/i18n.py does the translating; advice itself never looks up a language.
Parameters are plain values (str, int, float, ``Text``), so a ``Text`` survives
the flag store's JSON (``to_data``/``from_data``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any


def N_(message: str) -> str:
    """Marks ``message`` for translation; the page translates it when shown."""
    return message


class Text(str):
    """An English sentence that also knows its message id and parameters.

    A ``date`` parameter is written "3 Nov 2026" in English (advice.wording) and
    by the page's own date format when rendered; ``capitalised()`` upper-cases the
    first letter of the result in every language (a flag's detail may open with
    "calf left").
    """

    msgid: str
    params: Mapping[str, object]
    cap: bool
    esc: bool
    low: bool

    def __new__(
        cls,
        msgid: str,
        /,
        *,
        _cap: bool = False,
        _esc: bool = False,
        _low: bool = False,
        **params: object,
    ) -> Text:
        english = msgid.format(**{k: _english(v) for k, v in params.items()}) if params else msgid
        english = _capitalise(english) if _cap else _lower_first(english) if _low else english
        self = super().__new__(cls, html.escape(english, quote=False) if _esc else english)
        self.msgid = msgid
        self.params = params
        self.cap = _cap
        self.esc = _esc
        self.low = _low
        return self

    def capitalised(self) -> Text:
        """The same sentence with its first letter upper-case, in every language."""
        return Text(self.msgid, _cap=True, _esc=self.esc, _low=False, **self.params)

    def lowered(self) -> Text:
        """The same sentence with its first letter lower-case, in every language (an
        option's wording inside a sentence: "participation: full participation")."""
        return Text(self.msgid, _cap=False, _esc=self.esc, _low=True, **self.params)

    def escaped(self) -> Text:
        """The same sentence HTML-escaped in every language (for markup: plotly's
        hover text)."""
        return Text(self.msgid, _cap=self.cap, _esc=True, _low=self.low, **self.params)

    def render(
        self, translate: Callable[[str], str], show_date: Callable[[date], str] | None = None
    ) -> str:
        """The sentence with ``translate`` applied to the message id and to every
        parameter that is a Text, dates shown by ``show_date``. A translation that
        does not fit its parameters (a typo in a catalogue) falls back to English."""
        params = {
            name: _rendered(value, translate, show_date) for name, value in self.params.items()
        }
        try:
            text = translate(self.msgid).format(**params)
        except (KeyError, IndexError, ValueError):
            return str(self)
        text = _capitalise(text) if self.cap else _lower_first(text) if self.low else text
        return html.escape(text, quote=False) if self.esc else text

    def to_data(self) -> dict[str, Any]:
        """JSON-ready: the message id and the parameters (Text ones nested, dates ISO)."""
        data: dict[str, Any] = {
            "msgid": self.msgid,
            "params": {name: _param_data(value) for name, value in self.params.items()},
        }
        if self.cap:
            data["cap"] = True
        if self.esc:
            data["esc"] = True
        if self.low:
            data["low"] = True
        return data

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickling (a cache) keeps the message id and parameters, not just the str.
        return (_rebuild, (self.msgid, dict(self.params), self.cap, self.esc, self.low))


def _rebuild(
    msgid: str, params: dict[str, object], cap: bool, esc: bool, low: bool = False
) -> Text:
    return Text(msgid, _cap=cap, _esc=esc, _low=low, **params)


def concat(*parts: str) -> Text:
    """Sentences one after the other, each translated on its own (the joining
    pattern itself is no catalogue entry: gettext gives it back unchanged)."""
    pattern = "".join(f"{{p{i}}}" for i in range(len(parts)))
    params: dict[str, object] = {f"p{i}": part for i, part in enumerate(parts)}
    return Text(pattern, **params)  # type: ignore[arg-type]  # p0, p1...: never _cap


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _english(value: object) -> object:
    return date_text(value) if isinstance(value, date) else value


def date_text(day: date) -> str:
    """advice.wording's "3 Nov 2026" (imported here, as wording builds Texts)."""
    from .wording import date_text as english

    return english(day)


def _rendered(
    value: object, translate: Callable[[str], str], show_date: Callable[[date], str] | None
) -> object:
    if isinstance(value, Text):
        return value.render(translate, show_date)
    if isinstance(value, date):
        return show_date(value) if show_date is not None else date_text(value)
    return value


def _param_data(value: object) -> object:
    if isinstance(value, Text):
        return value.to_data()
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def to_data(value: str) -> str | dict[str, Any]:
    """A flag's text as JSON: a plain string, or a Text's message id and parameters."""
    return value.to_data() if isinstance(value, Text) else value


def from_data(data: object) -> str:
    """The inverse of ``to_data``."""
    if isinstance(data, dict):
        params = {name: _param_back(value) for name, value in data["params"].items()}
        return Text(
            data["msgid"],
            _cap=bool(data.get("cap")),
            _esc=bool(data.get("esc")),
            _low=bool(data.get("low")),
            **params,
        )
    return str(data)


def _param_back(value: object) -> object:
    if isinstance(value, dict):
        return date.fromisoformat(value["date"]) if "date" in value else from_data(value)
    return value
