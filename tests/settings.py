"""The test suite's settings: the deployment's (tracker.settings) with the few choices
that only make sense under test. pyproject.toml's pytest options name this module, so
nothing in tracker/ needs to know whether it runs under test; tests that need the
deployment's own settings start a process with DJANGO_SETTINGS_MODULE=tracker.settings
(tests/tracker/test_production.py, tests/file_db.py).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# Read by tracker.settings as it is imported, so set first: a fixed key instead of one
# written to the data folder, and a data folder of this process's own, removed at
# exit, so that a test run leaves no key or database file in the checkout's data/.
_DATA_DIR = tempfile.mkdtemp(prefix="stridewise-tests-")
atexit.register(shutil.rmtree, _DATA_DIR, ignore_errors=True)
os.environ["STRIDEWISE_DATA_DIR"] = _DATA_DIR
os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")

from tracker.settings import *  # noqa: E402, F403
from tracker.settings import STORAGES, env_bool  # noqa: E402

# Argon2 is deliberately slow; the suite creates hundreds of users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The suite logs in a lot; the throttling tests switch it on for themselves.
AXES_ENABLED = env_bool("AXES_ENABLED", False)
# The suite opens shared pages many times a minute from one address; the rate
# limit's own test sets it low.
SHARE_RATE_LIMIT = 1_000_000
API_RATE_LIMIT = "1000000/m"
# Static files from the app folders: no collectstatic before a test run.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", False)
if not STATIC_MANIFEST:
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
# The test client speaks plain HTTP: no redirect to HTTPS, no secure-only cookies.
# The deployment's values are checked in a process of their own (test_production.py).
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
