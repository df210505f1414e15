"""The dashboard's charts and tables, byte for byte, against a snapshot.

Work that only makes the page cheaper to build (reads skipped, sums moved, tables
built otherwise) must not change a byte of what the runner sees: every card of
the charts' fragment (its figure's JSON and its "show the numbers" table) at every
range, in both load views and both languages, for two fixed logs, is compared
with the snapshot taken before such work (a SHA-256 a card, in
snapshots/dashboard_cards.json).

A change that means to alter what the charts show (a new trace, new wording, new
number formatting) rewrites the snapshot once it is checked by eye:
``STRIDEWISE_UPDATE_SNAPSHOTS=1 pytest tests/tracker/test_dashboard_snapshot.py``,
and the snapshot's diff goes in the same commit.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

SNAPSHOT = Path(__file__).parent / "snapshots" / "dashboard_cards.json"
TODAY = date(2026, 6, 28)  # a Sunday: the current week is whole in one profile, not the other
NOW = datetime(2026, 6, 28, 17, 0, tzinfo=UTC)
RANGES = ("12w", "6m", "1y", "all")
SURFACES = ("asphalt", "concrete", "track", "treadmill", "trail", "grass", "sand", "mixed", "")
TERRAINS = ("flat", "rolling", "hilly", "downhill", "")
AREAS = ("calf", "shin", "knee", "achilles", "heel", "foot", "thigh", "hamstring", "hip", "back")
SIDES = ("left", "right", "both")
CARD = re.compile(
    r'<section class="card mb-3" aria-labelledby="([\w-]+)-title">.*?</section>', re.S
)


def _log(user, *, years: float, ancient: bool) -> None:
    """A varied log built by arithmetic (no randomness): runs on most days with gaps
    and doubles, every surface, terrain and pair (one retired), efforts, warm-ups,
    pain; check-ins walking through the areas; wellness checks over the last two
    and a half years; OSTRC answers for two areas over the last year."""
    from tracker.models import OstrcResponse, Session, Shoe, Soreness, WellnessEntry

    pairs = [
        Shoe.objects.create(user=user, name="Grey <pair>", limit_km=600),
        Shoe.objects.create(user=user, name="Trail pair"),
        Shoe.objects.create(user=user, name="Old pair", retired=TODAY - timedelta(days=500)),
    ]
    days = round(years * 365)
    sessions = []
    for day in range(days):
        if day % 7 in (2, 5) or ((day // 90) % 5 == 3 and day % 3):  # rest days, a break
            continue
        for double in range(1 + (day % 11 == 0)):
            sessions.append(
                Session(
                    user=user,
                    date=TODAY - timedelta(days=day),
                    activity="run" if day % 13 else ("strength", "walk")[double],
                    distance_km=Decimal(3 + (day * 7) % 17) + Decimal(day % 10) / 10,
                    duration_min=None if day % 17 == 0 else Decimal(20 + (day * 5) % 70),
                    rpe=None if day % 6 == 0 else 1 + day % 10,
                    surface=SURFACES[day % len(SURFACES)],
                    terrain=TERRAINS[day % len(TERRAINS)],
                    shoe=pairs[day % 3] if day % 8 else None,
                    warmup_min=(None, 0, 10)[day % 3],
                    cooldown_min=(None, 5, 0, 8)[day % 4],
                    pain=day % 5,
                    pain_area=AREAS[day % 4] if day % 5 else "",
                )
            )
    if ancient:
        sessions.append(
            Session(user=user, date=date(1900, 1, 1), activity="run", distance_km=Decimal(5))
        )
    Session.objects.bulk_create(sessions)
    Soreness.objects.bulk_create(
        Soreness(
            user=user,
            date=TODAY - timedelta(days=day),
            area=AREAS[(day // 3) % len(AREAS)],
            side=SIDES[day % 3],
            severity=(day * 3) % 11,
        )
        for day in range(0, days, 3)
    )
    WellnessEntry.objects.bulk_create(
        WellnessEntry(
            user=user,
            date=TODAY - timedelta(days=day),
            sleep=1 + day % 7,
            fatigue=1 + (day * 3) % 7,
            stress=1 + (day * 5) % 7,
            soreness=1 + (day // 7) % 7,
        )
        for day in range(0, min(days, 912), 2)
    )
    week_start = user.profile.week_start or 0  # None: as the language (any fixed day will do)
    first_day = TODAY - timedelta(days=(TODAY.weekday() - week_start) % 7)
    OstrcResponse.objects.bulk_create(
        OstrcResponse(
            user=user,
            week=first_day - timedelta(weeks=week),
            area=area,
            participation=(week + i) % 3,
            modification=(week * 2 + i) % 4,
            performance=(week + 2 * i) % 4,
            symptoms=(week + i) % 4,
        )
        for week in range(0, 52, 1 + (days > 2000))
        for i, area in enumerate(("knee", "achilles"))
    )


def _cards(client: Client, key: str, load: str, language: str) -> dict[str, str]:
    """The charts' cards of one page, rendered cold (no cached fragment), hashed."""
    caches["charts"].clear()
    params = {"range": key} | ({"load": load} if load != "distance" else {})
    response = client.get(reverse("dashboard"), params, headers={"accept-language": language})
    assert response.status_code == 200
    html = response.content.decode()
    cards = {
        m.group(1): hashlib.sha256(m.group(0).encode()).hexdigest() for m in CARD.finditer(html)
    }
    assert len(cards) == 8, sorted(cards)
    # Every chart has something to draw: the snapshot covers figures, not empty states.
    drawn = re.findall(r'<script id="(chart-[\w-]+)" type="application/json">', html)
    assert sorted(drawn) == sorted(card for card in cards if card.startswith("chart-")), drawn
    return cards


def _snapshot(make_user) -> dict[str, dict[str, str]]:
    logs = {
        # Four years: weeks up to a year, months over "all".
        "4 years, km, weeks as the language": (make_user(), {"years": 4, "ancient": False}),
        # Six years and a run mistyped as 1900: "all" in years; miles, Sunday weeks.
        "6 years and 1900, mi, Sunday": (
            make_user(units="mi", week_start=6),
            {"years": 6, "ancient": True},
        ),
    }
    out: dict[str, dict[str, str]] = {}
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        for name, (user, shape) in logs.items():
            _log(user, **shape)
            client = Client()
            client.force_login(user)
            for language in ("en", "ru"):
                for load in ("distance", "effort"):
                    for key in RANGES:
                        out[f"{name} | {language} | {load} | {key}"] = _cards(
                            client, key, load, language
                        )
    return out


def test_the_charts_and_tables_are_what_they_were(make_user):
    got = _snapshot(make_user)
    if os.environ.get("STRIDEWISE_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n")
    expected = json.loads(SNAPSHOT.read_text())
    changed = [
        f"{page}: {card}"
        for page in sorted(set(expected) | set(got))
        for card in sorted(set(expected.get(page, {})) | set(got.get(page, {})))
        if expected.get(page, {}).get(card) != got.get(page, {}).get(card)
    ]
    assert not changed, "cards that changed:\n" + "\n".join(changed)
