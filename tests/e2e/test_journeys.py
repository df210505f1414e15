"""What a runner does, end to end in a real browser, one journey a test.

Setup that is not the point of a journey goes through the ORM (the live server
shares the test database); everything the journey is about goes through the page.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils.dateformat import format as date_format
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def message(page: Page, text: str):
    """The success or error message that the layout shows after an action."""
    return page.get_by_role("status").filter(has_text=text)


def test_it_signs_up_sets_miles_adds_shoes_logs_a_week_and_sees_the_charts(
    page: Page, console_errors, today_of, django_user_model
) -> None:
    page.goto("/")
    page.get_by_role("link", name="Start my log").click()
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_role("textbox", name=re.compile(r"^Password\W*$")).fill("a-long-passphrase-42")
    page.get_by_label("Password confirmation").fill("a-long-passphrase-42")
    page.get_by_role("button", name="Create my log").click()
    expect(message(page, "Welcome!")).to_be_visible()

    page.get_by_label("Miles").check()
    page.get_by_role("button", name="Save settings").click()
    expect(message(page, "Settings saved.")).to_be_visible()
    expect(page.get_by_role("link", name="Settings (mi)")).to_be_attached()

    for name, limit in (("Pegasus 40", "400"), ("Trail Glide", "300")):
        page.goto("/shoes/add/")
        page.get_by_label("Name").fill(name)
        page.get_by_label("Limit (mi)").fill(limit)
        page.get_by_role("button", name="Save shoes").click()
        expect(message(page, f"Added {name}.")).to_be_visible()

    today = today_of(django_user_model.objects.get(username="ada"))
    # (days ago, miles, shoe): a week of runs, the long one on the trail pair.
    week = [
        (6, "3", "Pegasus 40"),
        (5, "4.5", "Pegasus 40"),
        (3, "6", "Trail Glide"),
        (2, "3", "Pegasus 40"),
        (0, "4", "Pegasus 40"),
    ]
    page.goto("/sessions/add/")
    for days_ago, miles, shoe in week:
        day = today - timedelta(days=days_ago)
        page.get_by_label("Date").fill(day.isoformat())
        page.get_by_label("Distance (mi)").fill(miles)
        page.get_by_label("Duration").fill("40")
        page.get_by_label("Shoe").select_option(label=shoe)
        page.get_by_role("button", name="Save and log another").click()
        expect(message(page, f"Saved: Run on {date_format(day, 'D j M Y')}.")).to_be_visible()

    page.goto("/shoes/")
    pegasus = page.locator(".card").filter(has=page.get_by_role("heading", name="Pegasus 40"))
    expect(pegasus.get_by_test_id("shoe-used")).to_have_text("14.5 mi")
    trail = page.locator(".card").filter(has=page.get_by_role("heading", name="Trail Glide"))
    expect(trail.get_by_test_id("shoe-used")).to_have_text("6.0 mi")

    page.goto("/sessions/")
    expect(page.locator("tbody tr[data-session]")).to_have_count(len(week))
    expect(page.locator("tbody")).to_contain_text("4.5 mi")

    page.goto("/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # The charts: plotly draws an SVG per figure once the page has loaded it.
    expect(page.locator(".main-svg").first).to_be_visible()
    assert console_errors == []


def test_it_warns_when_calf_pain_persists_and_forgets_it_once_seen(
    page: Page, make_user, sign_in, today_of
) -> None:
    runner = make_user("bea")
    today = today_of(runner)
    sign_in(page, runner)

    def check_in(days_ago: int) -> None:
        page.get_by_label("Date").fill((today - timedelta(days=days_ago)).isoformat())
        page.get_by_label("Area").select_option(label="Calf")
        page.get_by_label("Left").check()
        page.get_by_label("Severity (0-10)").fill("4")
        page.get_by_role("button", name="Save and add another area").click()
        expect(message(page, "Check-in saved: Calf (left) 4/10")).to_be_visible()

    active = page.locator("section").filter(
        has=page.get_by_role("heading", name=re.compile("^Active now"))
    )
    card = active.locator('[data-rule="pain-persisting"]')

    # Five days of pain: not yet "more than five days".
    page.goto("/soreness/add/")
    for days_ago in range(5, 0, -1):
        check_in(days_ago)
    page.goto("/warnings/")
    expect(page.get_by_role("heading", name=re.compile("^Active now"))).to_be_visible()
    expect(card).to_have_count(0)

    # The sixth day raises it.
    page.goto("/soreness/add/")
    check_in(0)
    page.goto("/warnings/")
    expect(card).to_have_count(1)
    card.get_by_text("Why Stridewise says this").click()
    expect(card.get_by_text("And if it does not stop within five days")).to_be_visible()

    card.get_by_role("button", name=re.compile("^Mark as seen")).click()
    expect(message(page, "Marked as seen.")).to_be_visible()
    expect(active.locator('[data-rule="pain-persisting"]')).to_have_count(0)
    # Still in the history, marked as seen there.
    history = page.locator("section").filter(has=page.get_by_role("heading", name="History"))
    seen = history.locator('[data-rule="pain-persisting"]')
    expect(seen.first).to_contain_text("Seen")


def test_it_moves_calf_pain_to_the_history_once_a_check_in_says_it_stopped(
    page: Page, make_user, sign_in, today_of
) -> None:
    runner = make_user("dee")
    today = today_of(runner)
    sign_in(page, runner)

    def check_in(days_ago: int, severity: int, kind: str = "") -> None:
        page.get_by_label("Date").fill((today - timedelta(days=days_ago)).isoformat())
        page.get_by_label("Area").select_option(label="Calf")
        page.get_by_label("Left").check()
        page.get_by_label("Severity (0-10)").fill(str(severity))
        if kind:
            page.get_by_label("Kind").select_option(label=kind)
        page.get_by_role("button", name="Save and add another area").click()
        expect(message(page, f"Check-in saved: Calf (left) {severity}/10")).to_be_visible()

    # Six days of calf pain 4/10, the last one sharp: a warning and an urgent flag.
    page.goto("/soreness/add/")
    for days_ago in range(6, 1, -1):
        check_in(days_ago, 4)
    check_in(1, 4, kind="Sharp")
    active = page.locator("section").filter(
        has=page.get_by_role("heading", name=re.compile("^Active now"))
    )
    history = page.locator("section").filter(has=page.get_by_role("heading", name="History"))
    banner = page.get_by_role("alert").filter(has_text="Urgent:")
    page.goto("/warnings/")
    expect(active.locator('[data-rule="pain-persisting"]')).to_have_count(1)
    expect(active.locator('[data-rule="acute-pain"]')).to_have_count(1)
    expect(history.locator('[data-rule="pain-persisting"]')).to_have_count(0)
    expect(banner).to_contain_text("Acute pain")
    page.goto("/dashboard/")
    expect(page.locator('[data-rule="pain-persisting"]')).to_have_count(1)

    # The next day: 0/10. The flags leave the active list, the banner and the
    # dashboard, and the history says when they ended.
    page.goto("/soreness/add/")
    check_in(0, 0)
    page.goto("/warnings/")
    expect(active.locator("[data-rule]")).to_have_count(0)
    resolved = history.locator('[data-rule="pain-persisting"]')
    expect(resolved).to_contain_text(f"Resolved on {date_format(today, 'j M Y')}")
    expect(history.locator('[data-rule="acute-pain"]')).to_contain_text("Resolved on")
    expect(banner).to_have_count(0)
    page.goto("/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator('[data-rule="pain-persisting"]')).to_have_count(0)
    expect(banner).to_have_count(0)


def test_it_shows_the_urgent_banner_on_every_page_after_sharp_pain(
    page: Page, make_user, sign_in
) -> None:
    sign_in(page, make_user("cai"))
    page.goto("/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("Urgent:")).to_have_count(0)

    page.goto("/sessions/add/")
    page.get_by_label("Distance (km)").fill("8")
    page.get_by_label("Pain (0-10)").fill("8")
    page.get_by_label("Pain area").select_option(label="Calf")
    page.get_by_label("Pain side").select_option(label="Left")
    page.get_by_role("button", name="Save session", exact=True).click()
    expect(message(page, "Saved: Run on")).to_be_visible()

    for path in (
        "/dashboard/",
        "/sessions/",
        "/sessions/add/",
        "/soreness/",
        "/soreness/add/",
        "/shoes/",
        "/shoes/add/",
        "/warnings/",
        "/rules/",
        "/accounts/profile/",
    ):
        page.goto(path)
        banner = page.get_by_role("alert").filter(has_text="Urgent:")
        expect(banner, f"no urgent banner on {path}").to_contain_text("Acute pain")
        expect(banner.get_by_role("link", name="Read what to do")).to_be_visible()


def test_it_edits_and_deletes_a_session_after_asking(
    page: Page, make_user, make_session, sign_in, today_of
) -> None:
    runner = make_user("dan")
    session = make_session(runner, date=today_of(runner), distance_km=Decimal("10"))
    sign_in(page, runner)

    page.goto("/sessions/")
    page.locator("tbody").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(rf"/sessions/{session.pk}/$"))
    page.get_by_role("link", name="Edit").click()
    expect(page.get_by_label("Distance (km)")).to_have_value("10")
    page.get_by_label("Distance (km)").fill("12.5")
    page.get_by_role("button", name="Save session").click()
    expect(message(page, "Session updated.")).to_be_visible()
    expect(page.locator("dl")).to_contain_text("12.5 km")

    # Deleting asks first; keeping it changes nothing.
    page.get_by_role("link", name="Delete").click()
    expect(page.get_by_role("heading", name="Delete this session?")).to_be_visible()
    page.get_by_role("link", name="Keep it").click()
    expect(page).to_have_url(re.compile(rf"/sessions/{session.pk}/$"))

    page.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Yes, delete").click()
    expect(message(page, "Deleted: Run on")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/sessions/$"))
    expect(page.get_by_text("No sessions yet.")).to_be_visible()


def test_it_keeps_a_runners_pages_from_another_runner(
    page: Page, make_user, make_session, make_soreness, make_shoe, log_in
) -> None:
    owner = make_user("erin")
    session = make_session(owner)
    entry = make_soreness(owner)
    shoe = make_shoe(owner, name="Erin's racers")
    make_user("mallory")
    log_in(page, "mallory")

    for path in (
        f"/sessions/{session.pk}/",
        f"/sessions/{session.pk}/edit/",
        f"/sessions/{session.pk}/delete/",
        f"/soreness/{entry.pk}/edit/",
        f"/soreness/{entry.pk}/delete/",
        f"/shoes/{shoe.pk}/edit/",
        f"/shoes/{shoe.pk}/delete/",
    ):
        response = page.goto(path)
        assert response is not None and response.status == 404, path
        expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    page.goto("/shoes/")
    expect(page.get_by_text("Erin's racers")).to_have_count(0)


SESSIONS_HEADER = (
    "date,activity,distance_km,duration_min,surface,terrain,shoe,warmup_min,cooldown_min,"
    "fast_pct,rpe,stopped,pain,pain_area,pain_side,notes"
)


def sessions_csv(*rows: str) -> dict[str, object]:
    text = "\n".join([SESSIONS_HEADER, *rows]) + "\n"
    return {"name": "sessions.csv", "mimeType": "text/csv", "buffer": text.encode()}


def test_it_imports_sessions_after_a_preview_that_names_the_bad_line_and_exports_a_zip(
    page: Page, make_user, sign_in, today_of, tmp_path
) -> None:
    from tracker.models import Session

    runner = make_user("ivy")
    days = [(today_of(runner) - timedelta(days=n)).isoformat() for n in (3, 2, 1)]
    sign_in(page, runner)
    page.goto("/sessions/")
    page.get_by_role("link", name="Import / export").click()
    expect(page.get_by_role("heading", name="Import and export")).to_be_visible()

    csv_card = page.locator("section").filter(
        has=page.get_by_role("heading", name="Stridewise CSV files")
    )
    csv_card.get_by_label("sessions.csv").set_input_files(
        sessions_csv(
            f"{days[0]},run,8.5,48,asphalt,flat,,10,5,,5,no,,,,easy",
            f"{days[1]},swim,2,40,,,,,,,,,,,,in the lake",  # line 3: not an activity
            f"{days[2]},run,12,70,trail,hilly,,10,10,20,7,no,2,calf,left,long one",
        )
    )
    csv_card.get_by_role("button", name="Check the files").click()
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("sessions.csv:3: activity")
    expect(page.get_by_role("button", name="Import these rows")).to_have_count(0)
    assert not Session.objects.filter(user=runner).exists()  # nothing was written

    page.get_by_role("link", name="Fix the files and try again").click()
    csv_card.get_by_label("sessions.csv").set_input_files(
        sessions_csv(
            f"{days[0]},run,8.5,48,asphalt,flat,,10,5,,5,no,,,,easy",
            f"{days[1]},walk,2,40,,,,,,,,,,,,by the lake",
            f"{days[2]},run,12,70,trail,hilly,,10,10,20,7,no,2,calf,left,long one",
        )
    )
    csv_card.get_by_role("button", name="Check the files").click()
    expect(page.get_by_test_id("preview-sessions")).to_contain_text("3")
    page.get_by_role("button", name="Import these rows").click()
    expect(message(page, "Imported 0 shoes, 3 sessions and 0 check-ins")).to_be_visible()

    page.goto("/sessions/")
    expect(page.locator("tbody tr[data-session]")).to_have_count(3)
    expect(page.locator("tbody")).to_contain_text("12.0 km")

    page.goto("/import/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my log (zip)").click()
    archive = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(archive)
    assert archive.suffix == ".zip"
    with zipfile.ZipFile(archive) as bundle:
        names = {Path(name).name for name in bundle.namelist()}
        assert {"shoes.csv", "sessions.csv", "soreness.csv"} <= names
        member = next(n for n in bundle.namelist() if n.endswith("sessions.csv"))
        exported = list(csv.DictReader(io.StringIO(bundle.read(member).decode("utf-8-sig"))))
    assert sorted(row["date"] for row in exported) == days
    assert {row["notes"] for row in exported} == {"easy", "by the lake", "long one"}
