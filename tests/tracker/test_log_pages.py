"""The log's pages as a runner meets them in the first week: search and totals in the
session list, backfilling, "Repeat", delete confirmations, shoe limits in miles and
one way of writing dates."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tracker.forms import ShoeForm
from tracker.models import Session, Shoe
from tracker.selectors.log import SEARCHED_FIELDS, matching
from tracker.services import REPEATED_FIELDS, repeat_session, runner_today
from tracker.units import units_to_km, whole_units

pytestmark = pytest.mark.django_db


# --- search and totals ---------------------------------------------------------


def test_search_finds_sessions_by_every_word_of_their_notes(runner, make_session):
    hills = make_session(runner, notes="Hill repeats with the CLUB")
    make_session(runner, notes="Easy with the club")
    make_session(runner, notes="")
    rows = Session.objects.filter(user=runner)

    assert list(matching(rows, "club hill")) == [hills]
    assert matching(rows, "  ").count() == 3
    assert matching(rows, "tempo").count() == 0
    assert SEARCHED_FIELDS == ("title", "notes")


def test_search_finds_words_across_title_and_notes(runner, make_session):
    loop = make_session(runner, title="Lakeside loop", notes="felt strong")
    make_session(runner, title="Track session", notes="lakeside path closed")
    rows = Session.objects.filter(user=runner)
    assert list(matching(rows, "LOOP strong")) == [loop]
    assert matching(rows, "lakeside").count() == 2


def test_the_list_searches_and_totals_what_it_found(client_for, runner, make_session):
    make_session(runner, date=date(2026, 10, 5), distance_km=Decimal(12), notes="Tempo run")
    make_session(runner, date=date(2026, 10, 6), distance_km=Decimal(8), notes="easy")
    make_session(runner, date=date(2026, 10, 7), distance_km=Decimal(6), notes="TEMPO again")

    page = client_for(runner).get(reverse("session_list"), {"q": "tempo"}).content.decode()

    assert page.count('<tr data-session="') == 2
    assert "2 sessions" in page and "Run 18.0 km" in page and "Run 26.0 km" not in page
    assert "Totals add up the sessions found." in page


def test_a_bad_filter_is_ignored_not_a_500(client_for, runner, make_session):
    make_session(runner)
    response = client_for(runner).get(
        reverse("session_list"), {"start": "not-a-date", "q": "x" * 500, "page": "99"}
    )
    assert response.status_code == 200


def test_month_totals_span_pages_and_never_mix_activities(client_for, runner, make_session):
    for day in range(1, 31):  # 30 runs: two pages of the list
        make_session(runner, date=date(2026, 9, day), distance_km=Decimal(5), duration_min=30)
    make_session(
        runner, date=date(2026, 9, 15), activity="cycle", distance_km=Decimal(40), duration_min=90
    )
    client = client_for(runner)

    for page_number in (1, 2):
        page = client.get(reverse("session_list"), {"page": page_number}).content.decode()
        assert "31 sessions · 16 h 30 min · Run 150.0 km · Cycle 40.0 km" in page


# --- backfilling: the date stays, the calendar's date is taken -----------------


def test_save_and_log_another_keeps_the_date_just_used(client_for, runner):
    client = client_for(runner)
    response = client.post(
        reverse("session_add"),
        {"date": "2026-10-03", "activity": "run", "distance": "6", "another": "1"},
    )
    assert response["Location"] == reverse("session_add") + "?date=2026-10-03"
    form = client.get(response["Location"]).context["form"]
    assert form["date"].value() == date(2026, 10, 3)


def test_save_and_add_another_area_keeps_the_date_too(client_for, runner):
    response = client_for(runner).post(
        reverse("soreness_add"),
        {"date": "2026-10-03", "area": "calf", "side": "left", "severity": "3", "another": "1"},
    )
    assert response["Location"] == reverse("soreness_add") + "?date=2026-10-03"


@pytest.mark.parametrize("asked", ["not-a-date", "1899-12-31", "2999-01-01", ""])
def test_a_date_the_form_would_refuse_opens_it_on_today(client_for, runner, asked):
    form = client_for(runner).get(reverse("session_add"), {"date": asked}).context["form"]
    assert form["date"].value() == runner_today(runner.profile)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_it_never_goes_to_another_site_after_saving(client_for, runner, target):
    response = client_for(runner).post(
        reverse("session_add"),
        {"date": "2026-10-03", "activity": "run", "distance": "6", "next": target},
    )
    assert response["Location"].startswith("/sessions/")


# --- repeat this session -------------------------------------------------------


def test_repeat_copies_the_shape_not_the_pain_and_dates_it_today(client_for, runner, make_shoe):
    shoe = make_shoe(runner, name="Daily")
    source = Session.objects.create(
        user=runner,
        date=date(2026, 9, 1),
        activity="run",
        distance_km=Decimal("10.5"),
        duration_min=Decimal("55"),
        surface="trail",
        terrain="hilly",
        shoe=shoe,
        warmup_min=10,
        cooldown_min=5,
        fast_pct=20,
        rpe=8,
        stopped=True,
        pain=4,
        pain_area="calf",
        pain_side="left",
        notes="Sore calf",
    )
    client = client_for(runner)
    asked_at = client.get(reverse("session_detail", args=[source.pk])).context["asked_at"]

    response = client.post(reverse("session_repeat", args=[source.pk]), {"asked_at": asked_at})

    copy = Session.objects.exclude(pk=source.pk).get()
    assert response["Location"] == reverse("session_edit", args=[copy.pk])
    assert copy.date == runner_today(runner.profile)
    for name in REPEATED_FIELDS:
        assert getattr(copy, name) == getattr(source, name), name
    assert (copy.pain, copy.pain_area, copy.pain_side, copy.notes) == (None, "", "", "")
    assert (copy.rpe, copy.fast_pct, copy.stopped, copy.source) == (None, None, None, "manual")


def test_a_double_click_on_repeat_logs_one_copy(client_for, runner, make_session):
    source = make_session(runner)
    client = client_for(runner)
    asked_at = client.get(reverse("session_detail", args=[source.pk])).context["asked_at"]

    first = client.post(reverse("session_repeat", args=[source.pk]), {"asked_at": asked_at})
    second = client.post(reverse("session_repeat", args=[source.pk]), {"asked_at": asked_at})

    assert Session.objects.count() == 2
    assert first["Location"] == second["Location"]
    # Opened again later, the page repeats it once more: that is a new wish.
    later = (timezone.now() + timedelta(seconds=1)).timestamp()
    client.post(reverse("session_repeat", args=[source.pk]), {"asked_at": later})
    assert Session.objects.count() == 3


def test_repeat_drops_a_retired_pair(runner, make_session, make_shoe):
    old = make_shoe(runner, name="Old", first_used=date(2025, 1, 1), retired=date(2026, 1, 1))
    source = make_session(runner, shoe=old)
    copy, created = repeat_session(
        source=source, today=date(2026, 10, 1), asked_at=datetime(2026, 10, 1, tzinfo=UTC)
    )
    assert created and copy.shoe_id is None


@pytest.mark.parametrize("asked_at", ["", "nan", "inf", "1e300", "-5", "soon"])
def test_repeat_takes_a_bad_timestamp_as_now(client_for, runner, make_session, asked_at):
    source = make_session(runner)
    response = client_for(runner).post(
        reverse("session_repeat", args=[source.pk]), {"asked_at": asked_at}
    )
    assert response.status_code == 302 and Session.objects.count() == 2


def test_repeat_is_a_post_only(client_for, runner, make_session):
    source = make_session(runner)
    assert client_for(runner).get(reverse("session_repeat", args=[source.pk])).status_code == 405
    assert Session.objects.count() == 1


# --- delete confirmations tell one session from another ------------------------


def test_deleting_a_session_names_it_in_full(client_for, runner, make_session):
    make_session(runner, date=date(2026, 11, 27), notes="Intervals")
    target = make_session(
        runner,
        date=date(2026, 11, 27),
        distance_km=Decimal("7.3"),
        duration_min=Decimal("39.0167"),
        start_time=time(19, 5),  # local: the runner's own clock
        notes="Evening shake-out with the club, legs heavy after the morning's intervals",
    )
    runner.profile.time_zone = "Europe/Berlin"
    runner.profile.save()

    page = client_for(runner).get(reverse("session_delete", args=[target.pk])).content.decode()
    summary = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.split("session-summary")[1]))

    for part in ("Fri 27 Nov 2026, 19:05", "Run", "7.3 km", "39:01", "Evening shake-out"):
        assert part in summary, part
    assert "Intervals" not in summary


# --- shoe limits round-trip in miles -------------------------------------------


def test_every_whole_mile_limit_reads_back_as_typed():
    for miles in range(1, 6214):
        km = max(1, round(units_to_km(Decimal(miles), "mi") or 0))
        assert whole_units(km, "mi") == miles, miles


def test_a_limit_typed_in_miles_shows_and_edits_as_typed(client_for, make_user):
    runner = make_user(units="mi")
    client = client_for(runner)
    client.post(reverse("shoe_add"), {"name": "Road", "kind": "running", "limit": "400"})
    shoe = Shoe.objects.get()

    assert shoe.limit_km == 644  # whole km, as shoes.csv has it
    assert "of 400 mi" in client.get(reverse("shoe_list")).content.decode()
    assert client.get(reverse("shoe_edit", args=[shoe.pk])).context["form"]["limit"].value() == 400


def test_saving_a_pair_untouched_keeps_its_km_limit(make_user, make_shoe):
    runner = make_user(units="mi")
    shoe = make_shoe(runner, name="Typed in km", limit_km=701)  # 435.6 mi: shown as 436
    form = ShoeForm(
        {"name": "Typed in km", "kind": "running", "limit": "436", "notes": "new laces"},
        instance=shoe,
        user=runner,
        units="mi",
        today=date(2026, 10, 1),
        default_limit_km=650,
    )
    assert form.is_valid(), form.errors
    form.save()
    shoe.refresh_from_db()
    assert (shoe.limit_km, shoe.notes) == (701, "new laces")


# --- dates: one way on every page a runner reads --------------------------------

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def visible_text(html: str) -> str:
    """What a reader sees: no tags, attributes or scripts."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_no_page_of_the_log_shows_an_iso_date(
    client_for, runner, make_session, make_soreness, make_shoe
):
    shoe = make_shoe(runner, name="Pair", first_used=date(2026, 1, 2), retired=date(2026, 9, 1))
    session = make_session(runner, date=date(2026, 9, 3), shoe=shoe, pain=3, pain_area="calf",
                           pain_side="left")  # fmt: skip
    entry = make_soreness(runner, date=date(2026, 9, 3), severity=3)
    client = client_for(runner)
    day = ("calendar_day", [2026, 9, 3])
    pages = [
        ("session_list", []),
        ("session_detail", [session.pk]),
        ("session_edit", [session.pk]),
        ("session_delete", [session.pk]),
        ("soreness_list", []),
        ("soreness_add", []),
        ("soreness_delete", [entry.pk]),
        ("shoe_list", []),
        ("calendar_month", [2026, 9]),
        day,
    ]
    for name, args in pages:
        text = visible_text(client.get(reverse(name, args=args)).content.decode())
        assert not ISO_DATE.search(text), (name, ISO_DATE.findall(text))
    refused = client.post(reverse("session_add"), {"date": "2999-01-01", "activity": "run"})
    message = " ".join(refused.context["form"].errors["date"])
    assert "today is" in message and not ISO_DATE.search(message)


def test_a_sessions_pain_reads_the_same_in_the_list_and_the_day(runner, client_for, make_session):
    """The session_pain tag: the level with the area and side, "no pain" for a 0,
    a dash when not asked; the area escaped as text."""
    from tracker.templatetags.stride import session_pain

    hurt = make_session(runner, date=date(2026, 11, 2), pain=3, pain_area="calf", pain_side="left")
    calm = make_session(runner, date=date(2026, 11, 1), pain=0)
    blank = make_session(runner, date=date(2026, 10, 31), pain=None)
    assert session_pain(hurt) == '<span class="pain-value">Pain 3/10 calf left</span>'
    assert (session_pain(calm), session_pain(blank)) == ("no pain", "—")
    page = client_for(runner).get(reverse("session_list")).content.decode()
    assert page.count('<span class="pain-value">Pain 3/10 calf left</span>') == 2  # table, card
    day = client_for(runner).get(reverse("calendar_day", args=[2026, 11, 2])).content.decode()
    assert "Pain 3/10 calf left" in day
