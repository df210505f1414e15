"""The report as a document: sections of plain sentences and tables of text, in the
runner's units and with dates as people write them.

The page (templates/tracker/_report.html) and the PDF (tracker/report/pdf.py) both
render this one ``Document``, so they say the same thing in the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from advice.rules import PAIN_MIN
from advice.types import Flag
from tracker.dates import format_day, format_span
from tracker.report.build import PainEntry, Part, Report
from tracker.templatetags.stride import hours
from tracker.units import format_distance, format_whole_distance

DISCLAIMER = (
    "Not medical advice. Stridewise made this from what the runner logged; it is for "
    "discussion with your clinician, who should judge the pain itself."
)
# A surface whose share of the running moved by this many points or more is named
# among the changes; smaller moves are the week-to-week noise of where one runs.
SURFACE_SHIFT = 0.10
# Per-week running within this share of before reads "about the same".
SAME_VOLUME = 0.10

# How a section words a distance: in the runner's units (see ``document``).
DistanceText = Callable[[float | None], str]


@dataclass(frozen=True)
class Table:
    caption: str
    headings: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    widths: tuple[int, ...]  # relative column widths (the PDF's; the page's CSS follows)
    numeric: frozenset[int] = frozenset()  # columns aligned right


@dataclass(frozen=True)
class FlagText:
    severity: str
    title: str
    when: str
    detail: str
    advice: str
    quote: str
    document: str
    document_title: str
    evidence: str
    grade: str


@dataclass(frozen=True)
class Section:
    key: str  # the section's id on the page
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    flags: list[FlagText] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # a bulleted list


@dataclass(frozen=True)
class Document:
    title: str
    facts: list[tuple[str, str]]  # (label, value) lines under the title
    disclaimer: str
    sections: list[Section]
    filename: str


def document(report: Report) -> Document:
    units = report.units

    def dist(km: float | None) -> str:
        return format_distance(km, units) if km is not None else "—"

    areas = report.scope.area_labels
    facts = [
        ("Runner", report.runner),
        ("Areas", areas[0].upper() + areas[1:]),
        ("Pain reports", format_span(report.start, report.end)),
        ("Training", format_span(report.training_from, report.end)),
        ("Distances in", "miles" if units == "mi" else "kilometres"),
        ("Made on", format_day(report.today)),
    ]
    sections = [
        _timeline(report, dist),
        *([_ostrc(report)] if report.ostrc else []),
        _training(report, dist),
        _flagged(report),
        _changes(report, dist),
    ]
    return Document(
        title="Pain and training report",
        facts=facts,
        disclaimer=DISCLAIMER,
        sections=sections,
        filename=f"stridewise-report-{report.start.isoformat()}-{report.end.isoformat()}.pdf",
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _pain_text(entry: PainEntry) -> str:
    words = ["no pain"] if entry.severity == 0 else [f"{entry.severity}/10"]
    if entry.kind_label:
        words.append(entry.kind_label.lower())
    if entry.swelling is not None:
        words.append("swelling" if entry.swelling else "no swelling")
    if entry.at_night is not None:
        words.append("at night" if entry.at_night else "not at night")
    return ", ".join(words)


def _timeline(report: Report, dist: DistanceText) -> Section:
    rows = []
    for entry in report.pain:
        if entry.session_id is None:
            source = "Check-in"
        else:
            km = f", {dist(entry.session_km)}" if entry.session_km is not None else ""
            source = f"During a session: {entry.session.lower()}{km}"
        rows.append(
            (
                format_day(entry.day, weekday=True),
                entry.where,
                source,
                _pain_text(entry),
                entry.notes,
            )
        )
    paragraphs = []
    if not report.pain:
        paragraphs.append("No pain was reported for these areas in these days.")
    else:
        days = len({entry.day for entry in report.pain})
        last = report.pain[-1]
        paragraphs.append(
            f"{_count(len(report.pain), 'report')} on {_count(days, 'day')}, "
            f"the worst {report.worst}/10. "
            f"The last, on {format_day(last.day)}: {_pain_text(last)}."
        )
        if report.pain_began:
            paragraphs.append(
                f"The pain began on {format_day(report.pain_began)} (the first report of "
                f"{PAIN_MIN}/10 or more; 0-1 is read as no real pain)."
            )
    table = Table(
        caption="Every report of pain, oldest first: check-ins and sessions' own pain.",
        headings=("Date", "Where", "Reported in", "Pain", "Notes"),
        rows=rows,
        widths=(15, 14, 20, 22, 29),
    )
    return Section("pain", "Pain timeline", paragraphs, [table] if rows else [])


def _ostrc(report: Report) -> Section:
    """The weekly OSTRC-O2 answers: each question's points and the severity score."""
    rows = []
    for line in report.ostrc:
        score = line.score
        rows.append(
            (
                format_day(line.week),
                line.area_label,
                *(str(points) for points in score.points),
                f"{score.severity}/100" + (", substantial" if score.substantial else ""),
            )
        )
    substantial = sum(1 for line in report.ostrc if line.score.substantial)
    paragraphs = [
        "The runner's weekly answers to the OSTRC questionnaire on overuse problems "
        "(OSTRC-O2: Clarsen et al., Br J Sports Med 2013 and 2020), each about the 7 days "
        "before the date. Points: participation 0/8/17/25, training modified and "
        "performance 0/6/13/19/25, pain 0/8/17/25; severity is their sum (0-100).",
        f"{_count(len(report.ostrc), 'week')} answered; {substantial} a substantial problem "
        "(training or performance reduced to a moderate extent or more, or no participation).",
    ]
    table = Table(
        caption="OSTRC-O2 answers by week and area: each question's points and the severity.",
        headings=(
            "Week to",
            "Area",
            "Participation",
            "Training",
            "Performance",
            "Pain",
            "Severity",
        ),
        rows=rows,
        widths=(15, 13, 14, 14, 14, 10, 20),
        numeric=frozenset({2, 3, 4, 5}),
    )
    return Section("ostrc", "Overuse questionnaire (OSTRC-O2)", paragraphs, [table])


def _training(report: Report, dist: DistanceText) -> Section:
    week_rows = [
        (
            format_day(week.first) + (f" ({week.days} days)" if week.days < 7 else ""),
            str(week.runs),
            dist(week.run_km),
            hours(week.minutes),
            dist(week.longest_km),
            str(week.rest_days),
        )
        for week in report.weeks
    ]
    weeks = Table(
        caption="Each week: runs, running distance, time of all sessions, the longest run "
        "and the days with no session at all.",
        headings=("Week of", "Runs", "Running", "Time", "Longest run", "Rest days"),
        rows=week_rows,
        widths=(26, 10, 17, 17, 17, 13),
        numeric=frozenset({1, 2, 3, 4, 5}),
    )
    when = _split_words(report)
    surfaces = Table(
        caption=f"Running distance on each surface, before and since {when}.",
        headings=("Surface", "4 weeks before", "Since"),
        rows=[(s.surface, dist(s.before_km), dist(s.since_km)) for s in report.surfaces],
        widths=(40, 30, 30),
        numeric=frozenset({1, 2}),
    )
    shoes = Table(
        caption="The shoes of these weeks: distance before and since, and in all.",
        headings=("Shoe", "4 weeks before", "Since", "In all (limit)", "In use"),
        rows=[
            (
                f"{s.name} ({s.kind.lower()})",
                dist(s.before_km),
                dist(s.since_km),
                f"{dist(s.total_km)} ({format_whole_distance(s.limit_km, report.units)})",
                _in_use(s.first_used, s.retired),
            )
            for s in report.shoes
        ],
        widths=(28, 16, 14, 22, 20),
        numeric=frozenset({1, 2, 3}),
    )
    paragraphs = [
        f"From {format_day(report.training_from)}, four weeks before {when}, "
        f"to {format_day(report.end)}."
    ]
    tables = [weeks, *(t for t in (surfaces, shoes) if t.rows)]
    return Section("training", "Training", paragraphs, tables)


def _in_use(first: date | None, retired: date | None) -> str:
    if retired:
        return f"retired {format_day(retired)}"
    return f"since {format_day(first)}" if first else "yes"


def _split_words(report: Report) -> str:
    return "the pain began" if report.pain_began else "the first day of the report"


def _flag_text(flag: Flag) -> FlagText:
    title = flag.title + (f" ({flag.subject_text})" if flag.subject_text else "")
    return FlagText(
        severity=str(flag.severity),
        title=title,
        when=format_span(flag.start, flag.end)
        + (f"; resolved {format_day(flag.resolved)}" if flag.resolved else ""),
        detail=flag.detail,
        advice=flag.advice,
        quote=flag.source.quote,
        document=flag.source.document,
        document_title=flag.source.title,
        evidence=flag.evidence,
        grade=str(flag.grade),
    )


def _flagged(report: Report) -> Section:
    paragraphs = [
        "Stridewise compares the log with what two articles on running pain advise; each "
        "warning quotes the sentence it rests on and says how far research supports it."
    ]
    if not report.flags:
        paragraphs.append("Nothing was flagged in these weeks.")
    return Section(
        "flags", "What Stridewise flagged", paragraphs, flags=[_flag_text(f) for f in report.flags]
    )


def _changes(report: Report, dist: DistanceText) -> Section:
    before, since = report.before, report.since
    when = _split_words(report)
    items = [_volume(before, since, dist)]
    items.append(
        f"Rest days (no session of any kind): {before.rest_days} of the {before.days} days "
        f"before, {since.rest_days} of the {since.days} days since."
    )
    if report.pain_began:
        if since.first_run:
            gap = (since.first_run - report.pain_began).days
            items.append(
                f"First run after the pain began: {format_day(since.first_run)}, "
                f"{_count(gap, 'day')} later."
            )
        else:
            items.append("No run since the day the pain began.")
    items.append(f"Longest run: {dist(before.longest_km)} before, {dist(since.longest_km)} since.")
    items.extend(_surface_changes(report))
    for shoe in report.shoes:
        if shoe.retired and shoe.retired >= report.split:
            items.append(
                f"Retired {shoe.name} on {format_day(shoe.retired)}, after {dist(shoe.total_km)}."
            )
        elif shoe.first_used and shoe.first_used >= report.split:
            items.append(f"Started running in {shoe.name} on {format_day(shoe.first_used)}.")
    paragraphs = [f"The four weeks before {when} against the days since, from the log."]
    return Section("changes", "What the runner did", paragraphs, items=items)


def _volume(before: Part, since: Part, dist: DistanceText) -> str:
    text = (
        f"Running per week: {dist(before.km_per_week)} in the four weeks before "
        f"({_count(before.runs, 'run')}), {dist(since.km_per_week)} since "
        f"({_count(since.runs, 'run')} in {_count(since.days, 'day')})"
    )
    if before.km_per_week > 0 and since.days:
        change = since.km_per_week / before.km_per_week - 1
        if abs(change) < SAME_VOLUME:
            text += ": about the same"
        else:
            text += f": {'down' if change < 0 else 'up'} {abs(change):.0%}"
    return text + "."


def _surface_changes(report: Report) -> list[str]:
    before = sum(s.before_km for s in report.surfaces)
    since = sum(s.since_km for s in report.surfaces)
    if not before or not since:
        return []
    lines = []
    for line in report.surfaces:
        share_before, share_since = line.before_km / before, line.since_km / since
        if abs(share_since - share_before) >= SURFACE_SHIFT:
            lines.append(
                f"{line.surface}: {share_before:.0%} of the running before, "
                f"{share_since:.0%} since."
            )
    return lines or ["Surfaces: about the same mix before and since."]
