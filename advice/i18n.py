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

A number with a fraction is a ``Num`` parameter (its value and how many decimals
the sentence shows): English writes "31.2", the page writes it with its own
decimal separator ("31,2"). A distance is a ``Text`` of its own, "{distance} km",
so that the unit is a catalogue entry too (advice.wording). Parameters are plain
values (str, int, ``Num``, ``date``, ``Text``), so a ``Text`` survives the flag
store's JSON (``to_data``/``from_data``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any


def N_(message: str) -> str:
    """Marks ``message`` for translation; the page translates it when shown."""
    return message


class Num(tuple[float, int]):
    """A number as a sentence shows it: ``value`` with ``places`` decimals.

    English (``str``, and inside a Text's English) is "31.2"; a page writes the
    same digits with its own decimal separator (tracker/i18n.py), so that every
    language shows the same figure, rounded once, here. A tuple, for what that
    gives for free: immutable, hashable, picklable, and cheap to build (a
    ten-year evaluation makes thousands).
    """

    __slots__ = ()

    def __new__(cls, value: float, places: int = 0) -> Num:
        return tuple.__new__(cls, (value, places))

    @property
    def value(self) -> float:
        return self[0]

    @property
    def places(self) -> int:
        return self[1]

    @property
    def english(self) -> str:
        """The digits, "31.2" (a point, no grouping)."""
        return f"{self[0]:.{self[1]}f}"

    def __str__(self) -> str:
        return f"{self[0]:.{self[1]}f}"

    def __format__(self, spec: str) -> str:
        # str.format("{n}") asks for format(n, ""): the English digits.
        return f"{self[0]:.{self[1]}f}" if not spec else format(self[0], spec)

    def __repr__(self) -> str:
        return f"Num({self[0]!r}, {self[1]})"

    def __getnewargs__(self) -> tuple[float, int]:
        return (self[0], self[1])


class Text(str):
    """An English sentence that also knows its message id and parameters.

    A ``date`` parameter is written "3 Nov 2026" in English (advice.wording) and
    by the page's own date format when rendered, a ``Num`` by the page's decimal
    separator; ``capitalised()`` upper-cases the first letter of the result in
    every language (a flag's detail may open with "calf left").
    """

    msgid: str
    params: Mapping[str, object]
    # The flags are class attributes and set on an instance only when true: a ten-year
    # evaluation builds some 2,800 Texts, and three attribute writes each showed.
    cap: bool = False
    esc: bool = False
    low: bool = False

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
        if not params:
            if not (_cap or _esc or _low):
                # A sentence without parameters ("Rest that leg ...") is the same
                # Text every time: one instance, as a flag's advice is built a flag.
                plain = _PLAIN.get(msgid)
                if plain is None:
                    plain = _PLAIN[msgid] = _made(msgid, msgid, {}, False, False, False)
                    if len(_PLAIN) > _PLAIN_MAX:  # never in practice: literals are few
                        _PLAIN.clear()
                return plain
            english = msgid
        else:
            # Dates inline rather than through a function a parameter: this is the
            # evaluation's hottest line. A Num formats itself (__format__).
            english = msgid.format_map(
                {k: _date_text(v) if type(v) is date else v for k, v in params.items()}
            )
        if _cap:
            english = _capitalise(english)
        elif _low:
            english = _lower_first(english)
        # _made's body, not a call to it: a call a Text showed in the evaluation.
        self = str.__new__(cls, html.escape(english, quote=False) if _esc else english)
        self.msgid = msgid
        self.params = params
        if _cap:
            self.cap = True
        if _esc:
            self.esc = True
        if _low:
            self.low = True
        return self

    def capitalised(self) -> Text:
        """The same sentence with its first letter upper-case, in every language."""
        # From this English, not formatted again: only the first letter changes (an
        # escaped sentence's first letter is "&" or a letter escaping leaves alone).
        return _made(_capitalise(self), self.msgid, self.params, True, self.esc, False)

    def lowered(self) -> Text:
        """The same sentence with its first letter lower-case, in every language (an
        option's wording inside a sentence: "participation: full participation")."""
        return _made(_lower_first(self), self.msgid, self.params, False, self.esc, True)

    def escaped(self) -> Text:
        """The same sentence HTML-escaped in every language (for markup: plotly's
        hover text)."""
        if self.esc:
            return self
        return _made(
            html.escape(str(self), quote=False), self.msgid, self.params, self.cap, True, self.low
        )

    def render(
        self,
        translate: Callable[[str], str],
        show_date: Callable[[date], str] | None = None,
        show_number: Callable[[Num], str] | None = None,
    ) -> str:
        """The sentence with ``translate`` applied to the message id and to every
        parameter that is a Text, dates shown by ``show_date``, numbers by
        ``show_number`` (English digits without them). A translation that does not
        fit its parameters (a typo in a catalogue) falls back to English."""
        # Plain str and int parameters as they are, without a call: most are.
        params = {
            name: value
            if type(value) is str or type(value) is int
            else _rendered(value, translate, show_date, show_number)
            for name, value in self.params.items()
        }
        try:
            text = translate(self.msgid).format(**params)
        except (KeyError, IndexError, ValueError):
            return str(self)
        text = _capitalise(text) if self.cap else _lower_first(text) if self.low else text
        return html.escape(text, quote=False) if self.esc else text

    def to_data(self) -> dict[str, Any]:
        """JSON-ready: the message id and the parameters (Text ones nested, dates ISO,
        numbers as their value and decimals)."""
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


# The parameterless Texts by message id (Text.__new__); bounded, in case a caller
# ever makes Texts of unbounded strings.
_PLAIN: dict[str, Text] = {}
_PLAIN_MAX = 4096


def _made(
    english: str, msgid: str, params: Mapping[str, object], cap: bool, esc: bool, low: bool
) -> Text:
    """A Text whose English is already written (no formatting)."""
    self = str.__new__(Text, english)
    self.msgid = msgid
    self.params = params
    if cap:
        self.cap = True
    if esc:
        self.esc = True
    if low:
        self.low = True
    return self


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


def date_text(day: date) -> str:
    """advice.wording's "3 Nov 2026"."""
    return _date_text(day)


def _date_text(day: date) -> str:
    # advice.wording builds Texts, so it is imported on first use, then bound here
    # (an import statement a call cost a tenth of the evaluation's Text building).
    global _date_text
    from .wording import date_text as english

    _date_text = english
    return english(day)


def _rendered(
    value: object,
    translate: Callable[[str], str],
    show_date: Callable[[date], str] | None,
    show_number: Callable[[Num], str] | None,
) -> object:
    if isinstance(value, Text):
        return value.render(translate, show_date, show_number)
    if isinstance(value, Num):
        return show_number(value) if show_number is not None else value.english
    if isinstance(value, float) and show_number is not None:
        # No rule passes a bare float any more (a Num says its decimals); one that
        # did would still get the page's separator, digits as Python writes them.
        return show_number(Num(value, len(repr(value).partition(".")[2])))
    if isinstance(value, date):
        return show_date(value) if show_date is not None else date_text(value)
    return value


def _param_data(value: object) -> object:
    if isinstance(value, Text):
        return value.to_data()
    if isinstance(value, Num):
        return {"num": value.value, "places": value.places}
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
    # Flags stored before numbers were Nums hold their figures as strings ("31.2
    # km"): those come back as they are and show in English digits until the
    # flags are next evaluated (the store does so daily).
    if isinstance(value, dict):
        if "date" in value:
            return date.fromisoformat(value["date"])
        if "num" in value:
            return Num(value["num"], value["places"])
        return from_data(value)
    return value
