"""Password reset e-mails go out from a task, so the request's time does not tell a
registered address from an unknown one.

Django's PasswordResetForm looks the address up and, only when it belongs to a
runner, makes a token and talks to the SMTP server, inside the request: 216 ms
against 3.6 ms with an SMTP server answering in 30 ms, enough to enumerate the
runners' addresses. Here the request checks the form and queues one task with the
address, whoever it belongs to; the task (a worker, later) does the look-up and the
sending with Django's own form, templates and token generator.
"""

from __future__ import annotations

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest
from django.utils import translation
from django_tasks import task


class QueuedPasswordResetForm(PasswordResetForm):
    """PasswordResetView's form: ``save`` queues the e-mail, the same work for every
    address."""

    def save(
        self,
        domain_override: str | None = None,
        subject_template_name: str = "registration/password_reset_subject.txt",
        email_template_name: str = "registration/password_reset_email.html",
        use_https: bool = False,
        token_generator: PasswordResetTokenGenerator = default_token_generator,
        from_email: str | None = None,
        request: HttpRequest | None = None,
        html_email_template_name: str | None = None,
        extra_email_context: dict[str, str] | None = None,
    ) -> None:
        # The task makes the token with Django's default generator (a worker has
        # no other); the view passes that one.
        del token_generator
        # Without the sites framework this is the request's host, which
        # ALLOWED_HOSTS has vetted: the link in the e-mail leads back to this site.
        domain = domain_override or get_current_site(request).domain
        send_password_reset.enqueue(
            email=self.cleaned_data["email"],
            domain=domain,
            use_https=use_https,
            from_email=from_email,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
            extra_email_context=extra_email_context,
            # The worker has no request: the e-mail is written in the language the
            # page was in (browser, log-in page choice), which is the one the asker reads.
            language=translation.get_language(),
        )


@task()
def send_password_reset(
    *,
    email: str,
    domain: str,
    use_https: bool,
    from_email: str | None,
    subject_template_name: str,
    email_template_name: str,
    html_email_template_name: str | None,
    extra_email_context: dict[str, str] | None,
    language: str | None = None,  # None: a task queued before the e-mail was translated
) -> None:
    """The e-mail, if the address belongs to an active runner with a usable password
    (Django's rules, PasswordResetForm.get_users); nothing otherwise."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    # Django's own templates (registration/password_reset_*) and their catalogue,
    # which has Russian, give the subject and body in ``language``.
    with translation.override(language):
        form.save(
            domain_override=domain,
            use_https=use_https,
            from_email=from_email,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
            extra_email_context=extra_email_context,
        )
