"""The dashboard page: charts handed over as JSON, ranges, empty states, warnings,
a query count that does not grow with the log, and the static files it loads."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from tracker.services import runner_today

pytestmark = pytest.mark.django_db

CHARTS = ("chart-load", "chart-soreness", "chart-surfaces", "chart-shoes", "chart-habits")
PLOTLY = "vendor/plotly/plotly-cartesian.min.js"


def figure(response, chart_id: str) -> dict:
    found = re.search(
        rf'<script id="{chart_id}" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert found, f"no {chart_id} in the page"
    return json.loads(found.group(1))


def build_log(user, make_session, make_soreness, make_shoe, *, weeks: int) -> None:
    """A run every other day and a check-in now and then, for ``weeks`` weeks."""
    today = runner_today(user.profile)
    shoe = make_shoe(user, "Grey pair")
    for day in range(0, weeks * 7, 2):
        when = today - timedelta(days=day)
        make_session(
            user,
            date=when,
            distance_km=Decimal(5 + day % 4),
            surface="asphalt" if day % 3 else "trail",
            shoe=shoe,
            warmup_min=day % 2 * 5,
            notes="private note that stays on the server",
        )
        if day % 6 == 0:
            make_soreness(user, date=when, area="calf", side="left", severity=day % 4)


def test_it_hands_every_chart_to_the_page_as_json(
    runner, client_for, make_session, make_soreness, make_shoe
):
    build_log(runner, make_session, make_soreness, make_shoe, weeks=16)
    response = client_for(runner).get(reverse("dashboard"))
    assert response.status_code == 200
    for chart_id in CHARTS:
        data = figure(response, chart_id)
        assert data["data"] and data["layout"]
        assert f'data-chart="{chart_id}"' in response.content.decode()
    load = figure(response, "chart-load")
    assert len(load["data"][0]["y"]) == 12  # the default range: twelve weeks, a bar each
    # Aggregates only: nothing of a session's own row reaches the page.
    assert b"private note" not in response.content
    assert "Show the numbers" in response.content.decode()


def test_it_keeps_the_range_in_the_url(runner, client_for, make_session, make_soreness, make_shoe):
    build_log(runner, make_session, make_soreness, make_shoe, weeks=40)
    client = client_for(runner)
    half_year = client.get(reverse("dashboard"), {"range": "6m"})
    assert len(figure(half_year, "chart-load")["data"][0]["y"]) == 26
    assert re.search(
        r'class="nav-link active" href="\?range=6m" aria-current="page"', half_year.content.decode()
    )
    everything = client.get(reverse("dashboard"), {"range": "all"})
    assert len(figure(everything, "chart-load")["data"][0]["y"]) in (40, 41)
    unknown = client.get(reverse("dashboard"), {"range": "forever"})
    assert len(figure(unknown, "chart-load")["data"][0]["y"]) == 12


def test_it_says_how_to_add_data_when_there_is_none(runner, client_for):
    response = client_for(runner).get(reverse("dashboard"))
    html = response.content.decode()
    assert 'type="application/json"' not in html
    for name in ("session_add", "soreness_add", "shoe_add"):
        assert f'href="{reverse(name)}"' in html
    try:
        import_url = reverse("import")
    except NoReverseMatch:
        import_url = None
    if import_url:
        assert f'href="{import_url}"' in html
    # Without data the page needs no plotly at all, but loading it does no harm;
    # what matters is that nothing tries to draw.
    assert "data-chart=" not in html.replace("data-chart-toggle", "")


def test_it_shows_the_count_and_the_top_three_warnings(runner, client_for, make_soreness):
    today = runner_today(runner.profile)
    for area in ("calf", "shin", "knee", "heel"):  # four episodes of persisting pain
        for day in range(7):
            make_soreness(
                runner, date=today - timedelta(days=day), area=area, side="left", severity=4
            )
    response = client_for(runner).get(reverse("dashboard"))
    html = response.content.decode()
    count = int(re.search(r'data-testid="active-count">(\d+)<', html).group(1))
    assert count >= 4
    assert html.count('class="card mb-2 flag-') == 3  # the top three
    assert "Pain lasting more than five days" in html
    assert f'href="{reverse("warnings")}"' in html


def test_it_marks_pain_episodes_on_the_soreness_chart(runner, client_for, make_soreness):
    today = runner_today(runner.profile)
    for day in range(7):
        make_soreness(runner, date=today - timedelta(days=day), area="calf", side="left")
    data = figure(client_for(runner).get(reverse("dashboard")), "chart-soreness")
    assert data["data"][0]["y"] == ["Calf left"]
    [outline] = data["layout"]["shapes"]
    assert outline["type"] == "rect"


def test_it_shows_a_shoe_name_as_text(runner, client_for, make_shoe, make_session):
    shoe = make_shoe(runner, "<script>alert(1)</script>")
    make_session(runner, date=runner_today(runner.profile), shoe=shoe)
    response = client_for(runner).get(reverse("dashboard"))
    assert b"<script>alert(1)" not in response.content
    data = figure(response, "chart-shoes")
    assert data["data"][0]["y"] == ["&lt;script&gt;alert(1)&lt;/script&gt;"]


def test_it_loads_plotly_only_on_the_dashboard_and_nothing_inline(runner, client_for):
    client = client_for(runner)
    html = client.get(reverse("dashboard")).content.decode()
    assert PLOTLY in html and "tracker/charts.js" in html
    assert PLOTLY not in client.get(reverse("session_list")).content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\sstyle=", html)
    assert "unsafe-inline" not in client.get(reverse("dashboard"))["Content-Security-Policy"]


def _queries(user) -> int:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("dashboard")).status_code == 200
    return len(captured)


def test_it_costs_the_same_queries_for_a_short_and_a_long_log(
    make_user, make_session, make_soreness, make_shoe
):
    short, long = make_user(), make_user()
    build_log(short, make_session, make_soreness, make_shoe, weeks=2)
    build_log(long, make_session, make_soreness, make_shoe, weeks=150)
    assert _queries(short) == _queries(long)


def test_it_serves_plotly_compressed_and_cached_for_a_year_in_production(
    runner, tmp_path, settings
):
    """collectstatic with the production storage, then the page and the file through
    WhiteNoise: a hashed name, gzip when asked for, and a far-future cache header."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin"])

    client = Client()  # a new client: WhiteNoise reads STATIC_ROOT as it starts
    client.force_login(runner)
    html = client.get(reverse("dashboard")).content.decode()
    [src] = re.findall(r'<script src="([^"]*plotly-cartesian[^"]*)"', html)
    assert re.search(r"plotly-cartesian\.min\.[0-9a-f]{12}\.js$", src)

    response = client.get(src, headers={"accept-encoding": "gzip, deflate"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
    assert max_age >= 365 * 24 * 60 * 60
    body = b"".join(response.streaming_content)
    assert len(body) < 600_000  # about a third of the 1.4 MB file


RANGES = ("12w", "6m", "1y", "all")
AREAS = ("calf", "shin", "knee", "achilles", "heel", "foot", "thigh", "hamstring", "hip", "back")


def bulk_log(user, *, years: float, ancient: bool = False) -> None:
    """A run every day for ``years`` (three pairs, every surface, warm-ups now and
    then) and a check-in every other day, walking through every area and side; with
    ``ancient``, one more run mistyped as 1900."""
    from tracker.models import Session, Shoe, Soreness

    today = runner_today(user.profile)
    pairs = [Shoe.objects.create(user=user, name=f"<i>Pair {i}</i>") for i in range(3)]
    surfaces = ("asphalt", "concrete", "track", "treadmill", "trail", "grass", "sand", "mixed", "")
    days = round(years * 365)
    sessions = [
        Session(
            user=user,
            date=today - timedelta(days=day),
            activity="run",
            distance_km=Decimal(4 + day % 9),
            surface=surfaces[day % len(surfaces)],
            terrain=("flat", "hilly", "")[day % 3],
            shoe=pairs[day % 3],
            warmup_min=(None, 0, 10)[day % 3],
            cooldown_min=(None, 5)[day % 2],
            pain=day % 4,
            pain_area="knee" if day % 4 else "",
        )
        for day in range(days)
    ]
    if ancient:
        sessions.append(
            Session(user=user, date=date(1900, 1, 1), activity="run", distance_km=Decimal(5))
        )
    Session.objects.bulk_create(sessions)
    Soreness.objects.bulk_create(
        Soreness(
            user=user,
            date=today - timedelta(days=day),
            area=AREAS[day // 2 % len(AREAS)],
            side=("left", "right", "both")[day // 2 % 3],
            severity=day % 11,
        )
        for day in range(0, days, 2)
    )


def _page(user, key: str, load: str | None = None) -> tuple[int, bytes]:
    client = Client()
    client.force_login(user)
    params = {"range": key} | ({"load": load} if load else {})
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("dashboard"), params)
    assert response.status_code == 200
    return len(captured), response.content


def test_it_costs_the_same_queries_at_every_range_and_history(make_user):
    """Three weeks, ten years, and ten years with a run mistyped as 1900."""
    logs = [make_user(), make_user(), make_user()]
    bulk_log(logs[0], years=3 / 52)
    bulk_log(logs[1], years=10)
    bulk_log(logs[2], years=10, ancient=True)
    # The first page of each runner evaluates the flags and stores them, the others
    # read them: the same count for every log, and for every range.
    first = {user.pk: _page(user, RANGES[0])[0] for user in logs}
    assert len(set(first.values())) == 1, first
    # Charts not cached yet (the first view of a range after a write) ...
    counts = {}
    for user in logs:
        for key in RANGES:
            caches["charts"].clear()
            counts[(user.pk, key)] = _page(user, key)[0]
    assert len(set(counts.values())) == 1, counts
    # Session load: its read takes the ratio's place (the view has no ratio), so the
    # page makes as many queries in both views, at every range and history.
    effort = {(user.pk, key): _page(user, key, "effort")[0] for user in logs for key in RANGES}
    assert set(effort.values()) == set(counts.values()), effort
    # ... and cached (seen again, no write in between): fewer, and again the same.
    for user in logs:
        for key in RANGES:
            _page(user, key)
    warm = {(user.pk, key): _page(user, key)[0] for user in logs for key in RANGES}
    assert len(set(warm.values())) == 1, warm
    assert set(warm.values()) < set(range(min(counts.values()))), (warm, counts)


@pytest.mark.parametrize("ancient", [False, True], ids=["10 years", "and 1900"])
@pytest.mark.parametrize("key", RANGES)
def test_it_keeps_the_page_small_at_any_range_and_history(make_user, key, ancient):
    """Long ranges are summed by week, month or year: the page stays under 150 KB
    even when the log reaches back to 1900, and no chart has more than 130 columns."""
    runner = make_user()
    bulk_log(runner, years=10, ancient=ancient)
    _queries, content = _page(runner, key)
    assert len(content) < 150 * 1024
    response = SimpleNamespace(content=content)
    for chart_id in CHARTS:
        data = figure(response, chart_id)
        for trace in data["data"]:
            columns = trace.get("x") or trace.get("y") or (trace.get("z") or [[]])[0]
            assert len(columns) <= 130, (chart_id, trace.get("name"))
    if key == "all" and ancient:  # 1900 to today: a column a year
        bars = figure(response, "chart-load")["data"][0]
        assert (bars["x0"], bars["xperiod"]) == (date(1900, 1, 15).isoformat(), "M12")
    # The pairs' names, in the tables and the figures, stay text.
    html = content.decode()
    assert "<i>Pair" not in html
    assert '<th scope="row">&lt;i&gt;Pair 0&lt;/i&gt;</th>' in html


def test_it_switches_the_load_chart_to_session_load_and_keeps_the_range(
    runner, client_for, make_session
):
    today = runner_today(runner.profile)
    monday = today - timedelta(days=today.weekday() + 7)  # last week's Monday
    for day in range(6):  # six alike days and a rest day: monotony 2.45
        make_session(
            runner,
            date=monday + timedelta(days=day),
            activity="jump_rope" if day % 2 else "run",
            distance_km=None if day % 2 else Decimal(5),
            duration_min=Decimal(60),
            rpe=5,
        )
    client = client_for(runner)
    response = client.get(reverse("dashboard"), {"range": "6m", "load": "effort"})
    html = response.content.decode()
    assert 'href="?range=12w&amp;load=effort"' in html  # the ranges keep the measure
    assert 'href="?range=6m"' in html  # and the measure keeps the range
    bars = figure(response, "chart-load")["data"][0]
    assert bars["name"] == "Session load (AU)"
    assert sorted(bars["y"])[-1] == 1800  # rope jumping counts too
    assert "Monotony = the mean daily load" in html
    assert "<td>2.45<" in html and "<td>4,409<" in html
    plain = figure(client.get(reverse("dashboard"), {"range": "6m"}), "chart-load")
    assert plain["data"][0]["name"] == "Distance (km)"
    # Anything else is distance.
    odd = figure(client.get(reverse("dashboard"), {"load": "<b>"}), "chart-load")
    assert odd["data"][0]["name"] == "Distance (km)"


def _trends(client, key: str = "all") -> str:
    """The charts' part of the page (the cached fragment and what follows it)."""
    html = client.get(reverse("dashboard"), {"range": key}).content.decode()
    return html[html.index('aria-labelledby="trends-heading"') :]


def test_cached_charts_are_always_what_a_fresh_render_shows(
    make_user, make_session, make_shoe, make_soreness
):
    """After each kind of write the page shows exactly what it shows with no cache:
    saves and deletes, a bulk insert that sends no signal, the profile's units."""
    from tracker.models import Session, Soreness
    from tracker.services import runner_today

    user = make_user()
    client = Client()
    client.force_login(user)
    today = runner_today(user.profile)
    shoe = make_shoe(user, name="Pegasus")

    def check() -> str:
        cached = _trends(client)
        assert _trends(client) == cached  # served from the cache
        caches["charts"].clear()
        assert _trends(client) == cached, "the cached charts differ from a fresh render"
        return cached

    before = check()
    run = make_session(user, date=today, distance_km=Decimal("7.3"), shoe=shoe)
    after_save = check()
    assert after_save != before and "7.3" in after_save
    make_soreness(user, date=today, severity=6)
    after_checkin = check()
    assert after_checkin != after_save
    Soreness.objects.filter(user=user).delete()  # a queryset delete: one signal a row
    check()
    Session.objects.bulk_create(
        [Session(user=user, date=today, activity="run", distance_km=Decimal("2.1"))]
    )
    from tracker import flagstore

    flagstore.data_changed(user.pk)  # what every bulk write does (services, imports)
    assert "9.4" in check()
    user.profile.units = "mi"
    user.profile.save()
    in_miles = check()
    assert "mi" in in_miles and in_miles != after_save
    run.delete()
    check()


def test_a_share_and_the_runner_never_see_each_others_cached_charts(make_user, make_session):
    """The runner's dashboard and a pain-and-load share's differ (no shoes, surfaces
    or habits): each is cached under its own key (the template adds the share's id,
    so two shares of the same scope do not share one either)."""
    from tracker.sharing.scope import Visibility
    from tracker.views.dashboard import cards_key

    user = make_user()
    make_session(user, date=runner_today(user.profile))
    today = runner_today(user.profile)
    everything, pain_load = Visibility(), Visibility(everything=False)
    keys = {
        cards_key(
            user.profile, version=1, today=today, window=w, load=load, visibility=v, week_start=0
        )
        for v in (everything, pain_load)
        for w in (_window("12w", today), _window("all", today))
        for load in ("distance", "effort")
    }
    assert len(keys) == 8


def _window(key: str, today: date):
    from tracker.charts import chart_range

    return chart_range(key, today=today, week_start=0, first_day=today - timedelta(days=400))
