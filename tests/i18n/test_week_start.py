"""The first day of the week follows the runner's language (Sunday in English,
Monday in Russian) unless they chose a day, which then wins in every language. It is
the runner's, never the reader's: a page in another language, a coach's share and a
script see the same weeks."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tracker import flagging, flagstore
from tracker.models import Profile, Weekday
from tracker.profile_models import language_week_start
from tracker.services import runner_today

RU = {"HTTP_ACCEPT_LANGUAGE": "ru-RU,ru;q=0.9"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
NOVEMBER = reverse("calendar_month", args=[2026, 11])  # 1 November 2026 is a Sunday


# --- the resolver ---------------------------------------------------------------


def test_each_language_s_first_day_comes_from_django_s_locale_formats():
    assert language_week_start("en") == Weekday.SUNDAY
    assert language_week_start("ru") == Weekday.MONDAY
    assert language_week_start("en-gb") == Weekday.MONDAY  # a regional variant's own


@pytest.mark.parametrize(
    ("week_start", "profile_language", "expected"),
    [
        (None, "", Weekday.SUNDAY),  # no language in the profile: the site's (English)
        (None, "ru", Weekday.MONDAY),
        (None, "en", Weekday.SUNDAY),
        (Weekday.WEDNESDAY, "ru", Weekday.WEDNESDAY),  # a chosen day wins
        (Weekday.MONDAY, "", Weekday.MONDAY),
        (Weekday.SUNDAY, "ru", Weekday.SUNDAY),
    ],
)
@pytest.mark.parametrize("page", ["en", "ru"])
def test_the_chosen_day_else_the_profile_s_language_never_the_page_s(
    week_start, profile_language, expected, page
):
    profile = Profile(week_start=week_start, language=profile_language)
    with translation.override(page):
        assert profile.first_weekday() == expected


def test_with_no_language_active_the_site_s_default_decides(settings):
    with translation.override(None):
        assert Profile().first_weekday() == language_week_start(settings.LANGUAGE_CODE)


# --- the pages --------------------------------------------------------------------


def _calendar_first_day(page: str) -> date:
    return date.fromisoformat(re.search(r'data-day="([0-9-]+)"', page).group(1))


def _weekday_headers(page: str) -> list[str]:
    head = page[page.index("<thead>") : page.index("</thead>")]
    return re.findall(r'<abbr title="([^"]+)">', head)


@pytest.mark.django_db
def test_the_calendar_starts_on_sunday_in_english_and_monday_in_russian(client_for, make_user):
    english = client_for(make_user(language="en")).get(NOVEMBER, **EN).content.decode()
    assert _calendar_first_day(english) == date(2026, 11, 1)  # Sunday
    assert _weekday_headers(english)[0] == "Sunday"
    assert ">Sun</abbr>" in english
    russian = client_for(make_user(language="ru")).get(NOVEMBER, **RU).content.decode()
    assert _calendar_first_day(russian) == date(2026, 10, 26)  # Monday
    assert _weekday_headers(russian) == [
        "Понедельник",
        "Вторник",
        "Среда",
        "Четверг",
        "Пятница",
        "Суббота",
        "Воскресенье",
    ]
    assert ">Пн</abbr>" in russian and ">Mon</abbr>" not in russian
    assert "Ноябрь 2026" in russian  # the month's own name in the header


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "first"), [("ru", date(2026, 10, 26)), ("", date(2026, 11, 1))]
)
def test_the_browser_s_language_never_moves_the_weeks(client_for, make_user, language, first):
    client = client_for(make_user(language=language))
    for browser in (EN, RU):
        assert _calendar_first_day(client.get(NOVEMBER, **browser).content.decode()) == first


@pytest.mark.django_db
@pytest.mark.parametrize("browser", [EN, RU])
def test_a_chosen_day_wins_in_every_language(client_for, make_user, browser):
    client = client_for(make_user(week_start=Weekday.WEDNESDAY))
    page = client.get(NOVEMBER, **browser).content.decode()
    assert _calendar_first_day(page) == date(2026, 10, 28)  # Wednesday
    assert _weekday_headers(page)[0] in ("Wednesday", "Среда")


@pytest.mark.django_db
def test_the_session_list_groups_weeks_from_the_language_s_first_day(
    client_for, make_user, make_session
):
    english_runner, russian_runner = make_user(language="en"), make_user(language="ru")
    for runner in (english_runner, russian_runner):  # 3 November 2026 is a Tuesday
        make_session(runner, date=date(2026, 11, 3), distance_km=Decimal("3.5"))
    english = client_for(english_runner).get(reverse("session_list"), **EN).content.decode()
    assert "Week of 1 Nov 2026" in english and "3.5 km" in english
    russian = client_for(russian_runner).get(reverse("session_list"), **RU).content.decode()
    assert "Неделя с 2 ноября 2026" in russian and "3,5 км" in russian


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_weekly_questionnaire_s_week_follows_the_runner_s_language(
    client_for, make_user, language
):
    """One week whatever the browser: answers from a Russian phone and an English
    laptop fall in the same week."""
    runner = make_user(language=language)
    today = runner_today(runner.profile)
    client = client_for(runner)
    sunday = today - timedelta(days=(today.weekday() - Weekday.SUNDAY) % 7)
    monday = today - timedelta(days=today.weekday())
    week = monday if language == "ru" else sunday
    assert client.get(reverse("soreness_add"), **EN).context["ostrc_week"] == week
    assert client.get(reverse("soreness_add"), **RU).context["ostrc_week"] == week


@pytest.mark.django_db
def test_the_stored_flags_are_current_only_for_the_week_start_they_were_evaluated_with(
    make_user, make_session
):
    """The evaluation is stored for the runner's week start, which a reader's language
    (a coach's share, a script's /flags) does not move; a runner who changes their
    language (a write) gets an evaluation for the new one."""
    runner = make_user(language="ru")
    today = runner_today(runner.profile)
    make_session(runner, date=today, distance_km=Decimal(10))
    for reader in ("ru", "en"):
        with translation.override(reader):
            flagging.stored(profile=runner.profile, today=today)
        assert flagstore.current_version(runner.pk, today, week_start=Weekday.MONDAY)[1]
    assert not flagstore.current_version(runner.pk, today, week_start=Weekday.SUNDAY)[1]
    Profile.objects.filter(user=runner).update(language="en")
    runner.profile.refresh_from_db()
    flagging.stored(profile=runner.profile, today=today)
    assert flagstore.current_version(runner.pk, today, week_start=Weekday.SUNDAY)[1]


@pytest.mark.django_db
def test_the_dashboard_s_cached_charts_follow_the_week_start(make_user, make_session):
    """The charts cached for an English page are not the Russian page's (their words
    differ), but both cut the runner's weeks on the same day (no language in the
    profile: the site's, Sunday); each equals a fresh render."""
    from django.core.cache import caches

    # An earlier test's runner may have had this one's id and version (the database
    # is rolled back between tests): start with no cached charts.
    caches["charts"].clear()
    runner = make_user()
    today = runner_today(runner.profile)
    for days_ago in range(0, 40, 3):
        make_session(runner, date=today - timedelta(days=days_ago), distance_km=Decimal(5))
    client = Client()
    client.force_login(runner)

    def charts(browser: dict[str, str]) -> tuple[str, str]:
        response = client.get(reverse("dashboard"), {"range": "12w"}, **browser)
        html = response.content.decode()
        return response.context["cards_key"], html[html.index('aria-labelledby="trends-heading"') :]

    english_key, english = charts(EN)
    russian_key, russian = charts(RU)
    assert english_key.endswith(f":en:{Weekday.SUNDAY}")
    assert russian_key.endswith(f":ru:{Weekday.SUNDAY}")
    assert english != russian
    caches["charts"].clear()
    assert charts(RU)[1] == russian
    assert charts(EN)[1] == english


# --- the settings ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_settings_offer_the_language_s_day_in_the_page_s_language(client_for, make_user):
    english = client_for(make_user(language="en")).get(reverse("profile"), **EN)
    assert '<option value="" selected>As my language (Sunday)</option>' in english.content.decode()
    russian = client_for(make_user(language="ru")).get(reverse("profile"), **RU).content.decode()
    assert '<option value="" selected>Как принято для моего языка: Понедельник</option>' in russian
    assert ">Воскресенье</option>" in russian and ">Sunday</option>" not in russian


@pytest.mark.django_db
@pytest.mark.parametrize(("posted", "stored"), [("", None), ("2", 2), ("6", 6)])
def test_the_settings_store_a_chosen_day_or_none(client_for, make_user, posted, stored):
    runner = make_user(week_start=Weekday.MONDAY)
    data = {"language": "", "units": "km", "time_zone": "UTC", "week_start": posted}
    assert client_for(runner).post(reverse("profile"), data).status_code == 302
    assert Profile.objects.get(user=runner).week_start == stored


@pytest.mark.django_db
def test_the_database_still_refuses_a_day_that_is_no_day(make_user):
    runner = make_user()
    assert Profile.objects.get(user=runner).week_start is None  # a new runner's default
    with pytest.raises(IntegrityError), transaction.atomic():
        Profile.objects.filter(user=runner).update(week_start=7)


# --- the migration --------------------------------------------------------------------


BEFORE = [("tracker", "0012_profile_language")]
AFTER = [("tracker", "0013_profile_week_start_by_language")]


@pytest.mark.django_db(transaction=True)
def test_existing_runners_keep_their_stored_day():
    """Monday, the old default, stays Monday: it cannot tell a choice from the default,
    and turning it into "as my language" would move an English runner's weeks."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User, OldProfile = old.get_model("auth", "User"), old.get_model("tracker", "Profile")
    kept = {
        OldProfile.objects.create(
            user=User.objects.create(username=f"old-{day}"), week_start=day
        ).pk: day
        for day in (Weekday.MONDAY, Weekday.SUNDAY)
    }
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("tracker", "Profile")
    assert {p.pk: p.week_start for p in new.objects.filter(pk__in=kept)} == kept
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


# --- the contract's flags -----------------------------------------------------------


def _volume_jump(runner, make_session) -> None:
    make_session(runner, date=date(2026, 9, 1), distance_km=Decimal(10))  # Tuesdays
    make_session(runner, date=date(2026, 9, 8), distance_km=Decimal(20))


def _flags(runner, *options: str) -> str:
    out = StringIO()
    call_command(
        "flags", "--user", runner.username, "--on", "2026-09-10", "--all", *options, stdout=out
    )
    return out.getvalue()


def _jump_start(flags_json: str) -> str:
    return next(f["start"] for f in json.loads(flags_json) if f["rule"] == "volume-jump")


@pytest.mark.django_db
def test_the_contract_s_flags_do_not_change_with_the_asker_s_language(
    client_for, make_user, make_session
):
    """The pages count the weeks of a runner who left them to their language in the
    page's language; the flags of the command and the API (one serialiser) in the
    site's: --language and Accept-Language change words, never the flags."""
    runner = make_user()
    _volume_jump(runner, make_session)
    english = _flags(runner, "--format", "json")
    assert _jump_start(english) == "2026-09-06"  # the site's English: weeks from Sunday
    client_for(runner).get(reverse("warnings"), **RU)  # a Russian page evaluates too
    assert _flags(runner, "--format", "json", "--language", "ru") == english
    assert "[week of 2026-09-06]" in _flags(runner, "--language", "ru")


@pytest.mark.django_db
def test_a_russian_profile_s_contract_flags_count_weeks_from_monday(make_user, make_session):
    runner = make_user(language="ru")
    _volume_jump(runner, make_session)
    assert _jump_start(_flags(runner, "--format", "json")) == "2026-09-07"
