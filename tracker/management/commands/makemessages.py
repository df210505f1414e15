"""Django's makemessages, also reading advice's markers (advice/i18n.py).

advice marks its text without Django: ``N_("...")`` for constants, ``Text("...",
name=...)`` for sentences with parameters, and two constructors whose argument
is a text, ``RuleInfo(rule, title, ...)`` and ``_quote(document, text)``. Django's
documented way to add xgettext keywords is to extend ``xgettext_options``.
"""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [
        *makemessages.Command.xgettext_options,
        "--keyword=N_",
        "--keyword=Text",
        "--keyword=RuleInfo:2",
        "--keyword=_quote:2",
    ]
