"""The report as a document: sections of plain sentences and tables of text, in the
runner's units and with dates as people write them.

The page (templates/tracker/_report.html) and the PDF (tracker/report/pdf.py) both
render this one ``Document``, so they say the same thing in the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from advice.rules import PAIN_MIN
from advice.types import Flag
from tracker.dates import format_day, format_span
from tracker.i18n import translated
from tracker.labels import grade_label, severity_label
from tracker.report.build import PainEntry, Part, Report
from tracker.templatetags.stride import hours, quote_translation
from tracker.units import format_distance, format_whole_distance

# The report is written in the language active when it is made (the runner's, or a
# share viewer's): every sentence below goes through gettext at ``document()`` time.
DISCLAIMER = gettext_lazy(
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
    severity: str  # the code, for the page's colours
    severity_label: str
    title: str
    when: str
    detail: str
    advice: str
    quote: str  # as the documents have it (English)
    quote_translation: str  # its rendering in the active language, "" in English
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
        (_("Runner"), report.runner),
        (_("Areas"), areas[0].upper() + areas[1:]),
        (_("Pain reports"), format_span(report.start, report.end)),
        (_("Training"), format_span(report.training_from, report.end)),
        (_("Distances in"), _("miles") if units == "mi" else _("kilometres")),
        (_("Made on"), format_day(report.today)),
    ]
    sections = [
        _timeline(report, dist),
        *([_ostrc(report)] if report.ostrc else []),
        _training(report, dist),
        _flagged(report),
        _changes(report, dist),
    ]
    return Document(
        title=_("Pain and training report"),
        facts=facts,
        disclaimer=str(DISCLAIMER),
        sections=sections,
        filename=f"stridewise-report-{report.start.isoformat()}-{report.end.isoformat()}.pdf",
    )


def _pain_text(entry: PainEntry) -> str:
    words = [_("no pain")] if entry.severity == 0 else [f"{entry.severity}/10"]
    if entry.kind_label:
        words.append(entry.kind_label.lower())
    if entry.swelling is not None:
        words.append(_("swelling") if entry.swelling else _("no swelling"))
    if entry.at_night is not None:
        words.append(_("at night") if entry.at_night else _("not at night"))
    return ", ".join(words)


def _timeline(report: Report, dist: DistanceText) -> Section:
    rows = []
    for entry in report.pain:
        if entry.session_id is None:
            source = _("Check-in")
        else:
            km = f", {dist(entry.session_km)}" if entry.session_km is not None else ""
            source = _("During a session: %(session)s") % {"session": entry.session.lower() + km}
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
        paragraphs.append(_("No pain was reported for these areas in these days."))
    else:
        days = len({entry.day for entry in report.pain})
        last = report.pain[-1]
        reports = ngettext("%(count)d report", "%(count)d reports", len(report.pain)) % {
            "count": len(report.pain)
        }
        on_days = ngettext("on %(count)d day", "on %(count)d days", days) % {"count": days}
        paragraphs.append(
            _("%(reports)s %(days)s, the worst %(worst)s/10. The last, on %(last)s: %(pain)s.")
            % {
                "reports": reports,
                "days": on_days,
                "worst": report.worst,
                "last": format_day(last.day),
                "pain": _pain_text(last),
            }
        )
        if report.pain_began:
            paragraphs.append(
                _(
                    "The pain began on %(day)s (the first report of %(min)s/10 or more; "
                    "0-1 is read as no real pain)."
                )
                % {"day": format_day(report.pain_began), "min": PAIN_MIN}
            )
    table = Table(
        caption=_("Every report of pain, oldest first: check-ins and sessions' own pain."),
        headings=(_("Date"), _("Where"), _("Reported in"), _("Pain"), _("Notes")),
        rows=rows,
        widths=(15, 14, 20, 22, 29),
    )
    return Section("pain", _("Pain timeline"), paragraphs, [table] if rows else [])


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
                f"{score.severity}/100" + (", " + _("substantial") if score.substantial else ""),
            )
        )
    substantial = sum(1 for line in report.ostrc if line.score.substantial)
    paragraphs = [
        _(
            "The runner's weekly answers to the OSTRC questionnaire on overuse problems "
            "(OSTRC-O2: Clarsen et al., Br J Sports Med 2013 and 2020), each about the 7 days "
            "before the date. Points: participation 0/8/17/25, training modified and "
            "performance 0/6/13/19/25, pain 0/8/17/25; severity is their sum (0-100)."
        ),
        ngettext(
            "%(count)d week answered; %(substantial)d a substantial problem (training or "
            "performance reduced to a moderate extent or more, or no participation).",
            "%(count)d weeks answered; %(substantial)d a substantial problem (training or "
            "performance reduced to a moderate extent or more, or no participation).",
            len(report.ostrc),
        )
        % {"count": len(report.ostrc), "substantial": substantial},
    ]
    table = Table(
        caption=_("OSTRC-O2 answers by week and area: each question's points and the severity."),
        headings=(
            _("Week to"),
            _("Area"),
            _("Participation"),
            _("Training"),
            _("Performance"),
            _("Pain"),
            _("Severity"),
        ),
        rows=rows,
        widths=(15, 13, 14, 14, 14, 10, 20),
        numeric=frozenset({2, 3, 4, 5}),
    )
    return Section("ostrc", _("Overuse questionnaire (OSTRC-O2)"), paragraphs, [table])


def _training(report: Report, dist: DistanceText) -> Section:
    week_rows = [
        (
            format_day(week.first)
            + (
                " ("
                + ngettext("%(count)d day", "%(count)d days", week.days) % {"count": week.days}
                + ")"
                if week.days < 7
                else ""
            ),
            str(week.runs),
            dist(week.run_km),
            hours(week.minutes),
            dist(week.longest_km),
            str(week.rest_days),
        )
        for week in report.weeks
    ]
    weeks = Table(
        caption=_(
            "Each week: runs, running distance, time of all sessions, the longest run "
            "and the days with no session at all."
        ),
        headings=(
            _("Week of"),
            _("Runs"),
            pgettext("report column", "Running"),
            _("Time"),
            _("Longest run"),
            _("Rest days"),
        ),
        rows=week_rows,
        widths=(26, 10, 17, 17, 17, 13),
        numeric=frozenset({1, 2, 3, 4, 5}),
    )
    when = _split_words(report)
    surfaces = Table(
        caption=_("Running distance on each surface, before and since %(when)s.") % {"when": when},
        headings=(_("Surface"), _("4 weeks before"), _("Since")),
        rows=[(s.surface, dist(s.before_km), dist(s.since_km)) for s in report.surfaces],
        widths=(40, 30, 30),
        numeric=frozenset({1, 2}),
    )
    shoes = Table(
        caption=_("The shoes of these weeks: distance before and since, and in all."),
        headings=(_("Shoe"), _("4 weeks before"), _("Since"), _("In all (limit)"), _("In use")),
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
        _("From %(start)s, four weeks before %(when)s, to %(end)s.")
        % {"start": format_day(report.training_from), "when": when, "end": format_day(report.end)}
    ]
    tables = [weeks, *(t for t in (surfaces, shoes) if t.rows)]
    return Section("training", _("Training"), paragraphs, tables)


def _in_use(first: date | None, retired: date | None) -> str:
    if retired:
        return _("retired %(day)s") % {"day": format_day(retired)}
    return _("since %(day)s") % {"day": format_day(first)} if first else _("yes")


def _split_words(report: Report) -> str:
    return _("the pain began") if report.pain_began else _("the first day of the report")


def _flag_text(flag: Flag) -> FlagText:
    # The flag's Text (advice/i18n.py) in the active language, so the PDF reads as the page.
    subject = translated(flag.subject_text)
    title = translated(flag.title) + (f" ({subject})" if subject else "")
    resolved = _("resolved %(day)s") % {"day": format_day(flag.resolved)} if flag.resolved else ""
    return FlagText(
        severity=str(flag.severity),
        severity_label=severity_label(flag.severity),
        title=title,
        when=format_span(flag.start, flag.end) + (f"; {resolved}" if resolved else ""),
        detail=translated(flag.detail),
        advice=translated(flag.advice),
        quote=flag.source.quote,
        quote_translation=quote_translation(flag.source.quote),
        document=flag.source.document,
        document_title=translated(flag.source.title),
        evidence=translated(flag.evidence),
        grade=grade_label(flag.grade),
    )


def _flagged(report: Report) -> Section:
    paragraphs = [
        _(
            "Stridewise compares the log with what two articles on running pain advise; each "
            "warning quotes the sentence it rests on and says how far research supports it."
        )
    ]
    if not report.flags:
        paragraphs.append(_("Nothing was flagged in these weeks."))
    return Section(
        "flags",
        _("What Stridewise flagged"),
        paragraphs,
        flags=[_flag_text(f) for f in report.flags],
    )


def _changes(report: Report, dist: DistanceText) -> Section:
    before, since = report.before, report.since
    when = _split_words(report)
    items = [_volume(before, since, dist)]
    items.append(
        _(
            "Rest days (no session of any kind): %(before)d of the %(before_days)d days "
            "before, %(since)d of the %(since_days)d days since."
        )
        % {
            "before": before.rest_days,
            "before_days": before.days,
            "since": since.rest_days,
            "since_days": since.days,
        }
    )
    if report.pain_began:
        if since.first_run:
            gap = (since.first_run - report.pain_began).days
            items.append(
                ngettext(
                    "First run after the pain began: %(day)s, %(count)d day later.",
                    "First run after the pain began: %(day)s, %(count)d days later.",
                    gap,
                )
                % {"day": format_day(since.first_run), "count": gap}
            )
        else:
            items.append(_("No run since the day the pain began."))
    items.append(
        _("Longest run: %(before)s before, %(since)s since.")
        % {"before": dist(before.longest_km), "since": dist(since.longest_km)}
    )
    items.extend(_surface_changes(report))
    for shoe in report.shoes:
        if shoe.retired and shoe.retired >= report.split:
            items.append(
                _("Retired %(shoe)s on %(day)s, after %(distance)s.")
                % {
                    "shoe": shoe.name,
                    "day": format_day(shoe.retired),
                    "distance": dist(shoe.total_km),
                }
            )
        elif shoe.first_used and shoe.first_used >= report.split:
            items.append(
                _("Started running in %(shoe)s on %(day)s.")
                % {"shoe": shoe.name, "day": format_day(shoe.first_used)}
            )
    paragraphs = [
        _("The four weeks before %(when)s against the days since, from the log.") % {"when": when}
    ]
    return Section("changes", _("What the runner did"), paragraphs, items=items)


def _volume(before: Part, since: Part, dist: DistanceText) -> str:
    runs_before = ngettext("%(count)d run", "%(count)d runs", before.runs) % {"count": before.runs}
    runs_since = ngettext("%(count)d run", "%(count)d runs", since.runs) % {"count": since.runs}
    days_since = ngettext("%(count)d day", "%(count)d days", since.days) % {"count": since.days}
    text = _(
        "Running per week: %(before)s in the four weeks before (%(runs_before)s), "
        "%(since)s since (%(runs_since)s in %(days_since)s)"
    ) % {
        "before": dist(before.km_per_week),
        "runs_before": runs_before,
        "since": dist(since.km_per_week),
        "runs_since": runs_since,
        "days_since": days_since,
    }
    if before.km_per_week > 0 and since.days:
        change = since.km_per_week / before.km_per_week - 1
        if abs(change) < SAME_VOLUME:
            text += ": " + _("about the same")
        else:
            share = f"{abs(change):.0%}"
            text += ": " + (
                _("down %(share)s") % {"share": share}
                if change < 0
                else _("up %(share)s") % {"share": share}
            )
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
                _("%(surface)s: %(before)s of the running before, %(since)s since.")
                % {
                    "surface": line.surface,
                    "before": f"{share_before:.0%}",
                    "since": f"{share_since:.0%}",
                }
            )
    return lines or [_("Surfaces: about the same mix before and since.")]
