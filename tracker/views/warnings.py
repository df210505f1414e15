"""The warnings a runner reads: active now, the history of every flag, the rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from advice import CATALOGUE_BY_FAMILY, RULE_CATALOGUE, RuleInfo
from tracker import flagging, flagstore
from tracker.flagging import RunnerFlag
from tracker.models import Profile
from tracker.sharing.scope import EVERYTHING, Visibility
from tracker.views._helpers import RunnerRequest, profile_of, querystring_without_page

# A phone shows about fifteen one-line rows a screen: two screens a page.
HISTORY_PAGE_SIZE = 20


def _rule_choices(visibility: Visibility) -> list[tuple[str, StrOrPromise]]:
    shown = (info for info in RULE_CATALOGUE if visibility.shows_rule(info.rule))
    # Lazy: the choices are built once, shown in each request's language.
    return [("", _("All rules")), *((info.rule, _(info.title)) for info in shown)]


class HistoryFilter(forms.Form):
    rule = forms.ChoiceField(label=_("Rule"), required=False, choices=_rule_choices(EVERYTHING))

    def __init__(self, *args: Any, visibility: Visibility = EVERYTHING, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if visibility != EVERYTHING:  # a share's: its rules only
            field = self.fields["rule"]
            assert isinstance(field, forms.ChoiceField)  # for the type checker
            field.choices = _rule_choices(visibility)


# A card holds at most one rule's active flags: a few dozen keys at the very most.
MAX_KEYS = 100


def _keys(request: HttpRequest) -> list[str] | None:
    """The flag keys posted to "mark as seen", or None when they are not usable."""
    keys = request.POST.getlist("key")
    field = forms.CharField(max_length=400)
    if not 1 <= len(keys) <= MAX_KEYS:
        return None
    try:
        return [field.clean(key) for key in keys]
    except forms.ValidationError:
        return None


@login_required
def warnings(request: RunnerRequest) -> HttpResponse:
    context = warnings_context(
        profile_of(request), request, active=flagging.active_for_request(request)
    )
    return render(request, "tracker/warnings.html", context)


def warnings_context(
    profile: Profile,
    request: HttpRequest,
    *,
    active: list[RunnerFlag],
    visibility: Visibility = EVERYTHING,
) -> dict[str, object]:
    """The warnings of ``profile``, showing what ``visibility`` allows: the runner's
    page and a share's (tracker/views/shared.py). ``request``: its query string."""
    # From the stored evaluation (flagging.stored): a page of it from the database,
    # whatever the length of the log.
    active = visibility.runner_flags(active)
    # The history is what the "Active now" list does not show already.
    shown = [item.flag.key for item in active]
    history_filter = HistoryFilter(request.GET or None, visibility=visibility)
    rule = history_filter.cleaned_data["rule"] if history_filter.is_valid() else ""
    user_id = profile.user_id
    rows = flagstore.history(user_id, leave_out=shown, rule=rule, rules=visibility.rules)
    page = Paginator(rows, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    # The page's rows read even when there are none: the same queries for every log.
    first = (page.number - 1) * HISTORY_PAGE_SIZE
    page_rows = rows[first : first + HISTORY_PAGE_SIZE]
    page.object_list = flagging.with_seen(flagstore.flags_of(page_rows), user_id=user_id)
    return {
        "active": active,
        "active_groups": flagging.grouped(active),
        "history_filter": history_filter,
        "rule": rule,
        "page": page,
        "query": querystring_without_page(request),
    }


@login_required
@require_POST
def mark_seen(request: RunnerRequest) -> HttpResponse:
    keys = _keys(request)
    if keys:
        flagging.mark_seen(user_id=request.user.pk, keys=keys)
        messages.success(request, _("Marked as seen. It comes back if new data raises it again."))
    else:
        messages.error(request, _("That warning could not be marked as seen."))
    return HttpResponseRedirect(_after_mark_seen(request))


def _after_mark_seen(request: HttpRequest) -> str:
    """A path on this site; a query or fragment alone (``?page=2``, ``#x``) applies to
    the warnings page; anything else (a relative ``run``, another host) is the
    warnings page. Never through redirect(), which takes a bare word for a URL name."""
    target = request.POST.get("next", "")
    home = reverse("warnings")
    if not target.isprintable():
        return home  # a line break would make the Location header itself a 500
    if target.startswith(("?", "#")):
        return home + target
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if allowed and target.startswith("/") else home


@dataclass(frozen=True)
class CatalogueEntry:
    info: RuleInfo
    threshold: str  # in the units of the runner reading it


def rules(request: HttpRequest) -> HttpResponse:
    """Public: what Stridewise checks, with thresholds, sources and evidence.

    Thresholds are in the runner's units when one is logged in, km otherwise.
    """
    profile = getattr(request, "profile", None)
    units = profile.units if profile is not None else "km"
    families = [
        (family, [CatalogueEntry(info, info.threshold(units)) for info in infos])
        for family, infos in CATALOGUE_BY_FAMILY
    ]
    return render(request, "tracker/rules.html", {"families": families, "units": units})
