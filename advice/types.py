"""What goes into the rules and what comes out: frozen dataclasses, nothing else.

The rules never see a database row. ``tracker.selectors`` turns rows into these
records; ``advice.evaluate(history, today)`` turns them into ``Flag``s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .wording import KM_PER_MILE as KM_PER_MILE
from .wording import readable_dates


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        """Higher is more serious; used to put urgent flags first."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.URGENT: 2}


class Grade(StrEnum):
    """How far research backs a rule (see EVIDENCE.md)."""

    SUPPORTED = "supported"
    MIXED = "mixed"
    DOCUMENTS_ONLY = "documents only"


@dataclass(frozen=True, slots=True)
class Source:
    """A sentence quoted verbatim from one of the two seed documents."""

    document: str  # file name, e.g. "003_71d7c04d76774aa5.txt"
    quote: str
    # The document's title as a reader knows it (advice.sources.DOCUMENT_TITLES);
    # not part of a source's identity, and not in the JSON contract.
    title: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One training session. Distances in km; ``None`` means "not recorded"."""

    id: int | None
    date: date  # the runner's local date
    activity: str  # run walk cycle jump_rope strength other
    distance_km: float | None = None
    duration_min: float | None = None
    surface: str | None = None
    terrain: str | None = None
    shoe_id: int | None = None
    warmup_min: int | None = None
    cooldown_min: int | None = None
    fast_pct: int | None = None
    rpe: int | None = None
    stopped: bool | None = None
    pain: int | None = None
    pain_area: str | None = None
    pain_side: str | None = None
    race: bool | None = None  # a race: recovery advice rather than "build up gradually"


@dataclass(frozen=True, slots=True)
class SorenessRecord:
    """One soreness check-in for one area and side."""

    id: int | None
    date: date
    area: str
    side: str  # left right both
    severity: int  # 0-10; 0 = that area no longer hurts
    kind: str | None = None
    swelling: bool | None = None
    at_night: bool | None = None


@dataclass(frozen=True, slots=True)
class ShoeRecord:
    """A pair of shoes.

    ``km_before`` and ``first_session`` summarise sessions that are not in the
    history's window (see ``History.since``) so that wear and age stay right
    when only recent sessions are loaded.
    """

    id: int
    name: str
    kind: str  # running trail racing casual
    limit_km: float
    first_used: date | None = None
    retired: date | None = None
    km_before: float = 0.0  # distance on this pair from sessions dated before History.since
    first_session: date | None = None  # earliest session in this pair, window or not


@dataclass(frozen=True, slots=True)
class WellnessRecord:
    """One day's wellness check (Hooper & Mackinnon 1995), each item 1-7, 7 the worst."""

    date: date
    sleep: int  # sleep quality: 1 very, very good ... 7 very, very bad
    fatigue: int  # 1 very, very low ... 7 very, very high
    stress: int
    soreness: int  # general muscle soreness, not one area's pain

    @property
    def index(self) -> int:
        """The Hooper index: the sum of the four items, 4-28."""
        return self.sleep + self.fatigue + self.stress + self.soreness


@dataclass(frozen=True, slots=True)
class OstrcRecord:
    """One area's OSTRC-O2 answers for the week that starts on ``week``.

    Each answer is the index of the option chosen (0 = the first, "no problem",
    option); ``advice.instruments`` scores them.
    """

    week: date  # the first day of the runner's week the answers cover (the 7 days before)
    area: str
    participation: int  # Q1, 0-3
    modification: int  # Q2, 0-4
    performance: int  # Q3, 0-4
    symptoms: int  # Q4, 0-3


@dataclass(frozen=True, slots=True)
class History:
    """A runner's log up to some day, sorted by date (oldest first).

    ``since`` marks a window: when set, ``sessions`` and ``soreness`` hold only
    rows dated on or after it, and the fields below summarise what came before.
    Flags that end at least ``LOOKBACK_DAYS`` after ``since`` are then the same
    as with the full history.
    """

    sessions: tuple[SessionRecord, ...] = ()
    soreness: tuple[SorenessRecord, ...] = ()
    shoes: tuple[ShoeRecord, ...] = ()
    units: str = "km"  # "km" or "mi": the units the detail text uses
    week_start: int = 0  # 0 = Monday ... 6 = Sunday
    started_running: date | None = None  # from the runner's profile
    since: date | None = None
    first_session: date | None = None  # the runner's first session ever (None: derive)
    last_run_before: date | None = None  # the last run dated before ``since``
    wellness: tuple[WellnessRecord, ...] = ()  # the daily wellness checks, by date
    ostrc: tuple[OstrcRecord, ...] = ()  # the weekly OSTRC-O2 answers, by week


@dataclass(frozen=True, slots=True)
class Flag:
    """A pattern the documents warn about, as seen in one runner's log."""

    rule: str  # stable kebab-case id, e.g. "pain-persisting"
    severity: Severity
    start: date
    end: date
    subject: str  # "calf left", a shoe's name, "week of 2026-11-16"
    title: str
    detail: str  # the runner's own numbers, in the runner's units
    advice: str
    source: Source
    evidence: str  # one line on what research says
    grade: Grade
    session_ids: tuple[int, ...] = ()  # the sessions whose data raised it
    # The day the pattern ended for good: a pain flag's area reported below 2, a
    # shoe flag's pair retired. A resolved flag is no longer active.
    resolved: date | None = None

    @property
    def key(self) -> str:
        """Identifies this flag for "mark as seen": new data gives a new key.

        Resolving a flag does not change its key: it is the same flag, ended.
        """
        return f"{self.rule}|{self.subject}|{self.start.isoformat()}|{self.end.isoformat()}"

    @property
    def subject_text(self) -> str:
        """The subject as pages show it: dates as people write them ("week of
        16 Nov 2026"), and nothing when the subject is just the flag's first day,
        which the page shows anyway."""
        if self.subject == self.start.isoformat():
            return ""
        return readable_dates(self.subject)

    def is_active(self, today: date, days: int) -> bool:
        """Ends in the ``days`` days up to and including ``today``, not resolved by then."""
        first = today.toordinal() - days
        return first < self.end.toordinal() <= today.toordinal() and (
            self.resolved is None or self.resolved > today
        )

    def to_json(self) -> dict[str, object]:
        """The item format of ``manage.py flags --format json`` (CONTRACT.md)."""
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "subject": self.subject,
            "title": self.title,
            "detail": self.detail,
            "advice": self.advice,
            "source": {"document": self.source.document, "quote": self.source.quote},
            "resolved": self.resolved.isoformat() if self.resolved else None,
        }
