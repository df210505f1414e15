"""seed_demo: a reproducible, realistic demo log; an existing runner is replaced only
when asked to, never silently."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from tracker.demo.seed import DEFAULT_PASSWORD
from tracker.models import Profile, Session, Shoe, Soreness

END = date(2026, 3, 1)  # a Sunday, so the last week of the history is a full one

SESSION_FIELDS = (
    "date",
    "activity",
    "distance_km",
    "duration_min",
    "surface",
    "terrain",
    "shoe__name",
    "warmup_min",
    "cooldown_min",
    "fast_pct",
    "rpe",
    "stopped",
    "pain",
    "pain_area",
    "pain_side",
    "notes",
)
SORENESS_FIELDS = ("date", "area", "side", "severity", "kind", "swelling", "at_night", "notes")
SHOE_FIELDS = ("name", "kind", "first_used", "retired", "limit_km", "notes")


def seed(
    username: str = "demo",
    *,
    seed: int = 7,
    span: tuple[str, str] = ("--years", "0.5"),
    end: date = END,
    extra: tuple[str, ...] = (),
) -> str:
    out = StringIO()
    call_command(
        "seed_demo",
        "--user",
        username,
        *span,
        "--seed",
        str(seed),
        "--end",
        end.isoformat(),
        *extra,
        stdout=out,
    )
    return out.getvalue()


def log_of(username: str) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Every stored value but ids, owner and timestamps, in insertion order."""
    sessions = Session.objects.filter(user__username=username).order_by("id")
    soreness = Soreness.objects.filter(user__username=username).order_by("id")
    shoes = Shoe.objects.filter(user__username=username).order_by("id")
    return (
        list(sessions.values_list(*SESSION_FIELDS)),
        list(soreness.values_list(*SORENESS_FIELDS)),
        list(shoes.values_list(*SHOE_FIELDS)),
    )


def runs_of(username: str) -> list[Session]:
    return list(Session.objects.filter(user__username=username, activity="run").order_by("date"))


def full_weeks(start: date, end: date) -> list[date]:
    """Mondays of the Monday-to-Sunday weeks that lie wholly within start..end."""
    monday = start + timedelta(days=(7 - start.weekday()) % 7)
    weeks = []
    while monday + timedelta(days=6) <= end:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def longest_sore_span(username: str) -> int:
    """Days from first to last check-in of the longest stretch of one area and side at
    severity >= 2, with no 0 and no gap of more than two days in between."""
    by_subject: dict[tuple[str, str], list[tuple[date, int]]] = defaultdict(list)
    for row in Soreness.objects.filter(user__username=username).order_by("date"):
        by_subject[(row.area, row.side)].append((row.date, row.severity))
    longest = 0
    for entries in by_subject.values():
        first: date | None = None
        previous: date | None = None
        for day, severity in entries:
            if severity < 2:
                first = None
                continue
            if first is None or previous is None or (day - previous).days > 2:
                first = day
            previous = day
            longest = max(longest, (day - first).days)
    return longest


def assert_three_to_six_runs_a_week(username: str, start: date, end: date) -> None:
    per_week: dict[date, int] = defaultdict(int)
    for run in runs_of(username):
        per_week[run.date - timedelta(days=run.date.weekday())] += 1
    weeks = full_weeks(start, end)
    assert weeks
    counts = {monday: per_week[monday] for monday in weeks}
    assert all(3 <= count <= 6 for count in counts.values()), counts
    assert len(set(counts.values())) >= 2  # it varies


@pytest.mark.django_db
def test_it_gives_the_same_rows_for_the_same_seed():
    seed("first", seed=11)
    seed("second", seed=11)

    first, second = log_of("first"), log_of("second")
    assert all(first)  # sessions, check-ins and shoes all written
    assert first == second


@pytest.mark.django_db
def test_it_gives_other_rows_for_another_seed():
    seed("first", seed=11)
    seed("second", seed=12)

    assert log_of("first")[0] != log_of("second")[0]
    assert log_of("first")[1] != log_of("second")[1]


@pytest.mark.django_db
def test_it_runs_three_to_six_times_in_every_full_week():
    seed()

    assert_three_to_six_runs_a_week("demo", END - timedelta(days=182), END)


@pytest.mark.django_db
def test_it_keeps_runs_in_realistic_ranges():
    seed()

    runs = runs_of("demo")
    for run in runs:
        assert run.distance_km is not None
        assert 4 <= run.distance_km <= 25
        assert 4.7 <= run.duration_min / run.distance_km <= 6.55  # min/km
        assert run.rpe is None or 3 <= run.rpe <= 9
        assert run.fast_pct is None or 0 <= run.fast_pct <= 40
        for minutes in (run.warmup_min, run.cooldown_min):
            assert minutes is None or minutes == 0 or 5 <= minutes <= 15
    longest_per_week: dict[date, float] = defaultdict(float)
    for run in runs:
        monday = run.date - timedelta(days=run.date.weekday())
        longest_per_week[monday] = max(longest_per_week[monday], float(run.distance_km))
    for monday in full_weeks(END - timedelta(days=182), END):
        assert 14 <= longest_per_week[monday] <= 25
    no_warmup = sum(run.warmup_min == 0 for run in runs) / len(runs)
    assert 0.1 <= no_warmup <= 0.4
    assert any(run.fast_pct and run.fast_pct >= 20 for run in runs)  # interval sessions
    assert len({run.surface for run in runs}) >= 4
    assert Session.objects.filter(user__username="demo").exclude(activity="run").exists()
    assert Session.objects.filter(user__username="demo", pain__gte=1).exclude(pain_area="").exists()


@pytest.mark.django_db
def test_it_has_two_or_three_shoes():
    seed()

    shoes = Shoe.objects.filter(user__username="demo")
    assert 2 <= shoes.count() <= 3
    assert shoes.filter(limit_km=800).count() == 1


@pytest.mark.django_db
def test_it_has_a_soreness_episode_longer_than_five_days():
    seed()

    assert longest_sore_span("demo") > 5
    severities = set(
        Soreness.objects.filter(user__username="demo").values_list("severity", flat=True)
    )
    assert 0 in severities


@pytest.mark.django_db
def test_it_writes_nothing_after_the_end():
    seed()

    user = get_user_model().objects.get(username="demo")
    last_session = Session.objects.filter(user=user).latest("date").date
    last_checkin = Soreness.objects.filter(user=user).latest("date").date
    assert last_session <= END
    assert last_checkin <= END
    for shoe in Shoe.objects.filter(user=user):
        assert shoe.first_used is None or shoe.first_used <= END
        assert shoe.retired is None or shoe.retired <= END
    profile = Profile.objects.get(user=user)
    first_session = Session.objects.filter(user=user).earliest("date").date
    assert profile.started_running == END - timedelta(days=182)
    assert profile.started_running <= first_session


@pytest.mark.django_db
def test_it_replaces_the_log_on_a_second_run_when_asked_to():
    seed("demo", seed=3)
    seed("reference", seed=4)

    seed("demo", seed=4, extra=("--replace",))

    assert log_of("demo") == log_of("reference")
    assert get_user_model().objects.filter(username="demo").count() == 1
    assert Profile.objects.filter(user__username="demo").count() == 1


@pytest.mark.django_db
def test_it_refuses_to_replace_an_existing_runner_unasked_and_says_what_to_do():
    seed("demo", seed=3)
    before = log_of("demo")
    get_user_model().objects.filter(username="demo").update(password="kept")

    with pytest.raises(CommandError) as refused:
        seed("demo", seed=4, span=("--years", "10"))

    message = str(refused.value)
    assert "“demo” already exists" in message and "nothing was changed" in message
    assert "--replace" in message and "make demo REPLACE=1" in message
    assert "--user demo10" in message and "make demo USER=demo10" in message
    assert log_of("demo") == before
    assert get_user_model().objects.get(username="demo").password == "kept"


@pytest.mark.django_db
def test_it_suggests_a_second_name_that_is_free():
    seed("demo", seed=3)
    seed("demo10", seed=3)

    with pytest.raises(CommandError, match="--user demo-2 "):
        seed("demo", span=("--years", "10"))


@pytest.mark.django_db
def test_it_prints_how_to_log_in_at_the_site_it_is_given():
    output = seed()

    assert (
        "Log in at http://127.0.0.1:8000/accounts/login/ with username “demo” and password "
        f"“{DEFAULT_PASSWORD}”" in output
    )
    assert get_user_model().objects.get(username="demo").check_password(DEFAULT_PASSWORD)
    elsewhere = seed("other", extra=("--site", "http://0.0.0.0:8123/"))
    assert "Log in at http://0.0.0.0:8123/accounts/login/ with username “other”" in elsewhere
    assert "--user NAME (make demo USER=NAME)" in elsewhere


@pytest.mark.django_db
def test_it_marks_the_demo_runners_time_zone_as_chosen():
    seed()

    profile = Profile.objects.get(user__username="demo")
    assert (profile.time_zone, profile.time_zone_chosen) == ("Europe/London", True)


@pytest.mark.django_db
def test_it_sets_the_password_it_is_given():
    output = seed(extra=("--password", "another-long-passphrase"))

    assert "another-long-passphrase" in output
    assert get_user_model().objects.get(username="demo").check_password("another-long-passphrase")


@pytest.mark.django_db
def test_it_takes_a_number_of_days_instead_of_years():
    seed(span=("--days", "30"))

    first = Session.objects.filter(user__username="demo").earliest("date").date
    assert first >= END - timedelta(days=29)
    assert Profile.objects.get(user__username="demo").started_running == END - timedelta(days=29)


@pytest.mark.django_db
def test_it_refuses_an_end_in_the_future():
    with pytest.raises(CommandError, match="future"):
        seed(end=date.today() + timedelta(days=2))

    assert not get_user_model().objects.filter(username="demo").exists()


@pytest.mark.django_db
def test_it_seeds_ten_years_in_bulk(django_assert_max_num_queries):
    # Row-by-row saves would take one query a row; bulk inserts take a few hundred.
    with django_assert_max_num_queries(300):
        output = seed(span=("--years", "10"))

    assert "sessions" in output
    start = END - timedelta(days=3652 - 1)
    runs = runs_of("demo")
    assert 2000 <= len(runs) <= 3200
    assert_three_to_six_runs_a_week("demo", start, END)
    shoes = Shoe.objects.filter(user__username="demo")
    assert shoes.count() == 3
    retired = shoes.get(retired__isnull=False)
    retired_km = sum(float(run.distance_km) for run in runs if run.shoe_id == retired.pk)
    assert 690 <= retired_km <= 750
    soreness = Soreness.objects.filter(user__username="demo")
    assert soreness.count() >= 1000
    # Serious-looking check-ins stay rare over the whole history.
    assert soreness.filter(kind="sharp").count() <= 1
    assert soreness.filter(at_night=True).count() <= 1
    assert soreness.filter(severity__gte=7).count() == 0
    assert longest_sore_span("demo") > 5
