"""The public API: evaluate's order and cut-off, active_flags, the JSON item,
the catalogue, and windowed evaluation giving the same flags as the full log."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, timedelta

import pytest
from advice_builders import d, flags, log, random_history, run, sore, windowed

import advice
from advice import (
    LOOKBACK_DAYS,
    RULE_CATALOGUE,
    RULES,
    Flag,
    Grade,
    History,
    Severity,
    Source,
    active_flags,
    evaluate,
)
from advice import rules as rules_module
from advice.rules import habits

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def busy() -> History:
    return random_history(730, seed=7, today=TODAY)


@pytest.fixture(scope="module")
def busy_flags(busy: History) -> list[Flag]:
    return evaluate(busy, TODAY)


def test_it_raises_nothing_for_an_empty_history() -> None:
    assert evaluate(History(), TODAY) == []
    assert evaluate(History(units="mi", week_start=6), TODAY) == []


def test_it_raises_every_rule_somewhere_in_a_busy_log(busy_flags: list[Flag]) -> None:
    assert {f.rule for f in busy_flags} == {info.rule for info in RULE_CATALOGUE}


def test_it_sorts_newest_end_first_then_most_serious_then_rule(busy_flags: list[Flag]) -> None:
    keys = [(-f.end.toordinal(), -f.severity.rank, f.rule) for f in busy_flags]
    assert keys == sorted(keys)


def test_it_ignores_data_after_today(busy: History) -> None:
    today = TODAY - timedelta(days=540)
    cut = replace(
        busy,
        sessions=tuple(s for s in busy.sessions if s.date <= today),
        soreness=tuple(r for r in busy.soreness if r.date <= today),
    )
    raised = evaluate(busy, today)
    assert raised == evaluate(cut, today)
    assert raised and max(f.end for f in raised) <= today


def test_it_is_a_pure_function_of_history_and_today(busy: History, busy_flags: list[Flag]) -> None:
    assert evaluate(busy, TODAY) == busy_flags


@pytest.mark.parametrize("days_before", [540, 365, 200, 90, 14, 0])
def test_it_gives_the_same_flags_from_a_window_loaded_lookback_days_early(
    busy: History, busy_flags: list[Flag], days_before: int
) -> None:
    range_start = TODAY - timedelta(days=days_before)
    expected = [f for f in busy_flags if f.end >= range_start]
    loaded = windowed(busy, range_start - timedelta(days=LOOKBACK_DAYS))
    assert [f for f in evaluate(loaded, TODAY) if f.end >= range_start] == expected


def test_it_needs_the_lookback_for_that(busy: History, busy_flags: list[Flag]) -> None:
    # Without the lookback the window test above would be a tautology.
    range_start = TODAY - timedelta(days=365)
    expected = [f for f in busy_flags if f.end >= range_start]
    loaded = windowed(busy, range_start)
    assert [f for f in evaluate(loaded, TODAY) if f.end >= range_start] != expected


def test_it_shows_long_episodes_from_at_most_90_days_before_their_end(
    busy_flags: list[Flag],
) -> None:
    spans = [(f.end - f.start).days for f in busy_flags]
    assert max(spans) <= rules_module.EPISODE_MAX_DAYS + habits.HABIT_WINDOW_DAYS
    assert any(span >= 85 for span in spans)  # the busy log does have long episodes


def test_lookback_covers_the_chronic_load_decay_and_every_rule_s_reach() -> None:
    # What the chronic EWMA still holds from before a window loaded LOOKBACK_DAYS
    # early is below 1e-5 of it.
    assert (1 - advice.load.CHRONIC_LAMBDA) ** LOOKBACK_DAYS < 1e-5
    assert all(0 <= rule.reach_days <= LOOKBACK_DAYS for rule in RULES)
    assert max(rule.reach_days for rule in advice.URGENT_RULES) == advice.URGENT_LOOKBACK_DAYS


# --- active_flags -----------------------------------------------------------


def _flag(rule: str, severity: Severity, end: date) -> Flag:
    return Flag(
        rule=rule,
        severity=severity,
        start=end,
        end=end,
        subject=end.isoformat(),
        title="t",
        detail="d",
        advice="a",
        source=Source("000_cf8ed46f20d463a4.txt", "q"),
        evidence="e",
        grade=Grade.MIXED,
    )


def test_it_keeps_flags_ending_in_the_14_days_up_to_today() -> None:
    today = d(20)
    made = [_flag("stopped-mid-run", Severity.INFO, d(n)) for n in (5, 6, 7, 20, 21)]
    assert [f.end for f in active_flags(made, today)] == [d(20), d(7)]
    assert [f.end for f in active_flags(made, today, days=15)] == [d(20), d(7), d(6)]


@pytest.mark.parametrize(
    ("resolved", "active"), [(None, True), (21, True), (20, False), (19, False)]
)
def test_it_drops_flags_resolved_on_or_before_today(resolved: int | None, active: bool) -> None:
    flag = replace(
        _flag("pain-persisting", Severity.WARNING, d(18)),
        resolved=None if resolved is None else d(resolved),
    )
    assert (active_flags([flag], d(20)) == [flag]) is active


def test_it_puts_urgent_first_then_warning_then_info_then_newest() -> None:
    made = [
        _flag("stopped-mid-run", Severity.INFO, d(10)),
        _flag("volume-jump", Severity.WARNING, d(5)),
        _flag("acute-pain", Severity.URGENT, d(3)),
        _flag("volume-jump", Severity.WARNING, d(9)),
        _flag("acute-pain", Severity.URGENT, d(4)),
    ]
    assert [(f.severity.value, f.end) for f in active_flags(made, d(10))] == [
        ("urgent", d(4)),
        ("urgent", d(3)),
        ("warning", d(9)),
        ("warning", d(5)),
        ("info", d(10)),
    ]


def test_a_pair_no_longer_run_in_drops_out_of_the_active_list() -> None:
    history = log(
        [run(n, 9.0, shoe_id=1) for n in range(12)],
        shoes=(advice.ShoeRecord(1, "Road", "running", limit_km=100.0),),
    )
    assert [f.rule for f in active_flags(flags(history, 24, "shoe-worn"), d(24))] == ["shoe-worn"]
    assert active_flags(flags(history, 25, "shoe-worn"), d(25)) == []


# --- the JSON item ----------------------------------------------------------


def test_it_serialises_flags_as_contract_md_says(busy_flags: list[Flag]) -> None:
    iso = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    items = json.loads(json.dumps([f.to_json() for f in busy_flags]))
    for item in items:
        assert list(item) == [
            "rule",
            "severity",
            "start",
            "end",
            "subject",
            "title",
            "detail",
            "advice",
            "source",
            "resolved",
        ]
        assert item["severity"] in {"info", "warning", "urgent"}
        assert iso.match(item["start"]) and iso.match(item["end"])
        assert item["start"] <= item["end"]
        assert item["resolved"] is None or item["end"] <= item["resolved"]
        assert set(item["source"]) == {"document", "quote"}
        assert all(
            isinstance(item[k], str) and item[k] for k in item if k not in ("source", "resolved")
        )
    resolved = [item["resolved"] for item in items if item["resolved"]]
    assert resolved and all(iso.match(day) for day in resolved)


def test_it_gives_a_key_that_changes_with_new_data() -> None:
    (before,) = flags(log([sore(n) for n in range(6)]), 5, "pain-persisting")
    (after,) = flags(log([sore(n) for n in range(7)]), 6, "pain-persisting")
    assert before.key != after.key
    assert before.key == "pain-persisting|calf left|2026-03-02|2026-03-07"


# --- the catalogue ----------------------------------------------------------


def test_every_rule_has_one_catalogue_entry_with_a_stable_kebab_case_id() -> None:
    ids = [info.rule for info in RULE_CATALOGUE]
    assert len(ids) == len(set(ids)) == len(RULES) == 24
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", rule) for rule in ids)
    assert [rule.check.__name__.replace("_", "-") for rule in RULES] == ids
    assert [rule.id for rule in RULES] == ids


def test_the_catalogue_the_urgent_set_and_the_families_come_from_one_registry() -> None:
    assert [i for _family, infos in advice.CATALOGUE_BY_FAMILY for i in infos] == list(
        RULE_CATALOGUE
    )
    assert [family for family, _infos in advice.CATALOGUE_BY_FAMILY] == [
        "Load",
        "Load from effort",
        "Surface and terrain",
        "Habits",
        "Pain",
        "Shoes",
        "Wellness and overuse",
    ]
    assert (
        {rule.id for rule in advice.URGENT_RULES}
        == {info.rule for info in RULE_CATALOGUE if Severity.URGENT in info.severities}
        == {"acute-pain", "training-through-pain", "vascular-red-flag"}
    )


def test_catalogue_entries_are_complete() -> None:
    for info in RULE_CATALOGUE:
        assert info.title and info.threshold and info.evidence
        assert info.severities and all(isinstance(s, Severity) for s in info.severities)
        assert info.sources and all(isinstance(s, Source) for s in info.sources)
        assert isinstance(info.grade, Grade)


@pytest.mark.parametrize(
    ("rule", "numbers"),
    [
        ("volume-jump", ["30%", "5 km", "4 weeks", "13 weeks", "14 days"]),
        ("long-run-spike", ["10%", "30%", "1 km", "30 days", "90 days", "28 days", "5 km"]),
        ("impact-spike", ["30%", "5 minutes", "30 days", "28 days"]),
        ("load-ratio-high", ["1.5", "28 days", "2/8", "2/29"]),
        ("hard-surface", ["14 days", "50%", "10 km", "3/10"]),
        ("pain-persisting", ["4 days", "5 days"]),
        ("acute-pain", ["7/10", "sharp at 4/10"]),
        ("shoe-worn", ["90%", "100%"]),
        ("shoe-age", ["6 months"]),
        ("too-much-speed", ["30%", "10%"]),
        ("no-rest-day", ["7 or more", "4 or more", "8 weeks"]),
        ("return-after-break", ["14 or more days"]),
    ],
)
def test_catalogue_thresholds_show_the_numbers(rule: str, numbers: list[str]) -> None:
    (info,) = [i for i in RULE_CATALOGUE if i.rule == rule]
    for number in numbers:
        assert number in info.threshold()


def test_catalogue_thresholds_follow_the_runner_s_units() -> None:
    catalogue = {info.rule: info for info in RULE_CATALOGUE}
    assert "5 km" in catalogue["volume-jump"].threshold("km")
    miles = catalogue["volume-jump"].threshold("mi")
    assert "3.1 mi" in miles and "km" not in miles
    assert "6.2 mi" in catalogue["hard-surface"].threshold("mi")
    assert "0.6 mi" in catalogue["long-run-spike"].threshold("mi")
    # A threshold without a distance reads the same in either unit.
    assert catalogue["acute-pain"].threshold("mi") == catalogue["acute-pain"].threshold("km")


def test_every_flag_carries_its_rule_s_catalogue_evidence(busy_flags: list[Flag]) -> None:
    catalogue = {info.rule: info for info in RULE_CATALOGUE}
    for flag in busy_flags:
        info = catalogue[flag.rule]
        assert flag.severity in info.severities
        assert flag.source in info.sources
        assert (flag.evidence, flag.grade) == (info.evidence, info.grade)
        assert flag.title and flag.detail and flag.advice


def test_it_exports_the_api() -> None:
    for name in (
        "evaluate",
        "active_flags",
        "RULES",
        "RULE_CATALOGUE",
        "URGENT_RULES",
        "LOOKBACK_DAYS",
        "URGENT_LOOKBACK_DAYS",
        "EPISODE_MAX_DAYS",
        "PAIN_MIN",
        "ACTIVE_DAYS",
    ):
        assert name in advice.__all__
    assert LOOKBACK_DAYS == 180
    assert (advice.PAIN_MIN, advice.ACTIVE_DAYS) == (2, 14)
    # What other modules import from advice.rules directly.
    assert rules_module.PAIN_MIN == 2
    assert rules_module.LOAD_RATIO_MIN_HISTORY_DAYS == 28


@pytest.mark.parametrize("days_before", [540, 200, 60, 13, 0])
def test_it_gives_the_same_urgent_flags_from_a_window_of_a_few_weeks(
    busy: History, busy_flags: list[Flag], days_before: int
) -> None:
    # What the page banner relies on: the urgent rules alone, over a short window.
    range_start = TODAY - timedelta(days=days_before)
    urgent_ids = {rule.id for rule in advice.URGENT_RULES}
    expected = [f for f in busy_flags if f.rule in urgent_ids and f.end >= range_start]
    loaded = windowed(busy, range_start - timedelta(days=advice.URGENT_LOOKBACK_DAYS))
    got = evaluate(loaded, TODAY, rules=advice.URGENT_RULES)
    assert expected and [f for f in got if f.end >= range_start] == expected
    assert {f.severity for f in got} == {Severity.URGENT}


def test_it_needs_the_urgent_lookback_for_that(busy: History, busy_flags: list[Flag]) -> None:
    range_start = TODAY - timedelta(days=540)
    expected = [f for f in busy_flags if f.rule == "training-through-pain" and f.end >= range_start]
    loaded = windowed(busy, range_start)
    got = evaluate(loaded, TODAY, rules=advice.URGENT_RULES)
    assert [
        f for f in got if f.rule == "training-through-pain" and f.end >= range_start
    ] != expected
