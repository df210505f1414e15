"""Read-only sharing: making a share, what its viewer sees, expiry, revocation, and
that the token is never kept in clear."""

from __future__ import annotations

import hashlib
import logging
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tracker.services import runner_today
from tracker.share_models import Share, ShareCovers
from tracker.sharing.service import create_share

pytestmark = pytest.mark.django_db


def _share(
    user, *, covers=ShareCovers.EVERYTHING, notes=True, days=30, now=None, label="Physio Anna"
):
    return create_share(
        user,
        label=label,
        title="Alice's running log",
        covers=covers,
        notes=notes,
        days=days,
        now=now or timezone.now(),
    )


def _viewer(token: str) -> Client:
    """A fresh browser: no account, the share's link opened."""
    viewer = Client()
    response = viewer.get(reverse("open_share", args=[token]))
    assert response.status_code == 302, response.status_code
    return viewer


def _home(share: Share) -> str:
    return reverse("shared_dashboard", args=[share.pk])


@pytest.fixture
def log(runner, make_session, make_soreness, make_shoe):
    """Alice's last weeks: runs on a named shoe on asphalt, with notes and a title,
    and a check-in with notes."""
    today = runner_today(runner.profile)
    shoe = make_shoe(runner, name="Pegasus SHOE-NAME")
    for back in range(0, 21, 2):
        make_session(
            runner,
            date=today - timedelta(days=back),
            distance_km=Decimal("8"),
            duration_min=Decimal("45"),
            shoe=shoe,
            surface="asphalt",
            notes="SESSION-NOTE felt heavy",
            title="TITLE-WORDS tempo",
        )
    make_soreness(
        runner, date=today, area="calf", side="left", severity=5, notes="CHECKIN-NOTE tight"
    )
    return today


# Making a share -------------------------------------------------------------------


def test_the_runner_makes_a_share_and_sees_its_link_once(runner, client_for):
    client = client_for(runner)
    page = reverse("sharing")
    assert client.get(page).status_code == 200
    response = client.post(
        page,
        {
            "label": "Physio Anna",
            "title": "Alice's running log",
            "covers": "pain_load",
            "lifetime": "7",
        },
    )
    assert response.status_code == 201
    share = Share.objects.get(user=runner)
    assert (share.covers, share.notes, share.label) == ("pain_load", False, "Physio Anna")
    assert share.expires - share.created == timedelta(days=7)
    link = response.context["link"]
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes, base64
    assert hashlib.sha256(token.encode()).hexdigest() == share.token_hash
    assert link in response.content.decode()
    assert 'data-copy="share-link"' in response.content.decode()
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )
    # Never again: the list shows the share, not its link.
    again = client.get(page).content.decode()
    assert token not in again and "Physio Anna" in again


def test_until_revoked_has_no_expiry(runner, client_for):
    client_for(runner).post(
        reverse("sharing"),
        {"label": "Coach", "title": "My log", "covers": "all", "notes": "on", "lifetime": ""},
    )
    share = Share.objects.get(user=runner)
    assert share.expires is None and share.notes


@pytest.mark.parametrize(
    "data",
    [
        {"label": "", "title": "x", "covers": "all", "lifetime": "7"},
        {"label": "   ", "title": "x", "covers": "all", "lifetime": "7"},
        {"label": "x", "title": "x", "covers": "everything-and-more", "lifetime": "7"},
        {"label": "x", "title": "x", "covers": "all", "lifetime": "3650"},
        {"label": "x" * 81, "title": "x", "covers": "all", "lifetime": "7"},
    ],
)
def test_bad_input_is_answered_by_the_form(runner, client_for, data):
    response = client_for(runner).post(reverse("sharing"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Share.objects.exists()


def test_the_token_is_never_stored_in_clear(runner, client_for):
    response = client_for(runner).post(
        reverse("sharing"), {"label": "Anna", "title": "Log", "covers": "all", "lifetime": "30"}
    )
    token = response.context["link"].rstrip("/").rsplit("/", 1)[1]
    # Every text column of every table, the session store included.
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # our own table names, quoted
            for row in cursor.fetchall():
                if any(isinstance(value, str) and token in value for value in row):
                    found.append(table)
    assert found == []
    assert Share.objects.filter(token_hash=hashlib.sha256(token.encode()).hexdigest()).exists()


# Opening it ----------------------------------------------------------------------


def test_the_link_moves_the_token_into_a_cookie_for_the_shares_pages(runner, log):
    share, token = _share(runner)
    viewer = Client()
    response = viewer.get(reverse("open_share", args=[token]))
    assert response.status_code == 302
    assert response["Location"] == _home(share)
    cookie = response.cookies[f"sw_share_{share.pk}"]
    assert cookie["path"] == _home(share)
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    page = viewer.get(_home(share))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Alice&#x27;s running log" in html and 'data-testid="share-banner"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    for answer in (response, page):
        assert answer["X-Robots-Tag"] == "noindex, nofollow"
        assert answer["Referrer-Policy"] == "no-referrer"
        assert "no-store" in answer["Cache-Control"]
    share.refresh_from_db()
    assert share.last_opened is not None


def test_every_shared_page_opens(runner, log):
    share, token = _share(runner)
    viewer = _viewer(token)
    pk = share.pk
    pages = [
        reverse("shared_dashboard", args=[pk]),
        reverse("shared_dashboard", args=[pk]) + "?range=all",
        reverse("shared_calendar", args=[pk]),
        reverse("shared_calendar_month", args=[pk, log.year, log.month]),
        reverse("shared_calendar_day", args=[pk, log.year, log.month, log.day]),
        reverse("shared_warnings", args=[pk]),
        reverse("shared_report", args=[pk]),
        reverse("shared_report", args=[pk]) + "?area=calf",
    ]
    for page in pages:
        response = viewer.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert "Alice&#x27;s running log" in html, page
        assert 'method="post"' not in html, page  # nothing to write with
    pdf = viewer.get(reverse("shared_report_pdf", args=[pk]) + "?paper=letter")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_bad_month_or_day_is_a_404_not_a_500(runner):
    share, token = _share(runner)
    viewer = _viewer(token)
    assert (
        viewer.get(reverse("shared_calendar_month", args=[share.pk, 2026, 13])).status_code == 404
    )
    day = reverse("shared_calendar_day", args=[share.pk, 2026, 2, 30])
    assert viewer.get(day).status_code == 404


def test_a_made_up_or_mangled_token_is_a_plain_404(runner):
    share, token = _share(runner)
    client = Client()
    for guess in ("x", token[:-1], token + "A", "A" * 43, "A" * 500):
        assert client.get(reverse("open_share", args=[guess])).status_code == 404
    # The right number without the cookie, or with another share's token in it.
    assert client.get(_home(share)).status_code == 404
    _other, other_token = _share(runner)
    client.cookies[f"sw_share_{share.pk}"] = other_token
    assert client.get(_home(share)).status_code == 404


# What each scope shows -----------------------------------------------------------


def _everything_seen(viewer: Client, share: Share, today: date) -> str:
    pk = share.pk
    pages = [
        reverse("shared_dashboard", args=[pk]) + "?range=all",
        reverse("shared_calendar", args=[pk]),
        reverse("shared_calendar_day", args=[pk, today.year, today.month, today.day]),
        reverse("shared_warnings", args=[pk]),
        reverse("shared_report", args=[pk]),
        reverse("shared_report", args=[pk]) + "?area=calf",
    ]
    return "\n".join(viewer.get(page).content.decode() for page in pages)


def test_notes_in_shows_the_runners_words(runner, log):
    share, token = _share(runner, notes=True)
    seen = _everything_seen(_viewer(token), share, log)
    assert "SESSION-NOTE" in seen and "CHECKIN-NOTE" in seen and "TITLE-WORDS" in seen


def test_notes_out_hides_them_on_every_page_and_in_the_pdf(runner, log):
    share, token = _share(runner, notes=False)
    viewer = _viewer(token)
    seen = _everything_seen(viewer, share, log)
    for words in ("SESSION-NOTE", "CHECKIN-NOTE", "TITLE-WORDS"):
        assert words not in seen
    assert "Notes left out" in seen
    pdf = viewer.get(reverse("shared_report_pdf", args=[share.pk]) + "?area=calf").content
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "calf" in text.lower()
    assert "CHECKIN-NOTE" not in text and "SESSION-NOTE" not in text


def test_everything_shows_shoes_and_surfaces(runner, log):
    share, token = _share(runner)
    seen = _everything_seen(_viewer(token), share, log)
    assert "SHOE-NAME" in seen
    assert 'id="chart-surfaces-title"' in seen and 'id="chart-shoes-title"' in seen


def test_pain_and_load_hides_shoes_surfaces_and_habits(runner, log):
    share, token = _share(runner, covers=ShareCovers.PAIN_LOAD)
    seen = _everything_seen(_viewer(token), share, log)
    assert "SHOE-NAME" not in seen
    for chart in ("surfaces", "shoes", "habits", "pain"):
        assert f'id="chart-{chart}-title"' not in seen
    assert 'id="chart-load-title"' in seen and 'id="chart-soreness-title"' in seen
    assert "Asphalt" not in seen  # the report's surface table
    assert "Pain and load only" in seen


def test_pain_and_load_shows_only_load_and_pain_warnings(runner, make_session, make_shoe):
    from tracker.sharing.scope import PAIN_LOAD_RULES

    # A worn-out shoe (a shoe warning) and a volume jump (a load warning).
    today = runner_today(runner.profile)
    shoe = make_shoe(runner, name="Old pair", limit_km=100)
    for week in range(6):
        km = Decimal("60") if week == 0 else Decimal("20")
        make_session(runner, date=today - timedelta(days=7 * week), distance_km=km, shoe=shoe)
    everything, all_token = _share(runner)
    narrow, narrow_token = _share(runner, covers=ShareCovers.PAIN_LOAD)
    full = _viewer(all_token).get(reverse("shared_warnings", args=[everything.pk]))
    part = _viewer(narrow_token).get(reverse("shared_warnings", args=[narrow.pk]))
    rules_full = {item.flag.rule for item in full.context["active"]} | {
        item.flag.rule for item in full.context["page"].object_list
    }
    rules_part = {item.flag.rule for item in part.context["active"]} | {
        item.flag.rule for item in part.context["page"].object_list
    }
    assert "shoe-worn" in rules_full and "volume-jump" in rules_full, rules_full
    assert rules_part <= PAIN_LOAD_RULES
    assert rules_part == rules_full & PAIN_LOAD_RULES
    # The history filter offers those rules only.
    choices = {value for value, _ in part.context["history_filter"].fields["rule"].choices}
    assert choices - {""} <= PAIN_LOAD_RULES


# Expiry and revocation -----------------------------------------------------------


def test_a_share_expires_by_the_clock(runner, monkeypatch):
    share, token = _share(runner, days=7)
    viewer = _viewer(token)
    assert viewer.get(_home(share)).status_code == 200
    later = share.expires + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert viewer.get(_home(share)).status_code == 404
    assert Client().get(reverse("open_share", args=[token])).status_code == 404
    # Just before, it still opens.
    monkeypatch.setattr(timezone, "now", lambda: share.expires - timedelta(seconds=1))
    assert viewer.get(_home(share)).status_code == 200


def test_the_runner_sees_an_expired_share_as_expired(runner, client_for):
    _share(runner, days=7, now=timezone.now() - timedelta(days=8))
    html = client_for(runner).get(reverse("sharing")).content.decode()
    assert "Expired on" in html and "Remove" in html


def test_revoking_is_at_once_and_the_next_request_is_a_404(runner, client_for, log):
    share, token = _share(runner)
    viewer = _viewer(token)
    assert viewer.get(_home(share)).status_code == 200
    not_found = Client().get("/no-such-page/").content
    client = client_for(runner)
    assert client.get(reverse("share_revoke", args=[share.pk])).status_code == 405
    response = client.post(reverse("share_revoke", args=[share.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("sharing")
    gone = viewer.get(_home(share))
    assert gone.status_code == 404
    assert gone.content == not_found  # a plain 404, no hint the share existed
    assert Client().get(reverse("open_share", args=[token])).status_code == 404
    assert not Share.objects.filter(pk=share.pk).exists()


def test_a_runner_cannot_revoke_or_see_another_runners_share(runner, other_runner, client_for):
    theirs, _token = _share(other_runner, label="MALLORY-COACH")
    client = client_for(runner)
    assert client.post(reverse("share_revoke", args=[theirs.pk])).status_code == 404
    assert Share.objects.filter(pk=theirs.pk).exists()
    assert "MALLORY-COACH" not in client.get(reverse("sharing")).content.decode()


def test_last_opened_is_shown_to_the_runner(runner, client_for):
    share, token = _share(runner)
    assert "not opened yet" in client_for(runner).get(reverse("sharing")).content.decode()
    _viewer(token).get(_home(share))
    assert "last opened" in client_for(runner).get(reverse("sharing")).content.decode()


# Privacy of the link ---------------------------------------------------------------


def test_a_logged_in_viewer_sees_the_shares_runner_not_themself(
    runner, other_runner, client_for, log, make_shoe
):
    make_shoe(other_runner, name="MALLORY-SHOE")
    other_runner.profile.units = "mi"
    other_runner.profile.save()
    share, token = _share(runner)
    viewer = client_for(other_runner)
    viewer.get(reverse("open_share", args=[token]))
    html = viewer.get(_home(share) + "?range=all").content.decode()
    assert "SHOE-NAME" in html and "MALLORY-SHOE" not in html
    assert "Log out" not in html  # the share's frame, not the viewer's own navigation
    assert html.count(" mi<") == 0 and " km" in html


def test_the_rate_limit_answers_429_per_address(runner, settings):
    from django.core.cache import cache

    cache.clear()
    settings.SHARE_RATE_LIMIT = 5
    share, token = _share(runner)
    viewer = _viewer(token)  # the first request
    codes = [viewer.get(_home(share)).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 200, 429]
    other_address = viewer.get(_home(share), REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 200
    cache.clear()


def test_the_token_never_reaches_the_log(runner, caplog):
    share, token = _share(runner)
    share.delete()
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert Client().get(reverse("open_share", args=[token])).status_code == 404
    assert caplog.records  # Django logs the 404 ...
    assert all(token not in record.getMessage() for record in caplog.records)  # ... blanked
    assert any("/s/[token]" in record.getMessage() for record in caplog.records)
