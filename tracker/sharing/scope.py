"""What a share lets its viewer see: one object the shared pages ask.

"Everything" is what the runner sees on their dashboard, calendar, warnings and
report, read-only. "Pain and load only" is the training load and the pain:

- load: distance and time (totals, the calendar, the report's weekly table), the
  load chart, and the warnings of the Load family (volume jumps, long-run and
  impact spikes, the load ratio, a return after a break, too much speed);
- pain: check-ins, the soreness chart and the warnings of the Pain family, and the
  weekly OSTRC-O2 overuse answers (their chart and their warning): a clinician's
  measure of the same pain.

It leaves out the daily wellness check (sleep and stress are not pain or load),
shoes, surfaces and habits: their charts, their warnings, the pain
patterns chart (which ties pain to shoes and surfaces) and the report's shoe and
surface tables. "Notes out" leaves out the runner's own words everywhere a viewer
can look: session notes and titles and check-in notes (the report treats a title
as the runner's words too, tracker.report.build).

The families and charts are named from their registries (advice.rules,
tracker.charts.registry), so a new rule or chart of those families follows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from advice.rules import CATALOGUE_BY_FAMILY
from advice.rules import load as load_rules
from advice.rules import pain as pain_rules
from advice.rules import wellness as wellness_rules
from advice.types import Flag
from tracker.charts import load as load_chart
from tracker.charts import ostrc as ostrc_chart
from tracker.charts import soreness as soreness_chart
from tracker.charts.registry import CHARTS, Entry
from tracker.flagging import RunnerFlag
from tracker.report.build import Report
from tracker.share_models import Share, ShareCovers

PAIN_LOAD_FAMILIES = frozenset({load_rules.FAMILY, pain_rules.FAMILY})
PAIN_LOAD_RULES = frozenset(
    info.rule
    for family, infos in CATALOGUE_BY_FAMILY
    if family in PAIN_LOAD_FAMILIES
    for info in infos
) | {wellness_rules.OSTRC_SUBSTANTIAL.rule}
PAIN_LOAD_CHARTS = frozenset(
    {load_chart.CHART.key, soreness_chart.CHART.key, ostrc_chart.CHART.key}
)


@dataclass(frozen=True)
class Visibility:
    """``everything`` False: pain and load only; ``notes`` False: no notes."""

    everything: bool = True
    notes: bool = True

    @classmethod
    def of(cls, share: Share) -> Visibility:
        return cls(everything=share.covers == ShareCovers.EVERYTHING, notes=share.notes)

    @property
    def charts(self) -> tuple[Entry, ...]:
        if self.everything:
            return CHARTS
        return tuple(entry for entry in CHARTS if entry.chart.key in PAIN_LOAD_CHARTS)

    @property
    def rules(self) -> frozenset[str] | None:
        """The rules whose warnings are shown; None: every rule."""
        return None if self.everything else PAIN_LOAD_RULES

    def shows_rule(self, rule: str) -> bool:
        return self.everything or rule in PAIN_LOAD_RULES

    def flags(self, flags: Iterable[Flag]) -> list[Flag]:
        return [flag for flag in flags if self.shows_rule(flag.rule)]

    def runner_flags(self, items: Iterable[RunnerFlag]) -> list[RunnerFlag]:
        return [item for item in items if self.shows_rule(item.flag.rule)]

    def report(self, report: Report) -> Report:
        """The report without what this share leaves out (its notes are left out
        when it is built: tracker.report.scope.Scope.notes)."""
        if self.everything:
            return report
        return dataclasses.replace(report, surfaces=[], shoes=[], flags=self.flags(report.flags))

    @property
    def gear(self) -> bool:
        """Shoes and surfaces are shown (on the calendar's day page)."""
        return self.everything


EVERYTHING = Visibility()
