"""What protects a runner's health data: log-in throttling, CSP, CSRF on every
state-changing request, safe redirects, escaping everywhere, uploads never served."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from tracker.charts.series import ShoeWear
from tracker.charts.shoes import shoes_figure
from tracker.models import Session, Shoe, Soreness

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-42"
LOGIN = "/accounts/login/"


# --- log-in throttling ----------------------------------------------------------


def _log_in(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def test_it_locks_a_username_out_after_five_bad_passwords(client, runner, make_user, settings):
    settings.AXES_ENABLED = True  # off for the rest of the suite, which logs in a lot
    for _ in range(4):
        assert _log_in(client, "alice", "guess").status_code == 200  # the form again
    fifth = _log_in(client, "alice", "guess")
    assert fifth.status_code == 429
    assert "Too many failed log-ins" in fifth.content.decode()
    # Locked: even the right password is refused now.
    assert _log_in(client, "alice", PASSWORD).status_code == 429
    assert client.get(reverse("dashboard")).status_code == 302  # not logged in
    # The lock is on that username from that address; other runners still get in.
    make_user("bob")
    assert _log_in(Client(), "bob", PASSWORD)["Location"] == reverse("dashboard")


def test_it_forgives_a_few_typos_once_the_right_password_comes(client, runner, settings):
    settings.AXES_ENABLED = True
    for _ in range(4):
        _log_in(client, "alice", "guess")
    assert _log_in(client, "alice", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):  # the counter started again after the good log-in
        _log_in(client, "alice", "guess")
    assert _log_in(client, "alice", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("behind_proxy", "forwarded", "expected"),
    [
        (False, "203.0.113.9", "10.0.0.2"),  # no proxy of ours: the header is the client's
        (True, "203.0.113.9", "203.0.113.9"),
        (True, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the first entry is spoofable
        (True, "", "10.0.0.2"),
    ],
)
def test_it_keys_lockouts_on_the_address_our_proxy_saw(behind_proxy, forwarded, expected, settings):
    from tracker.settings import client_ip

    settings.BEHIND_TLS_PROXY = behind_proxy
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


# --- a runner's log with hostile text in every free-text field --------------------

XSS = '<script>alert("xss")</script>'
ATTRIBUTE_BREAKER = '"><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile_log(runner, make_shoe, make_session, make_soreness):
    shoe = make_shoe(runner, name=XSS, notes=ATTRIBUTE_BREAKER)
    session = make_session(
        runner,
        date=date.today(),
        shoe=shoe,
        notes=f"{XSS}\n{ATTRIBUTE_BREAKER}",
        pain=3,
        pain_area="calf",
        pain_side="left",
    )
    for days_ago in range(3):
        make_session(
            runner, date=date.fromordinal(date.today().toordinal() - 7 * days_ago), shoe=shoe
        )
    soreness = make_soreness(runner, date=date.today(), notes=XSS, severity=6)
    return {"shoe": shoe, "session": session, "soreness": soreness}


def _assert_shown_as_text(html: str, *, must_show: bool = True) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    if must_show:
        assert "&lt;script&gt;alert" in html


RUNNER_PAGES = [
    ("session_detail", "session", True),
    ("session_list", None, True),  # the shoe column
    ("session_edit", "session", True),
    ("soreness_list", None, True),
    ("soreness_edit", "soreness", True),
    ("shoe_list", None, True),
    ("shoe_edit", "shoe", True),
    ("session_add", None, True),  # the shoe drop-down
    ("dashboard", None, False),  # names travel as JSON to the charts
    ("warnings", None, False),
]


@pytest.mark.parametrize(
    ("name", "row", "must_show"), RUNNER_PAGES, ids=[p[0] for p in RUNNER_PAGES]
)
def test_it_shows_hostile_notes_and_names_as_text(
    client_for, runner, hostile_log, name, row, must_show
):
    args = [hostile_log[row].pk] if row else []
    page = client_for(runner).get(reverse(name, args=args))
    assert page.status_code == 200
    _assert_shown_as_text(page.content.decode(), must_show=must_show)


@pytest.mark.parametrize("model", [Session, Shoe, Soreness], ids=lambda m: m.__name__)
def test_it_shows_hostile_text_as_text_in_the_admin(client, django_user_model, hostile_log, model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(admin)
    meta = model._meta
    changelist = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    assert changelist.status_code == 200
    # The session list shows its shoe's name; the others their own text.
    _assert_shown_as_text(changelist.content.decode(), must_show=model is not Soreness)
    row = hostile_log[{Session: "session", Shoe: "shoe", Soreness: "soreness"}[model]]
    change = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[row.pk]))
    assert change.status_code == 200
    _assert_shown_as_text(change.content.decode())


def test_it_sends_chart_labels_to_plotly_as_text():
    """plotly renders a small HTML dialect in labels and hover text."""
    wear = ShoeWear(1, XSS, False, 650, 120.0, 40.0)
    figure = shoes_figure([wear], units="km", range_label="12 weeks")
    assert figure is not None
    labels = [label for trace in figure["data"] for label in trace.get("y", ())]
    assert labels and all("<script>" not in str(label) for label in labels)
    assert any("&lt;script&gt;" in str(label) for label in labels)


# --- Content-Security-Policy ------------------------------------------------------

PAGES_TO_SCAN = [
    "landing",
    "login",
    "signup",
    "dashboard",
    "session_list",
    "session_add",
    "soreness_list",
    "soreness_add",
    "shoe_list",
    "shoe_add",
    "profile",
    "warnings",
    "rules",
    "import",
]
# json_script blocks are data, not code; everything else must come from our files.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.I)


@pytest.mark.parametrize("name", PAGES_TO_SCAN)
def test_it_needs_no_unsafe_inline_anywhere(client, runner, hostile_log, name):
    if name not in {"landing", "login", "signup", "rules"}:
        client.force_login(runner)
    page = client.get(reverse(name))
    assert page.status_code == 200
    csp = page["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    html = page.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    assert not INLINE_HANDLER.search(html), INLINE_HANDLER.search(html)
    assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html)


# --- CSRF on every URL that takes a POST ------------------------------------------


def _concrete(pattern: str) -> str:
    """A path segment that the pattern matches, route or regex alike."""
    path = re.sub(r"<(int:)?(pk|id|object_id|content_type_id)>", "1", pattern)
    path = re.sub(r"<path:[^>]+>", "1", path)
    path = re.sub(r"<uidb64>", "MQ", path)
    path = re.sub(r"<token>", "set-password", path)
    path = re.sub(r"<int:[^>]+>", "1", path)
    path = re.sub(r"<[^>]+>", "x", path)
    # Regex groups such as (?P<app_label>auth|tracker): the last alternative.
    path = re.sub(r"\(\?P<\w+>([^)]*)\)", lambda m: m.group(1).split("|")[-1], path)
    return path.replace("^", "").replace("$", "").replace("\\", "")


def _walk(patterns, prefix: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + _concrete(str(entry.pattern)))
        elif isinstance(entry, URLPattern):
            yield entry.name or "", "/" + prefix + _concrete(str(entry.pattern))


EVERY_ROUTE = sorted(set(_walk(get_resolver().url_patterns)))


def test_it_walks_every_route_including_uploads_and_the_admin():
    names = {name for name, _ in EVERY_ROUTE}
    assert {"login", "logout", "signup", "session_add", "shoe_delete", "profile"} <= names
    assert any(path.startswith("/admin/tracker/session/") for _, path in EVERY_ROUTE)
    for _, path in EVERY_ROUTE:
        resolve(path)  # each made-up path reaches its view


@pytest.fixture
def staff_client_with_cookie(django_user_model):
    """A browser that holds the CSRF cookie (it visited the site) but whose request
    comes from another site, which cannot read the token."""
    staff = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    client.get(LOGIN.replace("login", "password_reset"))  # sets the csrftoken cookie
    assert "csrftoken" in client.cookies
    return client


@pytest.mark.parametrize(("name", "path"), EVERY_ROUTE, ids=[p for _, p in EVERY_ROUTE])
def test_it_refuses_a_post_without_the_csrf_token(staff_client_with_cookie, caplog, name, path):
    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        response = staff_client_with_cookie.post(path, {"name": "x", "username": "root"})
    if path.startswith("/api/v1/"):
        # The API takes no cookie at all (tracker/api/auth.py): a logged-in browser's
        # post is not authenticated, so there is nothing for a forged one to ride on.
        public = name in ("openapi-json", "openapi-view", "api-root")
        # Its schema and docs page are ordinary views: Django's CSRF check refuses the post.
        assert response.status_code in ((403, 404, 405) if public else (401, 405)), path
        return
    assert response.status_code == 403, (path, response.status_code)
    assert any(r.name == "django.security.csrf" for r in caplog.records), path


def test_it_changes_nothing_on_a_get(client_for, runner, hostile_log):
    """CSRF protects unsafe methods only, so no view may change data on a GET."""
    # Not the flag store: a cache of the rules' evaluation, filled by reads by design.
    models = [
        m
        for m in apps.get_app_config("tracker").get_models()
        if m.__module__ != "tracker.flag_models"
    ]

    def snapshot():
        return {m.__name__: list(m._default_manager.values()) for m in models}

    client = client_for(runner)
    ids = {"session": hostile_log["session"].pk, "shoe": hostile_log["shoe"].pk}
    before = snapshot()
    for name, path in EVERY_ROUTE:
        if path.startswith("/admin/"):
            continue
        kind = name.split("_")[0]
        client.get(path.replace("/1/", f"/{ids.get(kind, 1)}/"))
    assert snapshot() == before
    assert client.get(reverse("dashboard")).status_code == 200  # still logged in


# --- redirects after log-in -------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "https:evil.example",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
    ],
)
def test_it_refuses_to_send_a_runner_to_another_host_after_log_in(client, runner, target):
    response = client.post(LOGIN, {"username": "alice", "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_it_follows_next_on_our_own_site(client, runner):
    response = client.post(
        LOGIN, {"username": "alice", "password": PASSWORD, "next": "/sessions/?page=2"}
    )
    assert response["Location"] == "/sessions/?page=2"


def test_it_refuses_another_host_after_log_out(client_for, runner):
    response = client_for(runner).post(reverse("logout") + "?next=https://evil.example/")
    assert "evil.example" not in response.get("Location", "")


# --- uploads are never served back -------------------------------------------------


def _served_dirs() -> list[Path]:
    dirs = [Path(settings.STATIC_ROOT), Path(settings.BASE_DIR) / "templates"]
    for finder in finders.get_finders():
        for _, storage in finder.list([]):
            dirs.append(Path(storage.location))
    return dirs


def _files_under(dirs: list[Path]) -> set[Path]:
    return {path for d in dirs if d.exists() for path in d.rglob("*") if path.is_file()}


def test_it_has_no_media_route_and_spools_uploads_outside_served_folders():
    assert not settings.MEDIA_ROOT  # nowhere to keep uploads, so nothing to serve them from
    for path in ("/media/x.html", "/uploads/x.html"):
        with pytest.raises(Resolver404):
            resolve(path)
    import tracker.settings as configured  # the deployment's default, not the suite's

    imports = configured.STORAGES["imports"]
    assert imports["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert imports["OPTIONS"]["base_url"] is None  # no URL for an upload
    assert imports["OPTIONS"]["file_permissions_mode"] == 0o600
    spool = Path(imports["OPTIONS"]["location"]).resolve()
    for served in _served_dirs():
        assert not spool.is_relative_to(served.resolve()), (spool, served)


def test_it_never_writes_an_upload_where_it_could_be_served(client_for, runner, tmp_path):
    before = _files_under(_served_dirs())
    payload = b"<html><script>alert(1)</script></html>"
    client = client_for(runner)
    for name in ("evil.html", "evil.gpx"):  # refused by its name; taken, then refused
        upload = SimpleUploadedFile(f"../../tracker/static/tracker/{name}", payload, "text/html")
        response = client.post(reverse("import_files"), {"files": [upload]})
        assert response.status_code in (200, 302, 400), response.status_code
    assert _files_under(_served_dirs()) == before
    for served in ("/static/tracker/evil.html", "/static/tracker/evil.gpx", "/evil.gpx"):
        assert client.get(served).status_code == 404
    # Whatever was spooled has a name of our own making, inside the spool folder.
    for path in (tmp_path / "spool").rglob("*"):
        assert path.resolve().is_relative_to((tmp_path / "spool").resolve())
        assert "evil" not in path.name


# --- caching ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", [*(n for n in PAGES_TO_SCAN if n not in {"landing", "login", "signup"}), "export"]
)
def test_it_keeps_a_runners_pages_and_files_out_of_every_cache(client, runner, hostile_log, name):
    client.force_login(runner)
    response = client.get(reverse(name))
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control or {"no-store", "no-cache"} <= cache_control


def test_it_lets_anonymous_public_pages_and_static_files_be_cached_normally(client):
    assert "no-store" not in client.get(reverse("rules")).get("Cache-Control", "")


def test_it_locks_an_address_that_tries_many_usernames(client, make_user, settings):
    """40 wrong passwords over 10 accounts from one address: locked at the 20th,
    though no single username reached its own limit of five."""
    settings.AXES_ENABLED = True
    for n in range(10):
        make_user(f"target{n}")
    statuses = [
        _log_in(client, f"target{attempt % 10}", "guess").status_code for attempt in range(40)
    ]
    assert statuses[:19] == [200] * 19
    assert set(statuses[19:]) == {429}
    # The address is locked for every username, the right password included ...
    assert _log_in(client, "target3", PASSWORD).status_code == 429
    # ... and only that address.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert _log_in(other, "target3", PASSWORD).status_code == 302


def test_it_does_not_let_a_good_log_in_clear_the_addresss_count(client, make_user, settings):
    settings.AXES_ENABLED = True
    make_user("attacker")
    for n in range(8):
        make_user(f"victim{n}")
    for attempt in range(16):  # two failures each: no username near its own limit
        _log_in(client, f"victim{attempt % 8}", "guess")
    assert _log_in(client, "attacker", PASSWORD).status_code == 302
    client.logout()
    statuses = [_log_in(client, f"victim{n}", "guess").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
