"""The report for a clinician: the page (prints cleanly) and its PDF.

Thin: the scope from the query string (tracker/report/scope.py), the report from
the service (build.py), its words (text.py), then the page or fpdf2's PDF. A share
link renders the same report from a share's profile and what it may show
(tracker/views/shared.py).
"""

from __future__ import annotations

import dataclasses

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from tracker.models import Profile
from tracker.report.build import build_report
from tracker.report.pdf import PAPERS, render_pdf
from tracker.report.scope import ReportForm, Scope
from tracker.report.text import Document, document
from tracker.services import runner_today
from tracker.sharing.links import page_url
from tracker.sharing.scope import EVERYTHING, Visibility
from tracker.views._helpers import RunnerRequest, profile_of


def _document(profile: Profile, scope: Scope, visibility: Visibility) -> Document:
    scope = dataclasses.replace(scope, notes=visibility.notes)
    report = build_report(profile=profile, scope=scope, today=runner_today(profile))
    return document(visibility.report(report))


@login_required
@require_GET
def report(request: RunnerRequest) -> HttpResponse:
    context = report_context(profile_of(request), request.GET)
    return render(request, "tracker/report.html", context)


def report_context(
    profile: Profile,
    params: QueryDict,
    *,
    share_id: int | None = None,
    visibility: Visibility = EVERYTHING,
) -> dict[str, object]:
    """The report page of ``profile``, for the runner or (``share_id``) a share's viewer."""
    form = ReportForm(params or None, today=runner_today(profile))
    scope = form.scope()
    doc = None if scope is None else _document(profile, scope, visibility)
    return {
        "form": form,
        "doc": doc,
        "query": params.urlencode(),
        "papers": PAPERS,
        "report_url": page_url("report", share_id=share_id),
        "pdf_url": page_url("report_pdf", share_id=share_id),
    }


@login_required
@require_GET
def report_pdf(request: RunnerRequest) -> HttpResponse:
    return report_pdf_response(profile_of(request), request.GET)


def report_pdf_response(
    profile: Profile,
    params: QueryDict,
    *,
    share_id: int | None = None,
    visibility: Visibility = EVERYTHING,
) -> HttpResponse:
    query = params.copy()
    paper = query.pop("paper", ["a4"])[-1]
    form = ReportForm(query or None, today=runner_today(profile))
    scope = form.scope()
    if scope is None or paper not in PAPERS:
        # The page says what is wrong with the dates; the PDF has nowhere to say it.
        return redirect(f"{page_url('report', share_id=share_id)}?{query.urlencode()}")
    doc = _document(profile, scope, visibility)
    response = HttpResponse(render_pdf(doc, paper=paper), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{doc.filename}"'
    return response
