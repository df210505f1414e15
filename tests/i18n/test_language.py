"""Which language a page is in, and what stays English whatever the language."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tracker.models import Profile, Session

pytestmark = pytest.mark.django_db

RU = {"HTTP_ACCEPT_LANGUAGE": "ru-RU,ru;q=0.9,en;q=0.5"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def test_the_browsers_language_picks_russian(client):
    response = client.get(reverse("login"), **RU)
    page = response.content.decode()
    assert response["Content-Language"] == "ru"
    assert '<html lang="ru"' in page
    assert "Забыли пароль?" in page and "Forgot your password?" not in page


def test_english_stays_the_default(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="en"' in page and "Forgot your password?" in page


def test_the_log_in_pages_language_form_sets_a_cookie_that_wins(client):
    form = client.get(reverse("signup"), **EN).content.decode()
    assert f'action="{reverse("set_language")}"' in form and 'name="language"' in form
    client.post(reverse("set_language"), {"language": "ru", "next": reverse("login")}, **EN)
    assert "Забыли пароль?" in client.get(reverse("login"), **EN).content.decode()


@pytest.mark.parametrize(
    ("cookie", "browser", "kept"),
    [("ru", EN, "ru"), (None, RU, "ru"), (None, EN, "en"), ("de", RU, "ru")],
    ids=["chosen-on-the-page", "russian-browser", "english-browser", "unknown-cookie"],
)
def test_the_sign_up_page_s_language_is_the_new_profile_s(client, cookie, browser, kept):
    """Chosen on the page or the browser's, it follows the runner to another browser
    and into e-mails, and their weeks follow it rather than the reader's language."""
    from django.conf import settings

    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    data = {
        "username": "vera",
        "email": "vera@example.org",
        "password1": "a-long-passphrase-42",
        "password2": "a-long-passphrase-42",
        "time_zone": "Europe/Moscow",
    }
    assert client.post(reverse("signup"), data, **browser).status_code == 302
    assert Profile.objects.get(user__username="vera").language == kept


@pytest.mark.parametrize(("chosen", "browser", "shown"), [("ru", EN, "ru"), ("en", RU, "en")])
def test_the_profiles_language_overrides_the_browser(client_for, make_user, chosen, browser, shown):
    client = client_for(make_user(language=chosen))
    response = client.get(reverse("dashboard"), **browser)
    assert response["Content-Language"] == shown
    page = response.content.decode()
    assert ("Записать тренировку" in page) == (shown == "ru")


def test_a_blank_profile_language_follows_the_browser(client_for, runner):
    response = client_for(runner).get(reverse("dashboard"), **RU)
    assert response["Content-Language"] == "ru"


def test_the_language_is_chosen_in_the_settings(client_for, runner):
    client = client_for(runner)
    page = client.get(reverse("profile"), **EN).content.decode()
    assert 'name="language"' in page and "As my browser asks" in page
    data = {"language": "ru", "units": "km", "time_zone": "UTC", "week_start": "0"}
    assert client.post(reverse("profile"), data, **EN).status_code == 302
    assert Profile.objects.get(user=runner).language == "ru"
    assert "Настройки сохранены." in client.get(reverse("profile"), **EN).content.decode()
    data["language"] = "xx"
    assert client.post(reverse("profile"), data).status_code == 200  # refused, said why
    assert Profile.objects.get(user=runner).language == "ru"


def test_a_russian_runner_types_3_comma_5_km_and_gets_3_5(client_for, make_user):
    client = client_for(make_user(language="ru"))
    data = {
        "date": "2026-11-01",
        "activity": "run",
        "distance": "3,5",
        "duration_min": "21:00",
        "stopped": "unknown",
    }
    assert client.post(reverse("session_add"), data).status_code == 302
    session = Session.objects.get()
    assert session.distance_km == Decimal("3.5")
    bad = client.post(reverse("session_add"), {**data, "distance": "три"}).content.decode()
    assert "Введите число, например 3,5 или 3.5." in bad


def test_flags_json_stays_english_whatever_the_language(runner, make_session, make_soreness):
    for day in range(1, 8):
        make_soreness(runner, date=f"2026-11-0{day}", area="calf", side="left", severity=5)
    out = StringIO()
    with translation.override("ru"):
        call_command("flags", user=runner.username, format="json", on="2026-11-07", stdout=out)
    flags = json.loads(out.getvalue())
    assert flags, "the check-ins raise a pain flag"
    text = json.dumps(flags, ensure_ascii=False)
    assert not any("\u0400" <= ch <= "\u04ff" for ch in text), text
    assert {"rule", "severity", "title", "detail", "advice"} <= set(flags[0])


def test_a_pain_warning_reads_in_russian_with_the_quote_in_english(
    client_for, make_user, make_soreness
):
    runner = make_user(language="ru")
    for day in range(1, 8):
        make_soreness(runner, date=f"2026-11-0{day}", area="calf", side="left", severity=5)
    with translation.override("ru"):
        page = client_for(runner).get(reverse("warnings")).content.decode()
    assert "Боль дольше пяти дней" in page  # the rule's title
    assert "Икра слева: боль отмечена в 7 дн." in page  # the detail, capitalised
    assert "Боль, которая не прошла за пять дней, — повод обратиться к врачу" in page
    # the source stays in the documents' language, its rendering marked as a translation
    assert "if it does not stop within five days" in page and "Перевод:" in page
    assert "Pain lasting more than five days" not in page
