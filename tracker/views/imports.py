"""Import and export: the native CSV files (preview, then confirm: two tasks, see
tracker.imports.contract.preview), activity files and exports (jobs run by a task
worker, with a progress page; one small file is run in the request, landing on
its result), the follow-up form for what no file knows, and the export zip."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from tracker.access import owned_or_404
from tracker.forms_imports import (
    ActivityUploadForm,
    BulkFollowUpForm,
    CsvImportForm,
    FollowUpFormSet,
    max_files_per_upload,
)
from tracker.i18n import translated
from tracker.imports import contract, jobs, limits
from tracker.imports.contract import preview
from tracker.imports.limits import format_limit
from tracker.models import ImportJob, ImportKind, ImportStatus, Session
from tracker.views._helpers import RunnerRequest, paginate, profile_of, today_for

RECENT_JOBS = 10
FOLLOW_UP_PAGE_SIZE = 25
_NOT_STORED = _(
    "The server could not store the upload (is its disk full?). "
    "Nothing was imported; please try again later."
)


# --- uploads: limits enforced while the request streams in --------------------


class UploadLimitHandler(FileUploadHandler):
    """Keeps an oversized upload off the disk: when the request body is larger than
    the view takes, every file in it is skipped as it streams past, while the form
    fields (the CSRF token among them) are still read, so the view can answer with
    the limit instead of a bare 400 or a connection reset."""

    def __init__(self, request: HttpRequest, limit: int, shown_limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.shown_limit = shown_limit  # the limit on the files, without the form's overhead

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, *args: Any, **kwargs: Any
    ) -> None:
        if content_length > self.limit:
            self.request.upload_refused = (  # type: ignore[union-attr]  # built with its request
                _(
                    "That upload is larger than the %(limit)s one upload takes here. "
                    "Nothing was imported."
                )
                % {"limit": translated(format_limit(self.shown_limit))}
            )

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if getattr(self.request, "upload_refused", None):
            raise SkipFile

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        return raw_data  # the next handler stores it

    def file_complete(self, file_size: int) -> None:
        return None


def _guarded_upload(
    request: RunnerRequest, limit: int, view: Callable[[RunnerRequest], HttpResponse]
) -> HttpResponse:
    """``limit``: the files' limit; the request may be larger by the form's overhead."""
    """Run an upload view behind UploadLimitHandler, turning Django's own refusals
    (too many files, too many fields) into the import page with the reason.

    The handler has to be in place before anything reads request.POST, and the
    CSRF middleware reads it: hence the csrf_exempt outer view and a csrf_protect
    inner one, as Django's docs on per-view upload handlers describe.
    """
    handler = UploadLimitHandler(request, limit + limits.UPLOAD_OVERHEAD_BYTES, limit)
    request.upload_handlers.insert(0, handler)
    try:
        return view(request)
    except TooManyFilesSent:
        error = _(
            "That is more than the %(number)s files one upload takes. "
            "Nothing was imported; upload them in batches."
        ) % {"number": max_files_per_upload()}
    except (RequestDataTooBig, TooManyFieldsSent):
        error = str(_("That upload is too large to read. Nothing was imported."))
    return _import_page(request, upload_error=error, status=400)


def _refused(request: RunnerRequest) -> str | None:
    """Why UploadLimitHandler skipped the files, if it did. Reading FILES first makes
    sure the body has been parsed (the CSRF check usually did that already)."""
    request.FILES  # noqa: B018
    return getattr(request, "upload_refused", None)


# --- the import page ---------------------------------------------------------


def _import_page(request: RunnerRequest, *, status: int = 200, **context: Any) -> HttpResponse:
    recent = (
        ImportJob.objects.filter(user=request.user)
        .exclude(kind=ImportKind.CSV, status=ImportStatus.PENDING)
        .defer("payload", "messages", "session_ids", "inputs")[:RECENT_JOBS]
    )
    context.setdefault("csv_form", CsvImportForm())
    context.setdefault("files_form", ActivityUploadForm())
    context.update(jobs=recent, limits=_limits_shown())
    return render(request, "tracker/import.html", context, status=status)


@login_required
def import_page(request: RunnerRequest) -> HttpResponse:
    return _import_page(request)


@login_required
def export(request: RunnerRequest) -> HttpResponse:
    data = contract.export_zip(user=request.user)
    response = HttpResponse(data, content_type="application/zip")
    name = f"stridewise-export-{today_for(request):%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- the native CSV files ----------------------------------------------------


@login_required
@require_POST
@csrf_exempt  # checked by the inner view, once the upload limit is in place
def import_csv_upload(request: RunnerRequest) -> HttpResponse:
    # Three files at most, each within its own limit.
    return _guarded_upload(request, 3 * limits.MAX_CSV_FILE_BYTES, _csv_upload)


@csrf_protect
def _csv_upload(request: RunnerRequest) -> HttpResponse:
    if refused := _refused(request):
        return _import_page(request, upload_error=refused, status=413)
    form = CsvImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, csv_form=form, status=400)
    if busy := jobs.too_many_jobs(request.user):
        return _import_page(request, upload_error=translated(busy), status=429)
    try:
        job = preview.csv_job_create(
            user=request.user, today=today_for(request), uploads=form.uploads()
        )
    except OSError:
        return _import_page(request, upload_error=_NOT_STORED, status=503)
    # Nothing is parsed here: a task checks the files (a small upload, in this
    # request), and the preview page shows its progress, then its outcome.
    preview.csv_start(job, inline=preview.is_small(job))
    return redirect("import_csv_preview", pk=job.pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_csv_preview(request: RunnerRequest, pk: int) -> HttpResponse:
    """GET: the check's progress, then what the files would do (read from the job,
    never parsed again here). POST: confirm a clean preview."""
    job = owned_or_404(request, ImportJob, pk)
    if job.kind != ImportKind.CSV:
        raise Http404("No such CSV import.")
    if request.method == "POST":
        return _csv_confirm(request, job)
    if jobs.job_resume_if_orphaned(job):  # its worker died: enqueued again now
        job.refresh_from_db()
    state = preview.CsvState.of(job)
    if job.status == ImportStatus.PENDING and state.phase == preview.FINISHED:
        messages.info(request, _("That preview has expired; please upload the files again."))
        return redirect("import")
    context = {
        "job": job,
        "state": state,
        "rows": state.rows(),
        # Stored as message ids (or, from before, English text): in the page's language.
        "lines": [translated(line) for line in job.lines()],
        "ready": state.phase == preview.READY and job.status == ImportStatus.PENDING,
        "working": state.phase in (preview.PREVIEW, preview.CONFIRM) and not job.finished,
    }
    return render(request, "tracker/import_csv_preview.html", context)


def _csv_confirm(request: RunnerRequest, job: ImportJob) -> HttpResponse:
    if not preview.csv_confirm_request(job=job, today=today_for(request)):
        messages.info(request, _("Those files were imported already, or cannot be imported."))
        return redirect("import")
    job.refresh_from_db()
    preview.csv_start(job, inline=preview.is_small(job))
    job.refresh_from_db()
    if job.status == ImportStatus.DONE:
        written = preview.CsvState.of(job).written
        messages.success(
            request,
            _(
                "Imported %(shoes)s shoes, %(sessions)s sessions and %(soreness)s check-ins; "
                "%(duplicates)s rows were in your log already."
            )
            % {
                "shoes": written.get("shoes", 0),
                "sessions": written.get("sessions", 0),
                "soreness": written.get("soreness", 0),
                "duplicates": job.duplicates,
            },
        )
        return redirect("import")
    # Being written by a worker (or refused: the log changed): the page says which.
    return redirect("import_csv_preview", pk=job.pk)


# --- activity files and exports: jobs run by a task worker ---------------------


@login_required
@require_POST
@csrf_exempt  # checked by the inner view, once the upload limit is in place
def import_files_upload(request: RunnerRequest) -> HttpResponse:
    return _guarded_upload(request, limits.MAX_UPLOAD_BYTES, _files_upload)


@csrf_protect
def _files_upload(request: RunnerRequest) -> HttpResponse:
    if refused := _refused(request):
        return _import_page(request, upload_error=refused, status=413)
    form = ActivityUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, files_form=form, status=400)
    if busy := jobs.too_many_jobs(request.user):
        return _import_page(request, upload_error=translated(busy), status=429)
    try:
        job = jobs.job_create(
            user=request.user, kind=form.kind(), uploads=form.cleaned_data["files"]
        )
    except OSError:
        return _import_page(request, upload_error=_NOT_STORED, status=503)
    if not form.is_small():
        # A worker takes the task; the job page shows the progress.
        jobs.job_start(job)
        return redirect("import_job", pk=job.pk)
    # One small activity file: run here (about 0.1 s) and land on the result.
    jobs.job_run(job.pk)
    job.refresh_from_db()
    if not job.finished:  # a worker's sweep took it first: it shows the progress
        return redirect("import_job", pk=job.pk)
    if job.session_ids:
        messages.success(request, " ".join(translated(line) for line in job.lines()))
        return redirect("import_followup", pk=job.pk)
    return redirect("import_job", pk=job.pk)  # the refusal, or a duplicate: no refresh


@login_required
def import_job(request: RunnerRequest, pk: int) -> HttpResponse:
    job = owned_or_404(request, ImportJob, pk)
    if job.kind == ImportKind.CSV:
        return redirect("import_csv_preview", pk=job.pk)
    # The runner is watching: a job whose worker died is enqueued again now,
    # not only at the workers' next sweep.
    if jobs.job_resume_if_orphaned(job):
        job.refresh_from_db()
    # Each line in the page's language; refused ones marked by their English form.
    lines = [(translated(line), ": refused: " in line) for line in job.lines()]
    return render(request, "tracker/import_job.html", {"job": job, "lines": lines})


@login_required
def import_job_status(request: RunnerRequest, pk: int) -> JsonResponse:
    """What the job page's script polls (tracker/static/tracker/job.js): a few
    hundred milliseconds apart, so a job a worker finishes in 0.1 s shows its
    result at once rather than at the next two-second refresh. As the page did when
    it refreshed itself, a job whose worker died is enqueued again: the script
    reloads only when the job moves, and a stalled job would not."""
    job = owned_or_404(request, ImportJob, pk)
    if jobs.job_resume_if_orphaned(job):
        job.refresh_from_db()
    # Never cached: the middleware marks every signed-in answer no-store.
    return JsonResponse(
        {"status": job.status, "finished": job.finished, "done": job.done_count, "total": job.total}
    )


def _limits_shown() -> dict[str, str]:
    """The limits as the import page states them."""
    return {
        "file": translated(format_limit(limits.MAX_FILE_BYTES)),
        "upload": translated(format_limit(limits.MAX_UPLOAD_BYTES)),
        "files_count": str(max_files_per_upload()),
        "zip": translated(format_limit(limits.MAX_ZIP_BYTES)),
        "csv": translated(format_limit(limits.MAX_CSV_FILE_BYTES)),
    }


@login_required
@require_http_methods(["GET", "POST"])
def import_followup(request: RunnerRequest, pk: int) -> HttpResponse:
    """Activity, surface, terrain, shoes, warm-up, cool-down and pain for the sessions
    a job made, a page of compact rows at a time; shoes, surface, terrain, warm-up
    and cool-down can be set on every selected row at once."""
    job = owned_or_404(request, ImportJob, pk)
    sessions = Session.objects.filter(user=request.user, pk__in=job.session_ids).order_by(
        "date", "started_at", "id"
    )
    page = paginate(request, sessions, FOLLOW_UP_PAGE_SIZE)
    runner: dict[str, Any] = {
        "user": request.user,
        "units": profile_of(request).units,
        "today": today_for(request),
    }
    bulk = BulkFollowUpForm(request.POST or None, prefix="all", **runner)
    data = request.POST or None
    if data is not None and bulk.is_valid():
        data = bulk.apply(data, row_prefix="s")
    formset = FollowUpFormSet(
        data,
        queryset=sessions.filter(pk__in=[s.pk for s in page.object_list]),
        prefix="s",
        form_kwargs=runner,
    )
    if request.method == "POST" and bulk.is_valid() and formset.is_valid():
        formset.save()
        messages.success(
            request, _("Saved the details of %(number)s sessions.") % {"number": len(formset.forms)}
        )
        if page.has_next():
            return redirect(
                f"{reverse('import_followup', args=[job.pk])}?page={page.next_page_number()}"
            )
        return redirect("session_list")
    return render(
        request,
        "tracker/import_followup.html",
        {"job": job, "formset": formset, "page": page, "bulk": bulk},
    )
