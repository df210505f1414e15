from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tracker.api import api
from tracker.password_reset import QueuedPasswordResetForm
from tracker.views import (
    accounts,
    api_tokens,
    calendar,
    dashboard,
    imports,
    pages,
    questionnaires,
    report,
    sessions,
    shared,
    sharing,
    shoes,
    soreness,
    warnings,
)

handler500 = "tracker.views.pages.server_error"

urlpatterns = [
    path("", pages.landing, name="landing"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    # Accounts
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/profile/", accounts.profile, name="profile"),
    path("accounts/delete/", accounts.account_delete, name="account_delete"),
    path("accounts/sharing/", sharing.sharing, name="sharing"),
    path("accounts/sharing/<int:pk>/revoke/", sharing.share_revoke, name="share_revoke"),
    path("accounts/api-tokens/", api_tokens.api_tokens, name="api_tokens"),
    path(
        "accounts/api-tokens/<int:pk>/revoke/", api_tokens.api_token_revoke, name="api_token_revoke"
    ),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    # Before Django's own: the reset e-mail is queued as a task (tracker/password_reset.py).
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    # set_language: the language form on the log-in and sign-up pages (a cookie).
    path("i18n/", include("django.conf.urls.i18n")),
    # Sessions
    path("sessions/", sessions.session_list, name="session_list"),
    path("sessions/add/", sessions.session_add, name="session_add"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("sessions/<int:pk>/delete/", sessions.session_delete, name="session_delete"),
    path("sessions/<int:pk>/repeat/", sessions.session_repeat, name="session_repeat"),
    # Calendar
    path("calendar/", calendar.calendar, name="calendar"),
    path("calendar/<int:year>/<int:month>/", calendar.calendar, name="calendar_month"),
    path(
        "calendar/<int:year>/<int:month>/<int:day>/",
        calendar.calendar_day_view,
        name="calendar_day",
    ),
    # Soreness
    path("soreness/", soreness.soreness_list, name="soreness_list"),
    path("soreness/add/", soreness.soreness_add, name="soreness_add"),
    path("soreness/all-clear/", soreness.soreness_all_clear, name="soreness_all_clear"),
    path("soreness/<int:pk>/edit/", soreness.soreness_edit, name="soreness_edit"),
    path("soreness/<int:pk>/delete/", soreness.soreness_delete, name="soreness_delete"),
    path("wellness/", questionnaires.wellness_save, name="wellness_save"),
    path("weekly/", questionnaires.ostrc_weekly, name="ostrc_weekly"),
    # Shoes
    path("shoes/", shoes.shoe_list, name="shoe_list"),
    path("shoes/add/", shoes.shoe_add, name="shoe_add"),
    path("shoes/<int:pk>/edit/", shoes.shoe_edit, name="shoe_edit"),
    path("shoes/<int:pk>/retire/", shoes.shoe_retire, name="shoe_retire"),
    path("shoes/<int:pk>/delete/", shoes.shoe_delete, name="shoe_delete"),
    # Warnings
    path("warnings/", warnings.warnings, name="warnings"),
    path("warnings/seen/", warnings.mark_seen, name="mark_seen"),
    path("rules/", warnings.rules, name="rules"),
    # The report for a clinician
    path("report/", report.report, name="report"),
    path("report/pdf/", report.report_pdf, name="report_pdf"),
    # Import and export
    path("import/", imports.import_page, name="import"),
    path("import/csv/", imports.import_csv_upload, name="import_csv_upload"),
    path("import/csv/<int:pk>/", imports.import_csv_preview, name="import_csv_preview"),
    path("import/files/", imports.import_files_upload, name="import_files"),
    path("import/jobs/<int:pk>/", imports.import_job, name="import_job"),
    path("import/jobs/<int:pk>/status/", imports.import_job_status, name="import_job_status"),
    path("import/jobs/<int:pk>/details/", imports.import_followup, name="import_followup"),
    path("export/", imports.export, name="export"),
    # Read-only sharing (tracker/views/shared.py): the link, then the share's pages.
    path("s/<str:token>/", shared.open_share, name="open_share"),
    path("shared/<int:share_id>/", shared.dashboard, name="shared_dashboard"),
    path("shared/<int:share_id>/calendar/", shared.calendar, name="shared_calendar"),
    path(
        "shared/<int:share_id>/calendar/<int:year>/<int:month>/",
        shared.calendar,
        name="shared_calendar_month",
    ),
    path(
        "shared/<int:share_id>/calendar/<int:year>/<int:month>/<int:day>/",
        shared.calendar_day,
        name="shared_calendar_day",
    ),
    path("shared/<int:share_id>/warnings/", shared.warnings, name="shared_warnings"),
    path("shared/<int:share_id>/report/", shared.report, name="shared_report"),
    path("shared/<int:share_id>/report/pdf/", shared.report_pdf, name="shared_report_pdf"),
    # The REST API (tracker/api): token-authenticated, its schema and docs page.
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
