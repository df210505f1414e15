"""Password hashing parameters chosen on purpose.

Django's Argon2 defaults (100 MiB of memory, parallelism 8) make every log-in
cost a worker 100 MiB more memory than the whole rest of the app, for no gain
a self-hosted log needs. OWASP's Password Storage Cheat Sheet (2023) recommends
argon2id with at least 19 MiB of memory, 2 iterations and 1 degree of
parallelism; we use exactly that. The algorithm name stays "argon2", so Django
sees hashes made with other parameters as needing an update and re-hashes them
with these at the runner's next successful log-in.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    """argon2id, m=19 MiB, t=2, p=1 (OWASP's first recommended configuration)."""

    memory_cost = 19 * 1024  # KiB
    time_cost = 2
    parallelism = 1
