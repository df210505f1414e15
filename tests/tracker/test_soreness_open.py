"""Which areas are still sore, "No pain today", and the check-in's side."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse

from tracker.models import Soreness
from tracker.selectors import open_sore_areas
from tracker.services import record_no_pain_today, runner_today

pytestmark = pytest.mark.django_db

DAY = date(2026, 10, 10)


def opened(user, today=DAY) -> set[tuple[str, str, int, date]]:
    return {
        (a.area, a.side, a.severity, a.day) for a in open_sore_areas(user_id=user.pk, today=today)
    }


def ago(days: int) -> date:
    return DAY - timedelta(days=days)


def test_an_area_is_open_while_its_latest_report_is_two_or_more(runner, make_soreness):
    make_soreness(runner, date=ago(9), area="knee", side="left", severity=6)
    make_soreness(runner, date=ago(8), area="knee", side="left", severity=1)  # closed
    make_soreness(runner, date=ago(7), area="heel", side="left", severity=2)  # open at 2
    make_soreness(runner, date=ago(5), area="shin", side="right", severity=8, kind="sharp")
    make_soreness(runner, date=ago(1), area="calf", side="left", severity=4)
    assert opened(runner) == {
        ("heel", "left", 2, ago(7)),
        ("shin", "right", 8, ago(5)),  # five days before the last check-in day: still open
        ("calf", "left", 4, ago(1)),
    }


def test_a_report_of_both_sides_counts_for_either(runner, make_soreness):
    make_soreness(runner, date=ago(4), area="calf", side="both", severity=5)
    assert opened(runner) == {("calf", "both", 5, ago(4))}

    make_soreness(runner, date=ago(3), area="calf", side="left", severity=0)
    assert opened(runner) == {("calf", "right", 5, ago(4))}

    make_soreness(runner, date=ago(2), area="calf", side="both", severity=0)
    assert opened(runner) == set()

    make_soreness(runner, date=ago(1), area="calf", side="left", severity=3)
    make_soreness(runner, date=ago(1), area="calf", side="right", severity=4)
    assert opened(runner) == {("calf", "left", 3, ago(1)), ("calf", "right", 4, ago(1))}


def test_the_latest_report_of_a_day_decides_and_the_future_does_not_count(runner, make_soreness):
    make_soreness(runner, date=ago(1), area="hip", side="left", severity=5)
    make_soreness(runner, date=ago(1), area="hip", side="left", severity=1)  # later that day
    make_soreness(runner, date=DAY + timedelta(days=1), area="back", side="both", severity=7)
    assert opened(runner) == set()


def test_it_sees_only_the_runners_own_check_ins(runner, other_runner, make_soreness):
    make_soreness(other_runner, date=ago(1), area="calf", side="left", severity=6)
    assert opened(runner) == set()


def test_no_pain_today_closes_every_open_area_once(runner, make_soreness):
    make_soreness(runner, date=ago(5), area="shin", side="right", severity=8, kind="sharp")
    make_soreness(runner, date=ago(1), area="calf", side="both", severity=3)
    make_soreness(runner, date=ago(1), area="thigh", side="left", severity=1)  # not open

    first = record_no_pain_today(user_id=runner.pk, today=DAY)
    second = record_no_pain_today(user_id=runner.pk, today=DAY)

    assert {(a.area, a.side) for a in first.closed} == {("shin", "right"), ("calf", "both")}
    assert second.closed == [] and second.reported_today == []
    zeros = Soreness.objects.filter(user=runner, date=DAY)
    assert sorted(zeros.values_list("area", "side", "severity")) == [
        ("calf", "both", 0),
        ("shin", "right", 0),
    ]
    assert opened(runner) == set()


def test_no_pain_today_leaves_an_area_already_reported_today(runner, make_soreness):
    make_soreness(runner, date=ago(2), area="calf", side="left", severity=4)
    make_soreness(runner, date=DAY, area="calf", side="left", severity=4)
    make_soreness(runner, date=ago(2), area="knee", side="right", severity=3)
    make_soreness(runner, date=DAY, area="knee", side="both", severity=0)  # closed today

    result = record_no_pain_today(user_id=runner.pk, today=DAY)

    assert result.closed == []
    assert [(a.area, a.side, a.severity) for a in result.reported_today] == [("calf", "left", 4)]
    assert not Soreness.objects.filter(user=runner, date=DAY, area="calf", severity=0).exists()
    assert Soreness.objects.filter(user=runner).count() == 4


@pytest.mark.django_db(transaction=True)
def test_two_presses_at_once_write_each_zero_once(runner, make_soreness):
    """Presses of a double (or quadruple) click, in threads with their own connections.

    On PostgreSQL (CI's second run) the profile row lock serialises them. The suite's
    in-memory SQLite cannot hold two writing connections at all; deployed SQLite
    serialises writers by its IMMEDIATE transactions (test_production.py)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs two connections writing at once: runs on PostgreSQL")
    make_soreness(runner, date=ago(3), area="shin", side="left", severity=5)
    make_soreness(runner, date=ago(2), area="calf", side="right", severity=4)
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def press() -> None:
        try:
            start.wait()
            record_no_pain_today(user_id=runner.pk, today=DAY)
        except BaseException as exc:  # reported below, in the test's own thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Soreness.objects.filter(user=runner, date=DAY).count() == 2


def test_the_button_closes_every_open_area_and_says_so(client_for, runner, make_soreness):
    today = runner_today(runner.profile)
    make_soreness(runner, date=today - timedelta(days=5), area="shin", side="right", severity=8)
    make_soreness(runner, date=today - timedelta(days=1), area="calf", side="left", severity=4)
    client = client_for(runner)

    page = client.get(reverse("soreness_list")).content.decode()
    assert "No pain today" in page and "shin right 8/10" in page and "calf left 4/10" in page

    response = client.post(reverse("soreness_all_clear"), follow=True)
    text = response.content.decode()
    assert "No pain today: recorded 0/10 for calf left, shin right." in text
    assert "No pain today</button>" not in text  # nothing left to close
    again = client.post(reverse("soreness_all_clear"), follow=True).content.decode()
    assert "nothing to clear" in again
    assert Soreness.objects.filter(user=runner, severity=0).count() == 2


def test_the_button_says_what_it_left_as_reported_today(client_for, runner, make_soreness):
    today = runner_today(runner.profile)
    make_soreness(runner, date=today - timedelta(days=1), area="calf", side="left", severity=4)
    make_soreness(runner, date=today - timedelta(days=1), area="knee", side="left", severity=4)
    make_soreness(runner, date=today, area="calf", side="left", severity=4)
    client = client_for(runner)

    text = client.post(reverse("soreness_all_clear"), follow=True).content.decode()

    assert "recorded 0/10 for knee left." in text
    assert "Left as you reported them today: calf left (4/10)." in text


def test_the_check_in_form_preselects_no_side(client_for, runner):
    page = client_for(runner).get(reverse("soreness_add")).content.decode()
    radios = [line for line in page.splitlines() if 'name="side"' in line]
    assert len(radios) == 3
    assert not any("checked" in line for line in radios)


def test_a_check_in_without_a_side_is_refused_and_keeps_what_was_typed(client_for, runner):
    response = client_for(runner).post(
        reverse("soreness_add"),
        {"date": "2026-10-01", "area": "calf", "severity": "4", "notes": "after the hills"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["side"] == ["Choose the side: left, right or both."]
    text = response.content.decode()
    assert "after the hills" in text and 'value="calf" selected' in text
    assert not Soreness.objects.exists()
