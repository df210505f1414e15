"""Not one English word on a Russian runner's pages.

The browser walk (tests/e2e/test_russian_pages.py) catches catalogue sentences and
runs of three Latin words; a single word ("Date", "Shoe", "info") slips through
both. This reads the HTML of every runner page, with a log that fills each of them
(sessions with shoes, soreness, wellness checks, OSTRC answers, a share, an
import, a report, forms sent back with their errors), and fails on any Latin word
in a visible text or in what a runner reads from an attribute (placeholder, title,
aria-label, alt, a button's value), unless it is a name that stays Latin in
Russian (ALLOWED), the runner's own data, or a source quote (lang="en"). It needs
no browser: the charts' plotly text is drawn by JavaScript and is not read here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.crafted_imports import gpx
from tests.i18n.words import english_words, runner_texts
from tracker.api.tokens import create_token
from tracker.charts.ranges import week_start_of
from tracker.models import (
    ApiToken,
    ImportJob,
    OstrcResponse,
    Profile,
    Session,
    Share,
    Shoe,
    Soreness,
    WellnessEntry,
)
from tracker.services import runner_today
from tracker.sharing.service import create_share

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("<label>Date</label><label>Дата</label>", ["Date"]),
        ('<input placeholder="e.g. hills"><a title="Edit">✎</a>', ["e", "g", "hills", "Edit"]),
        ('<button type="submit" value="Save">Сохранить</button>', ["Save"]),
        ("<table><th>Week</th><td>12 км</td></table>", ["Week"]),
        ("<select><option>info</option></select>", ["info"]),
        ('<blockquote lang="en"><p>Increase <em>slowly</em>.</p></blockquote>', []),
        ("<script>var label = 'Hidden';</script><p>Road pair · 5 км</p>", []),
        ('<p>Экспорт в CSV и PDF, OSTRC-O2, <a href="/x">/api/v1/docs</a></p>', []),
        ('<input type="text" value="Parkrun">', []),  # the runner's own, typed in
    ],
)
def test_the_scan_finds_english_words_and_only_those(html, words):
    found = [w for text in runner_texts(html) for w in english_words(text, ["Road pair"])]
    assert found == words


# --- a Russian runner whose log fills every page -------------------------------


@pytest.fixture
def russian_runner(make_user):
    runner = make_user("sasha", language="ru")
    profile = Profile.objects.get(user=runner)
    today = runner_today(profile)
    road = Shoe.objects.create(user=runner, name="Road pair", limit_km=700, notes="Wide toe box")
    trail = Shoe.objects.create(
        user=runner,
        name="Trail pair",
        kind="trail",
        first_used=today - timedelta(days=300),
        retired=today - timedelta(days=2),
    )
    sessions = []
    for back in range(42, 0, -1):
        if back % 7 in (2, 5):
            continue
        sessions.append(
            Session(
                user=runner,
                date=today - timedelta(days=back),
                distance_km=Decimal(6 + (back % 4) * 2 + (4 if back < 8 else 0)),
                duration_min=Decimal(35 + (back % 4) * 10),
                surface="asphalt" if back % 3 else "trail",
                terrain="hilly" if back % 5 == 0 else "flat",
                shoe=trail if back % 3 == 0 else road,
                warmup_min=10,
                cooldown_min=5 if back % 2 else 0,
                fast_pct=20 if back % 6 == 0 else None,
                rpe=5 + back % 4,
                stopped=back % 11 == 0,
                pain=3 if back % 9 == 0 else None,
                pain_area="calf" if back % 9 == 0 else "",
                pain_side="left" if back % 9 == 0 else "",
                title="Parkrun" if back % 7 == 6 else "",
                notes="Windy" if back % 4 == 0 else "",
                avg_hr=150,
                max_hr=172,
                ascent_m=120,
                race=back == 13,
            )
        )
    sessions.append(
        Session(user=runner, date=today - timedelta(days=3), activity="cycle", duration_min=60)
    )
    Session.objects.bulk_create(sessions)
    Soreness.objects.bulk_create(
        [
            Soreness(
                user=runner,
                date=today - timedelta(days=d),
                area="calf",
                side="left",
                severity=4,
                kind="aching",
                swelling=d == 2,
                at_night=d == 1,
            )
            for d in range(6, -1, -1)
        ]
        + [Soreness(user=runner, date=today, area="shin", side="right", severity=5, kind="sharp")]
    )
    WellnessEntry.objects.bulk_create(
        [
            WellnessEntry(
                user=runner,
                date=today - timedelta(days=d),
                sleep=1 + d % 7,
                fatigue=6,
                stress=5,
                soreness=6,
            )
            for d in range(10)
        ]
    )
    first_day = week_start_of(today, profile.first_weekday())
    for weeks, answers in ((0, (1, 2, 2, 2)), (1, (0, 1, 1, 1))):
        participation, modification, performance, symptoms = answers
        OstrcResponse.objects.create(
            user=runner,
            week=first_day - timedelta(weeks=weeks),
            area="calf",
            participation=participation,
            modification=modification,
            performance=performance,
            symptoms=symptoms,
        )
    create_share(
        runner,
        label="Dr Petrov",
        title="Physio",
        covers="all",
        notes=True,
        days=30,
        now=timezone.now(),
    )
    create_token(runner, label="My script", scope="write", days=30, now=timezone.now())
    return runner


def _own_words(runner) -> list[str]:
    """The runner's own data as pages print it: names, titles, notes, labels."""
    own = [runner.username, runner.email]
    own += list(Shoe.objects.filter(user=runner).values_list("name", flat=True))
    own += list(Shoe.objects.filter(user=runner).values_list("notes", flat=True))
    own += list(Session.objects.filter(user=runner).values_list("title", flat=True))
    own += list(Session.objects.filter(user=runner).values_list("notes", flat=True))
    for share in Share.objects.filter(user=runner):
        own += [share.label, share.title]
    for token in ApiToken.objects.filter(user=runner):
        own += [token.label, token.prefix]
    own += list(ImportJob.objects.filter(user=runner).values_list("label", flat=True))
    own += ["xx", "swim"]  # what a bad form and the CSV below send, shown back
    # longest first: "Road pair" before "Road"
    return sorted({o for o in own if o}, key=len, reverse=True)


def _imports(client) -> tuple[str, ...]:
    """An activity-file job (its page and its follow-up) and a CSV preview."""
    starts = [datetime(2026, 1, day, 7, 0, tzinfo=UTC) for day in (5, 6)]
    files = [
        SimpleUploadedFile(
            f"run{i}.gpx", gpx(120).replace(b"2024-03-01", s.date().isoformat().encode())
        )
        for i, s in enumerate(starts)
    ]
    client.post(reverse("import_files"), {"files": files})
    job = ImportJob.objects.latest("pk")
    csv = (
        b"date,activity,distance_km,duration_min,shoe,notes\n"
        b"2025-01-02,run,8.5,50,Road pair,\n"
        b"2025-01-03,run,900,50,,\n"
        b"2025-01-04,swim,3,50,,\n"
    )
    response = client.post(
        reverse("import_csv_upload"), {"sessions": SimpleUploadedFile("sessions.csv", csv)}
    )
    return (
        reverse("import_job", args=[job.pk]),
        reverse("import_followup", args=[job.pk]),
        response["Location"],
    )


def _pages(runner, client) -> list[str]:
    today = runner_today(Profile.objects.get(user=runner))
    session = Session.objects.filter(user=runner, activity="run").order_by("-date").first()
    entry = Soreness.objects.filter(user=runner).first()
    shoe = Shoe.objects.filter(user=runner).first()
    token = ApiToken.objects.get(user=runner)
    report = f"{reverse('report')}?area=calf&start={(today - timedelta(days=6)).isoformat()}"
    return [
        reverse("dashboard"),
        reverse("dashboard") + "?range=all&load=effort",
        reverse("session_list"),
        reverse("session_list") + "?filters=1&q=zzz",  # no match: the empty state
        reverse("session_add"),
        reverse("session_detail", args=[session.pk]),
        reverse("session_edit", args=[session.pk]),
        reverse("session_delete", args=[session.pk]),
        reverse("calendar"),
        reverse("calendar_day", args=[session.date.year, session.date.month, session.date.day]),
        reverse("soreness_list"),
        reverse("soreness_add"),
        reverse("soreness_edit", args=[entry.pk]),
        reverse("soreness_delete", args=[entry.pk]),
        reverse("ostrc_weekly"),
        reverse("shoe_list"),
        reverse("shoe_add"),
        reverse("shoe_edit", args=[shoe.pk]),
        reverse("shoe_delete", args=[shoe.pk]),
        reverse("warnings"),
        reverse("rules"),
        reverse("report"),
        report,
        reverse("profile"),
        reverse("sharing"),
        reverse("api_tokens"),
        reverse("api_token_revoke", args=[token.pk]),
        reverse("account_delete"),
        reverse("password_change"),
        reverse("import"),
        *_imports(client),
    ]


# Forms sent back with their errors: what the runner reads after a mistake.
BAD_POSTS = {
    "session_add": {"date": "", "activity": "run", "distance": "401", "duration_min": "-1"},
    "soreness_add": {"date": "", "severity": "11"},
    "shoe_add": {"name": "", "kind": "running", "limit": "0"},
    "sharing": {"label": ""},
    "api_tokens": {"label": ""},
    "password_change": {"old_password": "wrong", "new_password1": "a", "new_password2": "b"},
    "profile": {"units": "xx"},  # "xx" is shown back: the runner's own
    "wellness_save": {"date": "", "sleep": "9"},
    "ostrc_weekly": {"areas": "calf", "calf-participation": "7"},
    "import_files": {},
    "import_csv_upload": {},
}


def _found(client, path: str, own: list[str], *, data=None, follow=False) -> list[str]:
    response = client.get(path) if data is None else client.post(path, data, follow=follow)
    assert response.status_code in (200, 201, 400, 404), (path, response.status_code)
    html = response.content.decode()
    assert '<html lang="ru"' in html, path
    return [
        f"{path}: {word!r} in {text[:80]!r}"
        for text in runner_texts(html)
        for word in english_words(text, own)
    ]


def test_a_russian_runner_meets_no_english_word_on_any_page(client_for, russian_runner):
    client = client_for(russian_runner)
    pages = _pages(russian_runner, client)
    own = _own_words(russian_runner)
    english: list[str] = []
    for path in pages:
        english += _found(client, path, own)
    for name, data in BAD_POSTS.items():
        english += _found(client, reverse(name), own, data=data)
    # The report's form, asked for more days than a report covers.
    english += _found(client, reverse("report") + "?start=1990-01-01", own)
    # What a runner reads after doing something right: the saved messages, the new
    # link and token with their copy buttons.
    today = runner_today(Profile.objects.get(user=russian_runner)).isoformat()
    for name, data in {
        "session_add": {"date": today, "activity": "run", "distance": "5,5", "duration_min": "30"},
        "soreness_all_clear": {},
        "sharing": {"label": "Coach", "title": "Sasha", "covers": "all", "lifetime": "30"},
        "api_tokens": {"label": "Watch", "scope": "read", "lifetime": "30"},
    }.items():
        english += _found(client, reverse(name), [*own, "Coach", "Watch"], data=data, follow=True)
    # A page that is not there, and the pages after a password change and a log-out.
    english += _found(client, "/sessions/999999/", own)
    english += _found(client, reverse("password_change_done"), own)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"  # logged out: the browser's language
    english += _found(client, reverse("logout"), own, data={}, follow=True)
    assert english == [], "\n".join(english)


def test_a_new_russian_runner_meets_no_english_word_on_the_empty_pages(client_for, make_user):
    """The empty states: a log with nothing in it yet."""
    runner = make_user("nina", language="ru")
    client = client_for(runner)
    english: list[str] = []
    for name in (
        "dashboard",
        "session_list",
        "calendar",
        "soreness_list",
        "ostrc_weekly",
        "shoe_list",
        "warnings",
        "report",
        "sharing",
        "api_tokens",
        "import",
        "profile",
    ):
        english += _found(client, reverse(name), [runner.username, runner.email])
    assert english == [], "\n".join(english)


def test_a_share_shows_a_russian_runner_no_english_word(client, russian_runner):
    share, token = create_share(
        russian_runner,
        label="Coach",
        title="Coach Ivanov",
        covers="all",
        notes=True,
        days=None,
        now=timezone.now(),
    )
    # A share's viewer reads it in their own language, not the runner's.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    client.get(reverse("open_share", args=[token]))
    own = [*_own_words(russian_runner), "Coach Ivanov", "Coach"]
    today = runner_today(Profile.objects.get(user=russian_runner))
    english: list[str] = []
    for name, args in (
        ("shared_dashboard", [share.pk]),
        ("shared_calendar", [share.pk]),
        ("shared_calendar_day", [share.pk, today.year, today.month, today.day]),
        ("shared_warnings", [share.pk]),
        ("shared_report", [share.pk]),
    ):
        english += _found(client, reverse(name, args=args), own)
    assert english == [], "\n".join(english)


def test_the_public_pages_in_russian_hold_no_english_word(client):
    english: list[str] = []
    for name in ("landing", "login", "signup", "password_reset", "password_reset_done"):
        response = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="ru")
        assert response.status_code == 200
        english += [
            f"{name}: {word!r} in {text[:80]!r}"
            for text in runner_texts(response.content.decode())
            for word in english_words(text, [])
        ]
    # The public forms sent back with their errors.
    for name, data in {
        "login": {"username": "nobody", "password": "wrong"},
        "signup": {"username": "", "email": "not-an-address", "password1": "a"},
        "password_reset": {"email": "not-an-address"},
    }.items():
        response = client.post(reverse(name), data, HTTP_ACCEPT_LANGUAGE="ru")
        assert response.status_code in (200, 400)
        english += [
            f"{name}: {word!r} in {text[:80]!r}"
            for text in runner_texts(response.content.decode())
            for word in english_words(text, [])
        ]
    assert english == [], "\n".join(english)
