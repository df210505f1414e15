"""The wellness baseline and the OSTRC substantial-problem rules, edges written out."""

from __future__ import annotations

from advice_builders import d, flags, log

from advice import OstrcRecord, Severity, WellnessRecord
from advice.rules.wellness import (
    BASELINE_DAYS,
    BASELINE_MIN_ENTRIES,
    baseline_line,
)


def check_in(n: int, index_parts: tuple[int, int, int, int] = (2, 2, 2, 2)) -> WellnessRecord:
    return WellnessRecord(d(n), *index_parts)


def steady(days: range, parts: tuple[int, int, int, int] = (2, 2, 2, 2)) -> list[WellnessRecord]:
    return [check_in(n, parts) for n in days]


RULE = "wellness-above-baseline"


def test_the_line_is_mean_plus_one_and_a_half_sd_with_a_floor_of_one() -> None:
    assert baseline_line([8] * 20) == 8 + 1.5  # no spread: the floor of 1 point
    assert baseline_line([6, 10] * 10) == 8 + 1.5 * 2  # SD 2


def test_a_day_clearly_above_a_steady_baseline_is_flagged_info() -> None:
    history = log(steady(range(0, 28)), check_in(28, (3, 3, 2, 2)))  # 10 > 8 + 1.5
    found = flags(history, 28, RULE)
    assert [(f.start, f.end, f.severity, f.subject) for f in found] == [
        (d(28), d(28), Severity.INFO, f"wellness {d(28).isoformat()}")
    ]
    assert "10/28" in found[0].detail and "8.0" in found[0].detail


def test_a_day_within_the_line_is_not() -> None:
    history = log(steady(range(0, 28)), check_in(28, (3, 2, 2, 2)))  # 9 <= 9.5
    assert flags(history, 28, RULE) == []


def test_it_needs_enough_checks_in_the_28_days() -> None:
    few = list(range(28 - BASELINE_MIN_ENTRIES + 1, 28))  # one short
    assert flags(log(steady(few), check_in(28, (7, 7, 7, 7))), 28, RULE) == []
    enough = list(range(28 - BASELINE_MIN_ENTRIES, 28))
    assert len(flags(log(steady(enough), check_in(28, (7, 7, 7, 7))), 28, RULE)) == 1


def test_checks_older_than_28_days_do_not_count() -> None:
    old = steady(range(-40, -BASELINE_DAYS + 1))  # all before the window of day 0... and 1
    history = log(old, check_in(1, (7, 7, 7, 7)))
    assert flags(history, 1, RULE) == []


def test_a_noisy_baseline_needs_a_bigger_jump() -> None:
    noisy = [check_in(n, (1, 1, 1, 1) if n % 2 else (4, 4, 4, 4)) for n in range(28)]
    # mean 10, SD 6: the line is 19
    assert flags(log(noisy, check_in(28, (5, 5, 5, 4))), 28, RULE) == []
    assert len(flags(log(noisy, check_in(28, (5, 5, 5, 5))), 28, RULE)) == 1


OSTRC = "ostrc-substantial-problem"


def answers(n: int, *a: int, area: str = "calf") -> OstrcRecord:
    return OstrcRecord(d(n), area, *a)


def test_a_substantial_problem_is_a_warning_citing_the_instrument() -> None:
    found = flags(log(answers(6, 2, 2, 1, 2)), 6, OSTRC)
    assert [(f.start, f.end, f.severity, f.subject) for f in found] == [
        (d(0), d(6), Severity.WARNING, f"calf {d(6).isoformat()}")
    ]
    assert "53/100" in found[0].detail
    assert "OSTRC" in found[0].evidence and "Clarsen" in found[0].evidence


def test_problems_that_are_not_substantial_raise_nothing() -> None:
    assert flags(log(answers(6, 1, 1, 1, 3), answers(13, 0, 0, 0, 0)), 13, OSTRC) == []


def test_cannot_participate_is_substantial_and_each_area_counts_alone() -> None:
    history = log(answers(6, 3, 4, 4, 3), answers(6, 1, 0, 0, 1, area="knee"))
    assert [f.subject for f in flags(history, 6, OSTRC)] == [f"calf {d(6).isoformat()}"]


def test_answers_after_today_are_left_out() -> None:
    assert flags(log(answers(13, 2, 2, 2, 2)), 12, OSTRC) == []
