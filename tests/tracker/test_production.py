"""Production mode: the settings a deployment runs with, checked in a separate process.

The suite runs on tests/settings.py, which relaxes hashing, throttling, cookies and
HSTS. So these tests start Python afresh with the environment of a real deployment
(DJANGO_SETTINGS_MODULE=tracker.settings, as manage.py and wsgi.py default to) and
look at what that process sees.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MANAGE = str(ROOT / "manage.py")


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a deployment: DEBUG off, a real key, one public host name.

    The suite's settings module goes (the deployment's is named instead); DATABASE_URL
    goes, so that the suite's PostgreSQL run still checks the SQLite default.
    PYTEST_VERSION, which pytest exports, stays: the deployment's settings must not
    change under pytest (nothing in tracker/ asks whether it runs under test).
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTEST_CURRENT_TEST", "DATABASE_URL", "DEBUG"}
        and not key.startswith(("SECURE_", "SESSION_COOKIE", "CSRF_COOKIE", "AXES_"))
    }
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
        STRIDEWISE_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="tracker.settings",
    )
    env.update(extra)
    return env


def run_python(code: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


# What a deployment's process sees: what `check --deploy` says, its settings, and the
# headers of a page served after `collectstatic`, as `make serve` runs them (into a
# scratch STATIC_ROOT). One process for all of it keeps the suite fast.
PROBE = """
import io
import json
import sys
import django
django.setup()
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client, override_settings

report = io.StringIO()
try:
    call_command("check", deploy=True, fail_level="WARNING", stdout=report, stderr=report)
except SystemCheckError as failed:
    report.write(str(failed))
with override_settings(STATIC_ROOT=sys.argv[1]):
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(HTTP_HOST="example.org")
    page = client.get("/accounts/login/", secure=True)
    plain = client.get("/accounts/login/")
csrf = page.cookies["csrftoken"]
print(json.dumps({
    "check_deploy": report.getvalue(),
    "debug": settings.DEBUG,
    "settings_module": settings.SETTINGS_MODULE,
    "hashers": settings.PASSWORD_HASHERS,
    "hash": make_password("correct horse battery staple"),
    "axes_enabled": settings.AXES_ENABLED,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "static_backend": settings.STORAGES["staticfiles"]["BACKEND"],
    "status": page.status_code,
    "page": page.content.decode(),
    "headers": dict(page.headers),
    "csrf_cookie": {"secure": csrf["secure"], "httponly": csrf["httponly"]},
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location"),
}))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict:
    scratch = tmp_path_factory.mktemp("prod")
    done = run_python(PROBE, production_env(scratch), str(scratch / "static"))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_it_passes_check_deploy_without_a_single_warning(production):
    report = production["check_deploy"]
    assert "no issues" in report and "WARNING" not in report, report


def test_it_runs_with_debug_off_and_not_as_under_test(production):
    assert production["debug"] is False
    assert production["settings_module"] == "tracker.settings"
    assert production["axes_enabled"] is True


def test_it_hashes_passwords_with_argon2(production):
    assert production["hashers"][0] == "tracker.hashers.OwaspArgon2PasswordHasher"
    assert production["hash"].startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_it_sends_the_security_headers(production):
    headers = {name.lower(): value for name, value in production["headers"].items()}
    assert production["status"] == 200
    hsts = headers["strict-transport-security"]
    assert "includeSubDomains" in hsts
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 60 * 60 * 24 * 365
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_it_keeps_cookies_to_https_and_away_from_scripts(production):
    assert production["csrf_cookie"] == {"secure": True, "httponly": True}
    assert production["session_cookie_secure"] is True
    assert production["session_cookie_httponly"] is True


def test_it_redirects_plain_http_to_https(production):
    assert production["plain_status"] == 301
    assert production["plain_location"] == "https://example.org/accounts/login/"


def test_it_serves_static_files_from_the_collected_manifest(production):
    """Every file a page names exists after collectstatic, under its hashed name, so
    whitenoise can send it with a far-future cache header."""
    assert production["static_backend"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert production["status"] == 200
    assert re.search(
        r"/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css", production["page"]
    )


# A writer that reads, then writes, in one transaction: under SQLite's default
# DEFERRED transactions two of these fail at once with "database is locked", since
# neither reader can be promoted to the writer while the other holds its snapshot.
WRITER = """
import sys
from datetime import date
import django
django.setup()
from django.contrib.auth.models import User
from django.db import transaction
from tracker.models import Session

user, _ = User.objects.get_or_create(username=sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
for i in range(int(sys.argv[2])):
    with transaction.atomic():
        logged = Session.objects.filter(user=user).count()
        Session.objects.create(user=user, date=date(2026, 1, 1), activity="run",
                               distance_km=logged % 40, notes=str(i))
print("done", flush=True)
"""


@pytest.mark.django_db  # so that the test database exists for migrated_sqlite to copy
def test_it_makes_concurrent_sqlite_writers_wait_instead_of_failing(tmp_path, migrated_sqlite):
    data = tmp_path / "data"
    data.mkdir()
    (data / "stridewise.sqlite3").write_bytes(migrated_sqlite.read_bytes())
    env = production_env(data)
    per_writer = 150
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, f"writer{n}", str(per_writer)],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]
    try:
        for writer in writers:  # all set up, then all start at once
            assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
        for writer in writers:
            writer.stdin.write("go\n")
            writer.stdin.flush()
        results = [writer.communicate(timeout=120) for writer in writers]
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
    for writer, (out, err) in zip(writers, results, strict=True):
        assert "database is locked" not in err
        assert writer.returncode == 0, err
        assert out.strip() == "done"
    with sqlite3.connect(data / "stridewise.sqlite3") as db:
        (journal,) = db.execute("PRAGMA journal_mode").fetchone()
        (rows,) = db.execute("SELECT count(*) FROM tracker_session").fetchone()
    assert journal == "wal"
    assert rows == 3 * per_writer


READ_KEY = """
from django.conf import settings
print(settings.SECRET_KEY)
"""


def test_it_keeps_one_secret_key_in_the_data_folder_when_none_is_set(tmp_path):
    """A fresh install: the server's workers start at once, and must all sign
    cookies with the same key, the one they leave on disk for the next start."""
    data = tmp_path / "fresh"
    env = production_env(data)
    del env["SECRET_KEY"]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", READ_KEY], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    keys = {worker.communicate(timeout=120)[0].strip() for worker in workers}
    assert len(keys) == 1 and len(keys.pop()) >= 50
    assert (data / "secret_key").read_text().strip() == run_python(READ_KEY, env).stdout.strip()
    assert oct((data / "secret_key").stat().st_mode & 0o777) == oct(0o600)
    assert oct(data.stat().st_mode & 0o777) == oct(0o700)
    # No drafts left; the (empty, private) database file is made at the same start.
    assert sorted(path.name for path in data.iterdir()) == ["secret_key", "stridewise.sqlite3"]


DEFAULTS = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "debug": settings.DEBUG,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "engine": db["ENGINE"],
    "conn_max_age": db["CONN_MAX_AGE"],
    "conn_health_checks": db["CONN_HEALTH_CHECKS"],
}))
"""


def _defaults(env: dict[str, str]) -> dict:
    done = run_python(DEFAULTS, env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_it_keeps_debug_off_and_testserver_out_when_the_environment_says_nothing(tmp_path):
    """A server started without DEBUG in its environment (gunicorn by hand) must not
    show the debug page, which prints settings, to whoever triggers an error."""
    env = production_env(tmp_path / "data")
    del env["DEBUG"], env["ALLOWED_HOSTS"]
    seen = _defaults(env)
    assert seen["debug"] is False
    assert "testserver" not in seen["allowed_hosts"]
    assert seen["allowed_hosts"] == ["127.0.0.1", "localhost", "[::1]"]


def test_it_reuses_postgresql_connections_as_the_readme_says(tmp_path):
    """dj_database_url.parse() fills in CONN_MAX_AGE=0 itself; the setting in force
    must be the README's 60 seconds with health checks (no connection is opened here)."""
    env = production_env(tmp_path / "data", DATABASE_URL="postgres://u:p@db.invalid:5432/sw")
    seen = _defaults(env)
    assert seen["engine"] == "django.db.backends.postgresql"
    assert (seen["conn_max_age"], seen["conn_health_checks"]) == (60, True)
    readme = (ROOT / "README.md").read_text()
    assert "| `CONN_MAX_AGE` | `60` | seconds a web or task worker keeps" in readme
    assert "| `CONN_HEALTH_CHECKS` | `true` |" in readme
    env["CONN_MAX_AGE"] = "0"
    env["CONN_HEALTH_CHECKS"] = "false"
    assert (_defaults(env)["conn_max_age"], _defaults(env)["conn_health_checks"]) == (0, False)


def test_it_makes_an_existing_data_folder_and_database_private(tmp_path):
    """A folder made by hand (0755) with a database an older release left 0644."""
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    database = data / "stridewise.sqlite3"
    database.touch(mode=0o644)
    database.chmod(0o644)
    _defaults(production_env(data))
    assert oct(data.stat().st_mode & 0o777) == oct(0o700)
    assert oct(database.stat().st_mode & 0o777) == oct(0o600)


def test_it_creates_the_database_private_on_a_fresh_install(tmp_path):
    data = tmp_path / "fresh"
    _defaults(production_env(data))
    assert oct((data / "stridewise.sqlite3").stat().st_mode & 0o777) == oct(0o600)
    assert oct(data.stat().st_mode & 0o777) == oct(0o700)
