"""Bringing a runner's history in and taking it out.

    readers/    pure parsing, no Django: one module per format (sniff / count /
                read) and the registry that lists them
    limits.py   every size and count limit an upload or a reader checks (pure)
    mapping.py  one parsed activity -> one Session, or a duplicate, or refused
    steps.py    an input file through its reader, a step at a time (the
                ``import_files`` command and the jobs share it)
    storage.py  uploads kept in Django's storage until their job has run
    jobs.py     ImportJob: create, run to the end, resume, progress
    locks.py    the lock that keeps one job on one worker at a time
    tasks.py    the task-framework entry points (run a job, recover orphans)
    contract/   the native CSV files (CONTRACT.md): columns, plan and apply,
                export, and the web's preview and confirm

This file imports nothing, so that ``tracker.imports.readers`` and
``tracker.imports.limits`` can be used without Django.
"""
