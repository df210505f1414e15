"""The report for a clinician, built for the demo runner's calf episode and checked
against the database row by row (plain Python sums of the rows, not the report's
SQL), and its queries counted."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from advice.rules import PAIN_MIN
from tracker import flagging
from tracker.dates import format_day
from tracker.models import Activity, Profile, Session, Shoe, Soreness
from tracker.report.build import DAYS_BEFORE, build_report
from tracker.report.scope import PAIN_RULES, ReportForm, Scope, areas_of, query_for_flag
from tracker.report.text import document
from tracker.units import format_distance

pytestmark = pytest.mark.django_db

# seed_demo's planner (tracker/demo) with seed 7 over these 120 days gives the
# runner a right calf that hurts from 11 Feb 2026 for eight days, then a 0/10.
END = date(2026, 3, 1)
TODAY = END + timedelta(days=2)


@pytest.fixture
def demo() -> Profile:
    call_command(
        "seed_demo", "--user", "demo", "--days", "120", "--seed", "7", "--end", END.isoformat()
    )
    return Profile.objects.select_related("user").get(user__username="demo")


def _calf_flag(profile: Profile):
    flagging.stored(profile=profile, today=TODAY)
    flags = flagging.evaluated(profile=profile, today=TODAY)
    persisting = [f for f in flags if f.rule == "pain-persisting" and "calf" in f.subject]
    assert persisting, [f.subject for f in flags]
    return persisting[-1]


def _km(value) -> float:
    return float(value or 0)


def test_the_calf_episode_report_matches_the_database(demo) -> None:
    flag = _calf_flag(demo)
    assert areas_of(flag) == ("calf",)
    form = ReportForm(QueryDict(query_for_flag(flag)), today=TODAY)
    scope = form.scope()
    assert scope == Scope(areas=("calf",), start=flag.start, end=TODAY)
    report = build_report(profile=demo, scope=scope, today=TODAY)
    user = demo.user_id

    # The pain timeline: every calf check-in from the flag's first day (the 0s too)
    # and every session that gave calf pain.
    checkins = Soreness.objects.filter(user_id=user, area="calf", date__gte=flag.start)
    runs_in_pain = Session.objects.filter(user_id=user, pain_area="calf", date__gte=flag.start)
    assert len(report.pain) == checkins.count() + runs_in_pain.count()
    assert sorted(
        (p.day, p.side, p.severity) for p in report.pain if p.session_id is None
    ) == sorted(checkins.values_list("date", "side", "severity"))
    pain_days = [
        *checkins.filter(severity__gte=PAIN_MIN).values_list("date", flat=True),
        *runs_in_pain.filter(pain__gte=PAIN_MIN).values_list("date", flat=True),
    ]
    first_pain = min(pain_days)
    assert report.pain_began == first_pain == date(2026, 2, 11)
    worst = max(
        [*checkins.values_list("severity", flat=True), *runs_in_pain.values_list("pain", flat=True)]
    )
    assert report.worst == worst == 6  # a run's own pain; the check-ins peak at 5
    assert report.pain[-1].severity == 0  # the check-in that closed it

    # The training: four weeks before the pain began, and since, from the rows.
    assert report.training_from == first_pain - timedelta(days=DAYS_BEFORE)
    rows = list(
        Session.objects.filter(user_id=user, date__gte=report.training_from, date__lte=TODAY)
    )
    for part, inside in (
        (report.before, lambda s: s.date < first_pain),
        (report.since, lambda s: s.date >= first_pain),
    ):
        mine = [s for s in rows if inside(s)]
        runs = [s for s in mine if s.activity == Activity.RUN]
        assert part.runs == len(runs)
        assert part.run_km == pytest.approx(sum(_km(s.distance_km) for s in runs))
        assert part.minutes == pytest.approx(sum(_km(s.duration_min) for s in mine))
        assert part.rest_days == part.days - len({s.date for s in mine})
        assert part.longest_km == pytest.approx(max(_km(s.distance_km) for s in runs))
    assert report.before.days == DAYS_BEFORE
    assert report.before.runs > 0 and report.before.run_km > 0

    # Each week, summed by hand; the weeks cover the window with nothing twice.
    by_week: dict[date, list[Session]] = defaultdict(list)
    for week in report.weeks:
        for s in rows:
            if week.first <= s.date <= week.first + timedelta(days=6):
                by_week[week.first].append(s)
    for week in report.weeks:
        runs = [s for s in by_week[week.first] if s.activity == Activity.RUN]
        assert week.first.weekday() == demo.week_start
        assert week.runs == len(runs)
        assert week.run_km == pytest.approx(sum(_km(s.distance_km) for s in runs))
        assert week.rest_days == week.days - len({s.date for s in by_week[week.first]})
    assert sum(w.days for w in report.weeks) == (TODAY - report.training_from).days + 1
    assert sum(w.run_km for w in report.weeks) == pytest.approx(
        report.before.run_km + report.since.run_km
    )

    # Surfaces and shoes.
    surface_km: dict[str, float] = defaultdict(float)
    for s in rows:
        if s.activity == Activity.RUN and s.date < first_pain:
            surface_km[s.get_surface_display() if s.surface else "Not recorded"] += _km(
                s.distance_km
            )
    assert {line.surface: line.before_km for line in report.surfaces if line.before_km} == (
        pytest.approx(dict(surface_km))
    )
    for line in report.shoes:
        shoe = Shoe.objects.get(user_id=user, name=line.name)
        total = sum(_km(s.distance_km) for s in shoe.sessions.filter(date__lte=TODAY))
        assert line.total_km == pytest.approx(total)
        since = sum(
            _km(s.distance_km) for s in rows if s.shoe_id == shoe.pk and s.date >= first_pain
        )
        assert line.since_km == pytest.approx(since)

    # The flags: the calf's own, and no pain flag of another area.
    assert flag in report.flags
    assert all(f.rule not in PAIN_RULES or "calf" in areas_of(f) for f in report.flags), [
        f.subject for f in report.flags
    ]


def test_the_document_words_it_in_the_runners_units(demo) -> None:
    flag = _calf_flag(demo)
    scope = Scope(areas=("calf",), start=flag.start, end=TODAY)
    for units in ("km", "mi"):
        demo.units = units
        report = build_report(profile=demo, scope=scope, today=TODAY)
        doc = document(report)
        text = _all_text(doc)
        assert "Not medical advice" in doc.disclaimer and "clinician" in doc.disclaimer
        assert f"The pain began on {format_day(report.pain_began)}" in text
        assert format_distance(report.before.run_km / 4, units) in text  # per week before
        assert flag.source.quote in text and flag.source.title in text
        assert flag.evidence in text and str(flag.grade) in text
        assert re.search(r"Rest days \(no session of any kind\): \d+ of the 28 days before", text)
    assert "mi" in _all_text(doc).split()  # the last one was in miles


def _all_text(doc) -> str:
    parts = [doc.title, doc.disclaimer, *(f"{k}: {v}" for k, v in doc.facts)]
    for section in doc.sections:
        parts += [section.heading, *section.paragraphs, *section.items]
        for table in section.tables:
            parts += [table.caption, *table.headings, *(cell for row in table.rows for cell in row)]
        for flag in section.flags:
            parts += [flag.title, flag.detail, flag.advice, flag.quote, flag.document_title]
            parts += [flag.evidence, flag.grade]
    return "\n".join(parts)


def test_the_form_reads_several_areas_and_refuses_bad_days() -> None:
    today = date(2026, 3, 1)
    form = ReportForm(QueryDict("area=shin&area=calf&start=2026-02-01"), today=today)
    assert form.scope() == Scope(areas=("calf", "shin"), start=date(2026, 2, 1), end=today)
    for query in (
        "start=2026-02-10&end=2026-02-01",  # backwards
        "start=2024-01-01",  # more than a year
        "end=2026-03-02",  # after today
        "start=1899-12-31&end=1900-01-02",
        "start=not-a-date",
        "area=elbow",
    ):
        assert ReportForm(QueryDict(query), today=today).scope() is None, query
    assert ReportForm(today=today).scope() == Scope(
        areas=(), start=today - timedelta(days=27), end=today
    )


def test_an_area_alone_reports_its_latest_episode(demo) -> None:
    report = build_report(profile=demo, scope=Scope(("calf",), None, TODAY), today=TODAY)
    assert report.start == report.pain_began == date(2026, 2, 11)


def test_a_runner_without_pain_gets_a_report_that_says_so(runner) -> None:
    profile = Profile.objects.get(user=runner)
    report = build_report(profile=profile, scope=Scope((), None, TODAY), today=TODAY)
    assert report.pain == [] and report.pain_began is None and report.flags == []
    text = _all_text(document(report))
    assert "No pain was reported" in text and "Nothing was flagged" in text


def test_its_queries_do_not_grow_with_the_history_or_the_range(demo) -> None:
    flagging.stored(profile=demo, today=TODAY)  # the flag store is current, as after any page

    def count(scope: Scope) -> int:
        with CaptureQueriesContext(connection) as queries:
            build_report(profile=demo, scope=scope, today=TODAY)
        return len(queries)

    short = count(Scope(("calf",), date(2026, 2, 20), TODAY))
    whole = count(Scope((), END - timedelta(days=119), TODAY))
    found = count(Scope(("calf",), None, TODAY))  # finding the episode is one more
    assert short == whole == found - 1 <= 10, (short, whole, found)


def test_every_column_width_has_its_print_rule(demo) -> None:
    css = (Path(__file__).parents[2] / "tracker/static/tracker/report.css").read_text()
    doc = document(build_report(profile=demo, scope=Scope((), None, TODAY), today=TODAY))
    widths = {w for s in doc.sections for t in s.tables for w in t.widths}
    assert widths and all(f".rw-{w} {{ width: {w}%; }}" in css for w in widths), widths
    for section in doc.sections:
        for table in section.tables:
            assert sum(table.widths) == 100, table.caption


def test_a_session_with_pain_is_in_the_timeline_with_its_notes(
    runner, make_session, make_soreness
) -> None:
    profile = Profile.objects.get(user=runner)
    make_soreness(runner, date=date(2026, 2, 2), area="knee", side="left", severity=3)
    make_session(
        runner,
        date=date(2026, 2, 3),
        distance_km=Decimal("8.2"),
        pain=4,
        pain_area="knee",
        pain_side="left",
        notes="Knee twinged on the hill",
    )
    make_session(runner, date=date(2026, 2, 3), distance_km=Decimal(5), pain=3, pain_area="calf")
    report = build_report(
        profile=profile, scope=Scope(("knee",), date(2026, 2, 1), TODAY), today=TODAY
    )
    assert [(p.day, p.severity, p.session) for p in report.pain] == [
        (date(2026, 2, 2), 3, ""),
        (date(2026, 2, 3), 4, "Run"),
    ]
    assert report.pain[1].notes == "Knee twinged on the hill"
    assert report.pain[1].session_km == pytest.approx(8.2)
    hidden = build_report(
        profile=profile,
        scope=Scope(("knee",), date(2026, 2, 1), TODAY, notes=False),
        today=TODAY,
    )
    assert all(p.notes == "" for p in hidden.pain)


def test_the_weekly_overuse_answers_of_the_areas_are_in_the_report(runner, make_soreness) -> None:
    from tracker.wellness_models import OstrcResponse

    profile = Profile.objects.get(user=runner)
    make_soreness(runner, date=date(2026, 2, 20), area="calf", side="left", severity=4)
    week = date(2026, 2, 22)
    OstrcResponse.objects.create(
        user=runner,
        week=week,
        area="calf",
        participation=2,
        modification=2,
        performance=1,
        symptoms=2,
    )
    OstrcResponse.objects.create(
        user=runner,
        week=week,
        area="knee",
        participation=1,
        modification=0,
        performance=0,
        symptoms=1,
    )
    report = build_report(profile=profile, scope=Scope(("calf",), None, TODAY), today=TODAY)
    assert [(line.week, line.area, line.score.severity) for line in report.ostrc] == [
        (week, "calf", 17 + 13 + 6 + 17)
    ]
    ostrc = next(s for s in document(report).sections if s.key == "ostrc")
    assert ostrc.tables[0].rows == [
        (format_day(week), "Calf", "17", "13", "6", "17", "53/100, substantial")
    ]
    assert "OSTRC-O2" in ostrc.heading and "Clarsen" in ostrc.paragraphs[0]
    # Without answers the section is left out.
    none = build_report(
        profile=profile, scope=Scope(("knee",), None, date(2026, 2, 1)), today=TODAY
    )
    assert "ostrc" not in [s.key for s in document(none).sections]
