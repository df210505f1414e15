"""/api/v1/imports: activity files and exports, as jobs to poll.

The upload goes through the import page's own pieces: its streaming size limit
(``UploadLimitHandler``, installed before the body is read), its form (every
format the readers take, each file sniffed and held to its limit), the per-runner
job limit and ``jobs.job_create``/``job_start``. The answer is 202 with the job
and the URL to poll; the job runs on the task worker.
"""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from ninja import Router, Schema, Status

from tracker.access import owned_or_404
from tracker.api.common import Message, Refusal
from tracker.forms_imports import ActivityUploadForm
from tracker.imports import jobs, limits
from tracker.models import ImportJob
from tracker.views.imports import UploadLimitHandler

router = Router(tags=["imports"])

# What the form's field is called, and the name a one-file script may use instead.
FIELD_NAMES = ("files", "file")


class JobOut(Schema):
    id: int
    url: str
    kind: str
    status: str
    label: str
    finished: bool
    total: int
    done_count: int
    imported: int
    duplicates: int
    refused: int
    messages: list[str]
    session_ids: list[int]
    created_at: datetime
    updated_at: datetime


def _job(request: HttpRequest, job: ImportJob) -> dict[str, Any]:
    fields = JobOut.model_fields.keys() - {"url", "messages"}
    return {
        **{name: getattr(job, name) for name in fields},
        # The API's lines stay English, whatever the language (like flags --format json).
        "messages": [str(line) for line in job.lines()],
        "url": request.build_absolute_uri(reverse("api:get_import", args=[job.pk])),
    }


_UPLOAD_BODY = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}}
                    },
                    "required": ["files"],
                }
            }
        }
    }
}


@router.post(
    "",
    response={202: JobOut, 413: Message, 422: Refusal, 429: Message, 503: Message},
    summary="Upload activity files (GPX, TCX, FIT, Garmin CSV, a Strava export)",
    openapi_extra=_UPLOAD_BODY,
)
def create_import(request: HttpRequest) -> Status[Any]:
    # Before anything reads the body: an oversized upload is skipped as it streams.
    request.upload_handlers.insert(
        0,
        UploadLimitHandler(
            request, limits.MAX_UPLOAD_BYTES + limits.UPLOAD_OVERHEAD_BYTES, limits.MAX_UPLOAD_BYTES
        ),
    )
    uploads = next((found for name in FIELD_NAMES if (found := request.FILES.getlist(name))), [])
    if refused := getattr(request, "upload_refused", None):
        return Status(413, {"detail": refused})
    form = ActivityUploadForm(data={}, files=MultiValueDict({"files": uploads}))
    if not form.is_valid():
        errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        return Status(
            422, {"detail": "The upload was refused; nothing was imported.", "errors": errors}
        )
    user: Any = request.user
    if busy := jobs.too_many_jobs(user):
        return Status(429, {"detail": busy})
    try:
        job = jobs.job_create(user=user, kind=form.kind(), uploads=form.cleaned_data["files"])
    except OSError:
        return Status(
            503, {"detail": "The server could not store the upload; nothing was imported."}
        )
    jobs.job_start(job)
    job.refresh_from_db()
    return Status(202, _job(request, job))


@router.get("/{id}", response=JobOut, url_name="get_import", summary="An import's progress")
def get_import(request: HttpRequest, id: int) -> dict[str, Any]:
    job = owned_or_404(request, ImportJob, id)
    # Someone is watching: a job whose worker died is enqueued again now (as the page does).
    if jobs.job_resume_if_orphaned(job):
        job.refresh_from_db()
    return _job(request, job)
