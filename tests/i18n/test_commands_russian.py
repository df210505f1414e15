"""The management commands in Russian with ``--language ru``, English by default; the
parts the contract fixes for scripts stay as they are in every language."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.i18n.refusals import ACTIVITY_FILES, CSV_FILES

pytestmark = pytest.mark.django_db


def run(name: str, *args: str, **options: object) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(name, *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_import_csv_errors_keep_file_line_column_and_word_the_rest(tmp_path, runner):
    path = tmp_path / "sessions.csv"
    path.write_text(CSV_FILES["sessions"], encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError) as english:
        call_command("import_csv", user="alice", sessions=str(path), stderr=err)
    lines = err.getvalue().splitlines()
    assert (
        f"{path}:18: duration_min: 2:00 /km is faster than the world record pace: check the "
        "distance and the time" in lines
    )  # the contract's line, unchanged
    assert str(english.value) == "21 errors in the files; nothing was imported."

    err = StringIO()
    with pytest.raises(CommandError) as russian:
        call_command("import_csv", user="alice", sessions=str(path), language="ru", stderr=err)
    lines = err.getvalue().splitlines()
    assert len(lines) == 21
    assert (
        f"{path}:18: duration_min: 2:00 /км — быстрее мирового рекорда: проверьте "
        "дистанцию и время" in lines
    )
    assert f'{path}:9: distance_km: "abc" — не число' in lines
    assert all(line.startswith(f"{path}:") for line in lines)
    assert str(russian.value) == "В файлах 21 ошибка; ничего не импортировано."
    # The command leaves the process's language as it found it.
    assert translation.get_language() != "ru"


def test_import_csv_summary_in_russian(tmp_path, runner):
    path = tmp_path / "sessions.csv"
    path.write_text("date,activity,distance_km\n2026-01-05,run,5\n", encoding="utf-8")
    out, _ = run("import_csv", user="alice", sessions=str(path), language="ru")
    assert out == f"{path}: добавлено 1, уже было в дневнике 0 (пропущено)\n"
    out, _ = run("import_csv", user="alice", sessions=str(path))
    assert out == f"{path}: 0 added, 1 already in the log (skipped)\n"


def test_import_files_keeps_file_and_status_and_words_the_detail(tmp_path, runner):
    paths = []
    for name in ("fast.gpx", "coordinate.gpx"):
        (tmp_path / name).write_bytes(ACTIVITY_FILES[name][0])
        paths.append(str(tmp_path / name))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_files", *paths, user="alice", language="ru", stdout=out, stderr=err)
    assert out.getvalue().splitlines() == [
        f"{paths[0]}: refused: 0:09 /км — быстрее мирового рекорда: проверьте дистанцию и время",
        f"{paths[1]}: refused: недопустимая координата '95'",
    ]
    assert "GPX: дата, время начала, дистанция" in err.getvalue()
    assert str(refused.value) == (
        "импортировано: 0, уже было в дневнике: 0, отклонено: 2; остальные тренировки "
        "импортированы."
    )
    out = StringIO()
    with pytest.raises(CommandError, match="0 imported, 0 already in the log, 2 refused"):
        call_command("import_files", *paths, user="alice", stdout=out, stderr=StringIO())
    assert out.getvalue().splitlines()[1] == f"{paths[1]}: refused: invalid coordinate '95'"


def test_export_csv_in_russian(tmp_path, runner):
    out, _ = run("export_csv", user="alice", out=str(tmp_path), language="ru")
    assert f"записан {tmp_path / 'sessions.csv'} (0 строк)" in out.splitlines()
    out, _ = run("export_csv", user="alice", out=str(tmp_path / "en"))
    assert f"wrote {tmp_path / 'en' / 'sessions.csv'} (0 rows)" in out.splitlines()


def test_flags_text_in_russian_and_json_in_english(runner, make_session):
    make_session(runner, date=date(2026, 10, 10), stopped=True)
    english, _ = run("flags", user="alice", on="2026-10-10")
    russian, _ = run("flags", user="alice", on="2026-10-10", language="ru")
    assert "stopped-mid-run" in english and "INFO" in english and "What to do:" in english
    assert "stopped-mid-run" in russian  # the rule id is the same in every language
    assert "Что делать:" in russian and "What to do" not in russian
    assert "Перевод:" in russian  # the quote, in English, with its rendering
    assert "2026-10-10 К СВЕДЕНИЮ stopped-mid-run [2026-10-10] Остановка посреди пробежки" in (
        russian
    )
    as_json = {
        language: json.loads(
            run("flags", user="alice", on="2026-10-10", format="json", language=language)[0]
        )
        for language in ("en", "ru")
    }
    assert as_json["ru"] == as_json["en"]  # the contract: English keys and values
    assert as_json["en"][0]["rule"] == "stopped-mid-run"
    none, _ = run("flags", user="alice", on="2026-01-01", language="ru")
    assert none == "На 2026-01-01 действующих предупреждений нет.\n"


def test_a_missing_runner_and_a_bad_date_in_russian(runner):
    with pytest.raises(CommandError) as missing:
        call_command("flags", user="nobody", language="ru")
    assert str(missing.value) == "Бегуна с именем «nobody» нет."
    with pytest.raises(CommandError, match="не дата"):
        call_command("flags", user="alice", on="10/10/2026", language="ru")
    with pytest.raises(CommandError, match="--create-user, чтобы создать"):
        call_command("import_csv", user="nobody", sessions=__file__, language="ru")


def test_an_unknown_language_is_refused(runner):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("flags", "--language", "xx", user="alice")


def test_seed_demo_in_russian():
    out, _ = run(
        "seed_demo", "--user", "demo", "--days", "30", "--end", "2026-03-01", language="ru"
    )
    assert out.startswith("Дневник «demo» заполнен с ")
    assert "(30 дней, seed 7)" in out and "Войдите на http://127.0.0.1:8000/accounts/login/" in out
    assert "Seeded" not in out and "Log in" not in out
    with pytest.raises(CommandError) as again:
        call_command("seed_demo", "--user", "demo", "--days", "30", language="ru")
    assert str(again.value).startswith("Бегун «demo» уже есть (")
    english, _ = run("seed_demo", "--user", "demo2", "--days", "30", "--end", "2026-03-01")
    assert english.startswith("Seeded “demo2” from ") and "(30 days, seed 7)" in english
