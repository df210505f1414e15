"""Bad input at scale: hypothesis throws arbitrary text, huge and negative numbers,
NaN, odd Unicode and empty values at every form (through HTTP, as a browser would)
and at the CSV importer. Whatever comes in: never a 500, and every row that gets
saved passes every model constraint and validator.

The forms' hand-written bad-input cases live in test_forms.py; these are the ones
nobody thought to write down.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.imports.contract import (
    COLUMNS,
    SESSIONS,
    SHOES,
    SORENESS,
    ImportRejected,
    apply_import,
    plan_import,
)
from tracker.models import EARLIEST_DATE, Profile, Session, Shoe, Soreness

pytestmark = pytest.mark.django_db

# Each test runs its examples inside one database transaction, so the rows they
# save pile up; the pages are opened once at the end, with all of them in the log.
FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TODAY = date.today()

# Values that have broken parsers somewhere: not-numbers, overflows, digits that are
# not ASCII, invisible characters, impossible dates, markup and formulas.
ODD = [
    "",
    " ",
    "\t",
    "NaN",
    "nan",
    "-NaN",
    "sNaN",
    "Infinity",
    "-inf",
    "1e400",
    "-1e400",
    "1e-400",
    "9" * 60,
    "-" + "9" * 60,
    "0." + "0" * 50 + "1",
    "399.9995",
    "400.0004",
    "248.5485",
    "0",
    "-0",
    "-0.0",
    "0x1F",
    "1_000",
    "1,5",
    "٣",  # Arabic-Indic three
    "\uff11\uff12",  # full-width twelve
    "½",
    "²",
    "\x00",
    "a\x00b",
    "\u202e",
    "\ufeff1",
    "💩",
    "\U0001d7d9\U0001d7da",  # double-struck one and two
    "null",
    "None",
    "2026-02-30",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-2026-01-01",
    "2026-1-1",
    "01/02/2026",
    "<script>alert(1)</script>",
    "'; DROP TABLE tracker_session; --",
    '=HYPERLINK("http://example.org")',
    "x" * 5000,
]
hostile = st.one_of(
    st.sampled_from(ODD),
    st.text(max_size=200),
    st.integers(-(10**40), 10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


def one_of_values(*values: Any) -> st.SearchStrategy[str]:
    return st.sampled_from([str(v) for v in values])


def numbers(low: int, high: int, places: int = 0, *, blank: bool = True) -> st.SearchStrategy[str]:
    """A value in range, the edges included (the forms must take every one)."""
    edges = one_of_values(low, high, *([""] if blank else []))
    if places:
        inside = st.decimals(low, high, places=places).map(str)
        return st.one_of(edges, inside, one_of_values(f"{high}.{'0' * places}"))
    return st.one_of(edges, st.integers(low, high).map(str))


def beyond(low: int, high: int) -> st.SearchStrategy[str]:
    """Just outside the range, and far outside it."""
    return st.one_of(
        one_of_values(low - 1, high + 1, f"{low}.5", f"{high}.001", f"-{high}", f"{high}e3"),
        st.integers(high + 1, 10**20).map(str),
        st.integers(-(10**20), low - 1).map(str),
    )


def corrupted(
    good: st.SearchStrategy[dict[str, str]], bad: dict[str, st.SearchStrategy[str]]
) -> st.SearchStrategy[dict[str, str]]:
    """A submission that would pass, with none, one or a few fields made hostile or left
    out. One bad field at a time finds more than a form with everything wrong, which
    the first check refuses; and the untouched submissions reach the database."""

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, str]:
        data = dict(draw(good))
        names = draw(st.lists(st.sampled_from(sorted(bad)), max_size=3, unique=True))
        for name in names:
            if draw(st.integers(0, 5)) == 0:
                data.pop(name, None)
            else:
                data[name] = draw(st.one_of(hostile, bad[name]))
        return data

    return build()


past_dates = st.dates(min_value=EARLIEST_DATE, max_value=TODAY).map(date.isoformat)
recent_dates = st.dates(min_value=TODAY - timedelta(days=400), max_value=TODAY).map(date.isoformat)
dates = st.one_of(recent_dates, past_dates)
# Beyond either end: the future, and years such as 0001 that break date arithmetic.
bad_dates = st.one_of(
    st.dates(min_value=TODAY + timedelta(days=2)),
    st.dates(max_value=EARLIEST_DATE - timedelta(days=1)),
).map(date.isoformat)
notes = st.one_of(st.just(""), st.text(max_size=300), one_of_values("é" * 2000))
too_long_notes = one_of_values("x" * 2001, "é" * 5000)


def _valid(row: Model) -> None:
    """The saved row passes every validator and constraint the model declares."""
    row.full_clean(validate_unique=False)  # CheckConstraints included


def _post(client: Client, url: str, data: dict[str, str]):
    response = client.post(url, data)
    # The test client re-raises any exception a view lets out, so a would-be 500
    # fails the example before this line; a view answering 500 itself fails here.
    assert response.status_code in (200, 302), (response.status_code, data)
    return response


def _pages_still_open(client: Client) -> None:
    """Every page that shows the runner's rows, with whatever the fuzzing saved."""
    for name in ("dashboard", "session_list", "soreness_list", "shoe_list", "warnings"):
        assert client.get(reverse(name)).status_code == 200, name


# --- the forms, through HTTP ----------------------------------------------------------

no_pain = st.just({"pain": "", "pain_area": "", "pain_side": ""})
pain = st.fixed_dictionaries(
    {
        "pain": numbers(0, 10),
        "pain_area": one_of_values("calf", "shin", "knee", "achilles"),
        "pain_side": one_of_values("left", "right", "both"),
    }
)
# Durations and paces as runners type them (tracker/form_fields.py).
clock = st.builds(
    lambda h, m, sec, hours: f"{h}:{m:02d}:{sec:02d}" if hours else f"{m}:{sec:02d}",
    st.integers(0, 30),
    st.integers(0, 99),
    st.integers(0, 59),
    st.booleans(),
)
good_session = st.tuples(
    st.fixed_dictionaries(
        {
            "date": dates,
            "activity": one_of_values("run", "walk", "cycle", "jump_rope", "strength", "other"),
            "distance": numbers(0, 248, 3),  # 248 miles is still under 400 km
            "duration_min": st.one_of(numbers(0, 1800, 2), clock),
            "pace": st.one_of(st.just(""), clock, numbers(0, 60, 2)),
            "surface": one_of_values("", "asphalt", "trail", "treadmill", "sand"),
            "terrain": one_of_values("", "flat", "hilly", "downhill"),
            "shoe": one_of_values("mine", ""),
            "warmup_min": numbers(0, 1800),
            "cooldown_min": numbers(0, 1800),
            "fast_pct": numbers(0, 100),
            "rpe": numbers(1, 10),
            "stopped": one_of_values("unknown", "true", "false"),
            "notes": notes,
            "title": one_of_values("", "Parkrun", "=1+1"),
            "start_time": one_of_values("", "07:05", "23:59", "0:00"),
            "race": one_of_values("unknown", "true", "false"),
            "avg_hr": numbers(30, 250),
            "max_hr": numbers(30, 250),
            "ascent_m": numbers(0, 10_000),
        }
    ),
    st.one_of(no_pain, pain),
).map(lambda parts: {**parts[0], **parts[1]})
session_posts = corrupted(
    good_session,
    {
        "date": bad_dates,
        "activity": one_of_values("swim", "RUN", ""),
        "distance": st.one_of(beyond(0, 400), one_of_values("248.549", "400.0005")),
        "duration_min": st.one_of(beyond(0, 1800), one_of_values("1:60:00", "45:60", "::")),
        "pace": st.one_of(beyond(0, 60), one_of_values("5:60", "1,234.5")),
        "surface": one_of_values("ice", "Asphalt"),
        "terrain": one_of_values("cliff"),
        "shoe": one_of_values("theirs", "0", "-1", "9" * 30, "x"),
        "warmup_min": beyond(0, 1800),
        "cooldown_min": beyond(0, 1800),
        "fast_pct": beyond(0, 100),
        "rpe": beyond(1, 10),
        "stopped": one_of_values("maybe", "2"),
        "pain": beyond(0, 10),
        "pain_area": one_of_values("", "elbow"),
        "pain_side": one_of_values("", "middle"),
        "notes": too_long_notes,
        "title": one_of_values("x" * 201, "a\x00b"),
        "start_time": one_of_values("25:00", "7h", "07:60", "-1:00"),
        "race": one_of_values("maybe"),
        "avg_hr": beyond(30, 250),
        "max_hr": beyond(30, 250),
        "ascent_m": beyond(0, 10_000),
    },
)


def test_it_never_fails_on_a_session_post(client_for, runner, other_runner, make_shoe):
    mine, theirs = make_shoe(runner), make_shoe(other_runner)
    client = client_for(runner)

    @FUZZ
    @given(data=session_posts, units=st.sampled_from(["km", "mi"]))
    def post(data: dict[str, str], units: str) -> None:
        Profile.objects.filter(user=runner).update(units=units)
        if "shoe" in data:
            data["shoe"] = {"mine": str(mine.pk), "theirs": str(theirs.pk)}.get(
                data["shoe"], data["shoe"]
            )
        before = Session.objects.count()
        response = _post(client, reverse("session_add"), data)
        if response.status_code == 302:
            session = Session.objects.latest("id")
            _valid(session)
            assert session.user == runner and session.shoe in (None, mine)
            assert client.get(response["Location"]).status_code == 200  # its detail page
        else:
            assert Session.objects.count() == before

    post()
    _pages_still_open(client)


soreness_posts = corrupted(
    st.fixed_dictionaries(
        {
            "date": dates,
            "area": one_of_values("calf", "shin", "achilles", "heel", "other"),
            "side": one_of_values("left", "right", "both"),
            "severity": numbers(0, 10),
            "kind": one_of_values("", "aching", "sharp", "cramp", "pulsating"),
            "notes": notes,
        },
        optional={"swelling": one_of_values("on"), "at_night": one_of_values("on")},
    ),
    {
        "date": bad_dates,
        "area": one_of_values("", "elbow"),
        "side": one_of_values("", "up"),
        "severity": beyond(0, 10),
        "kind": one_of_values("tingly"),
        "swelling": one_of_values("maybe", "false"),
        "at_night": one_of_values("2"),
        "notes": too_long_notes,
    },
)


def test_it_never_fails_on_a_check_in_post(client_for, runner):
    client = client_for(runner)

    @FUZZ
    @given(data=soreness_posts)
    def post(data: dict[str, str]) -> None:
        before = Soreness.objects.count()
        if _post(client, reverse("soreness_add"), data).status_code == 302:
            _valid(Soreness.objects.latest("id"))
        else:
            assert Soreness.objects.count() == before

    post()
    _pages_still_open(client)


shoe_posts = corrupted(
    st.fixed_dictionaries(
        {
            "name": st.one_of(one_of_values("Grey", "grey ", "Trail pair"), st.text(max_size=100)),
            "kind": one_of_values("running", "trail", "racing", "casual"),
            "first_used": st.one_of(st.just(""), past_dates),
            "retired": st.just(""),
            "limit": numbers(1, 6_000),  # 6,000 miles is still under 10,000 km
            "notes": notes,
        }
    ),
    {
        "name": one_of_values("", " ", "x" * 101),
        "kind": one_of_values("boots"),
        "first_used": bad_dates,
        "retired": st.one_of(past_dates, bad_dates),
        "limit": beyond(1, 10_000),
        "notes": too_long_notes,
    },
)


def test_it_never_fails_on_a_shoe_post(client_for, runner):
    client = client_for(runner)

    @FUZZ
    @given(data=shoe_posts, units=st.sampled_from(["km", "mi"]))
    def post(data: dict[str, str], units: str) -> None:
        Profile.objects.filter(user=runner).update(units=units)
        before = Shoe.objects.count()
        if _post(client, reverse("shoe_add"), data).status_code == 302:
            _valid(Shoe.objects.latest("id"))
        else:
            assert Shoe.objects.count() == before

    post()
    _pages_still_open(client)


profile_posts = corrupted(
    st.fixed_dictionaries(
        {
            "units": one_of_values("km", "mi"),
            # The zones furthest from UTC: "today" differs from the server's there.
            "time_zone": one_of_values(
                "UTC", "Europe/Berlin", "Pacific/Kiritimati", "Etc/GMT+12", "America/St_Johns"
            ),
            "week_start": numbers(0, 6),
            "started_running": st.one_of(st.just(""), past_dates),
        }
    ),
    {
        "units": one_of_values("KM", "furlongs", ""),
        "time_zone": one_of_values("Mars/Olympus", "../../etc/passwd", "", "utc"),
        "week_start": beyond(0, 6),
        "started_running": bad_dates,
    },
)


def test_it_never_fails_on_a_settings_post(client_for, runner, make_session, make_soreness):
    make_session(runner, date=TODAY - timedelta(days=3))
    make_soreness(runner, date=TODAY - timedelta(days=1))
    client = client_for(runner)
    saved: list[dict[str, str]] = []

    # Fewer examples here: every refused post renders the page again, and its time
    # zone list has some 600 options.
    @settings(parent=FUZZ, max_examples=30)
    @given(data=profile_posts)
    def post(data: dict[str, str]) -> None:
        if _post(client, reverse("profile"), data).status_code == 302:
            saved.append(data)
        _valid(Profile.objects.get(user=runner))

    post()
    # Each saved combination of units, zone and week start, once, in the pages.
    for data in saved[:8]:
        client.post(reverse("profile"), data)
        _pages_still_open(client)


signup_posts = corrupted(
    st.fixed_dictionaries(
        {
            "username": st.from_regex(r"[A-Za-z0-9_.@+-]{1,30}", fullmatch=True),
            "email": st.emails(),
            "password1": one_of_values("calf-raises-2026", "Ω-long-passphrase-42"),
        }
    ),
    {
        "username": one_of_values("", "a" * 151, "white space", "admin"),
        "email": one_of_values("", "not-an-email", "a@" + "b" * 300 + ".org"),
        "password1": one_of_values("", "123", "password", "x" * 4096),
        "password2": one_of_values("", "different-2026"),
    },
)


def test_it_never_fails_on_a_signup_post(django_user_model):
    @FUZZ
    @given(data=signup_posts)
    def post(data: dict[str, str]) -> None:
        data.setdefault("password2", data.get("password1", ""))
        before = django_user_model.objects.count()
        if _post(Client(), reverse("signup"), data).status_code == 302:
            user = django_user_model.objects.latest("id")
            _valid(user)
            assert Profile.objects.filter(user=user).exists()
        else:
            assert django_user_model.objects.count() == before

    post()


# --- the CSV importer -----------------------------------------------------------------

# Per file: a valid cell for each column, and what an edited spreadsheet gets wrong.
CELLS: dict[str, dict[str, tuple[st.SearchStrategy[str], st.SearchStrategy[str]]]] = {
    SHOES: {
        "name": (
            st.one_of(one_of_values("Grey", "Trail pair"), st.text(min_size=1, max_size=40)),
            one_of_values("", "x" * 101, "a\x00b"),
        ),
        "kind": (one_of_values("running", "trail", "racing", "casual"), one_of_values("boots")),
        "first_used": (st.one_of(st.just(""), past_dates), bad_dates),
        "retired": (st.just(""), st.one_of(past_dates, bad_dates)),
        "limit_km": (st.one_of(st.just(""), numbers(1, 10_000)), beyond(1, 10_000)),
        "notes": (notes, too_long_notes),
    },
    SESSIONS: {
        "date": (dates, bad_dates),
        "activity": (one_of_values("run", "walk", "cycle", "strength"), one_of_values("swim")),
        "distance_km": (numbers(0, 400, 3, blank=False), beyond(0, 400)),
        "duration_min": (numbers(0, 1800, 2), beyond(0, 1800)),
        "surface": (one_of_values("", "asphalt", "trail"), one_of_values("ice")),
        "terrain": (one_of_values("", "flat", "rolling"), one_of_values("cliff")),
        "shoe": (one_of_values("", "Grey"), one_of_values("Nope", "x" * 101)),
        "warmup_min": (numbers(0, 1800), beyond(0, 1800)),
        "cooldown_min": (numbers(0, 1800), beyond(0, 1800)),
        "fast_pct": (numbers(0, 100), beyond(0, 100)),
        "rpe": (numbers(1, 10), beyond(1, 10)),
        "stopped": (one_of_values("", "yes", "no", "true", "0"), one_of_values("maybe")),
        "pain": (numbers(0, 10), beyond(0, 10)),
        "pain_area": (one_of_values("", "calf", "knee"), one_of_values("elbow")),
        "pain_side": (one_of_values("", "left", "both"), one_of_values("middle")),
        "notes": (notes, too_long_notes),
        "title": (one_of_values("", "Parkrun", "=SUM(A1)"), one_of_values("x" * 201, "a\x00b")),
        "start_time": (
            one_of_values("", "07:05", "7:05", "23:59:30"),
            one_of_values("24:00", "7h", "07:60", "noon"),
        ),
        "avg_hr": (numbers(30, 250), beyond(30, 250)),
        "max_hr": (numbers(30, 250), beyond(30, 250)),
        "ascent_m": (numbers(0, 10_000), beyond(0, 10_000)),
        "race": (one_of_values("", "yes", "no", "false"), one_of_values("maybe")),
    },
    SORENESS: {
        "date": (dates, bad_dates),
        "area": (one_of_values("calf", "heel", "back"), one_of_values("", "elbow")),
        "side": (one_of_values("left", "right", "both"), one_of_values("", "up")),
        "severity": (numbers(0, 10, blank=False), beyond(0, 10)),
        "kind": (one_of_values("", "aching", "stiffness"), one_of_values("tingly")),
        "swelling": (one_of_values("", "yes", "no"), one_of_values("2")),
        "at_night": (one_of_values("", "yes", "no"), one_of_values("maybe")),
        "notes": (notes, too_long_notes),
    },
}


def _write_csv(names: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=names)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def csv_file(kind: str) -> st.SearchStrategy[str | bytes]:
    cells = CELLS[kind]
    names = [column.name for column in COLUMNS[kind]]
    assert set(names) == set(cells), "a contract column without a fuzzing strategy"

    @st.composite
    def rows(draw: st.DrawFn) -> list[dict[str, str]]:
        """Valid rows, then none, one or two cells made bad (or hostile)."""
        table = draw(st.lists(st.fixed_dictionaries({n: cells[n][0] for n in names}), max_size=8))
        if table:
            for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
                row = draw(st.sampled_from(table))
                name = draw(st.sampled_from(names))
                row[name] = draw(st.one_of(cells[name][1], hostile))
        return table

    written = rows().map(lambda table: _write_csv(names, table))
    # And what is not a CSV file of ours at all: random bytes, another encoding, a
    # BOM, a semicolon dialect, a stray column, an unterminated quote.
    broken = st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300),
        written.map(lambda text: text.encode("utf-16")),
        written.map(lambda text: "\ufeff" + text),
        written.map(lambda text: text.replace(",", ";")),
        written.map(lambda text: text.replace("\n", "\n,extra,", 1)),
        written.map(lambda text: text + '2026-01-01,"run\n'),
        st.just(",".join(names) + ",surprise\r\n"),
    )
    # one_of would flatten `broken` into eight equal branches; one file in five is enough.
    return st.integers(0, 4).flatmap(lambda n: broken if n == 0 else written)


def test_it_never_fails_on_a_csv_import(runner, client_for, make_shoe):
    make_shoe(runner, name="Grey")

    @FUZZ
    @given(
        shoes=st.one_of(st.none(), csv_file(SHOES)),
        sessions=st.one_of(st.none(), csv_file(SESSIONS)),
        soreness=st.one_of(st.none(), csv_file(SORENESS)),
    )
    def load(shoes: Any, sessions: Any, soreness: Any) -> None:
        given_files = ((SHOES, shoes), (SESSIONS, sessions), (SORENESS, soreness))
        files = {kind: (f"{kind}.csv", data) for kind, data in given_files if data is not None}
        counts = (Shoe.objects.count(), Session.objects.count(), Soreness.objects.count())
        plan = plan_import(user=runner, today=TODAY, **files)
        if plan.errors:
            assert all(line.count(":") >= 2 for line in plan.errors), plan.errors
            with pytest.raises(ImportRejected):
                apply_import(plan)
            now = (Shoe.objects.count(), Session.objects.count(), Soreness.objects.count())
            assert now == counts
            return
        apply_import(plan)

    load()
    for model in (Shoe, Session, Soreness):
        for row in model.objects.filter(user=runner):
            _valid(row)
    _pages_still_open(client_for(runner))


# What the fuzzing found: a session dated 0001-01-01 passed the form, then its page
# and the dashboard failed computing the weeks before it (OverflowError); a date a
# few centuries back made the whole-log chart take seconds. Dates start in 1900.


@pytest.mark.parametrize("day", ["0001-01-01", "1000-06-01", "1899-12-31"])
def test_it_refuses_a_date_before_1900(client_for, runner, day):
    client = client_for(runner)
    session = {"date": day, "activity": "run", "distance": "5", "stopped": "unknown"}
    response = _post(client, reverse("session_add"), session)
    assert "check the year" in " ".join(response.context["form"].errors["date"])
    check_in = {"date": day, "area": "calf", "side": "left", "severity": "2"}
    response = _post(client, reverse("soreness_add"), check_in)
    assert "check the year" in " ".join(response.context["form"].errors["date"])
    text = f"date,activity,distance_km\n{day},run,5\n"
    plan = plan_import(user=runner, today=TODAY, sessions=("sessions.csv", text))
    assert plan.errors == [f"sessions.csv:2: date: {day} is before 1900-01-01; check the year"]


def test_it_takes_the_first_day_of_1900(client_for, runner):
    client = client_for(runner)
    session = {"date": "1900-01-01", "activity": "run", "distance": "5", "stopped": "unknown"}
    response = _post(client, reverse("session_add"), session)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert client.get(reverse("dashboard")).status_code == 200
