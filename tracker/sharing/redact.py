"""A logging filter that keeps share links' tokens out of the logs.

The one request that carries a token (``/s/<token>/``) is named in Django's own
log lines: the development server's access line, and ``django.request``'s line
for a 404 (a revoked or mistyped link). Both are rewritten with the token blanked
before any handler sees them. (gunicorn's access log is not Django's: see the
README, Sharing.)
"""

from __future__ import annotations

import logging
import re

_TOKEN_IN_PATH = re.compile(r"/s/[^/\s\"?]+")
REDACTED = "/s/[token]"


class RedactShareTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/s/" in message:
            record.msg = _TOKEN_IN_PATH.sub(REDACTED, message)
            record.args = ()
        return True
