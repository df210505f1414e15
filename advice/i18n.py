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

from collections.abc import Callable, Mapping
from typing import Any

Param = "str | int | float | Text"


def N_(message: str) -> str:
    """Marks ``message`` for translation; the page translates it when shown."""
    return message


class Text(str):
    """An English sentence that also knows its message id and parameters."""

    msgid: str
    params: Mapping[str, object]

    def __new__(cls, msgid: str, /, **params: object) -> Text:
        self = super().__new__(cls, msgid.format(**params) if params else msgid)
        self.msgid = msgid
        self.params = params
        return self

    def render(self, translate: Callable[[str], str]) -> str:
        """The sentence with ``translate`` applied to the message id and to every
        parameter that is a Text. A translation that does not fit its parameters
        (a typo in a catalogue) falls back to the English sentence."""
        params = {
            name: value.render(translate) if isinstance(value, Text) else value
            for name, value in self.params.items()
        }
        try:
            return translate(self.msgid).format(**params)
        except (KeyError, IndexError, ValueError):
            return str(self)

    def to_data(self) -> dict[str, Any]:
        """JSON-ready: the message id and the parameters (Text ones nested)."""
        return {
            "msgid": self.msgid,
            "params": {
                name: value.to_data() if isinstance(value, Text) else value
                for name, value in self.params.items()
            },
        }

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickling (a cache) keeps the message id and parameters, not just the str.
        return (_rebuild, (self.msgid, dict(self.params)))


def _rebuild(msgid: str, params: dict[str, object]) -> Text:
    return Text(msgid, **params)


def to_data(value: str) -> str | dict[str, Any]:
    """A flag's text as JSON: a plain string, or a Text's message id and parameters."""
    return value.to_data() if isinstance(value, Text) else value


def from_data(data: object) -> str:
    """The inverse of ``to_data``."""
    if isinstance(data, dict):
        params = {
            name: from_data(value) if isinstance(value, dict) else value
            for name, value in data["params"].items()
        }
        return Text(data["msgid"], **params)
    return str(data)
