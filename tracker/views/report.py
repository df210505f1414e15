"""The report for a clinician: the page (prints cleanly) and its PDF.

Thin: the scope from the query string (tracker/report/scope.py), the report from
the service (build.py), its words (text.py), then the page or fpdf2's PDF. A share
link can render the same report from a share's profile and scope.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from tracker.report.build import build_report
from tracker.report.pdf import PAPERS, render_pdf
from tracker.report.scope import ReportForm
from tracker.report.text import document
from tracker.views._helpers import RunnerRequest, profile_of, today_for


@login_required
@require_GET
def report(request: RunnerRequest) -> HttpResponse:
    today = today_for(request)
    form = ReportForm(request.GET or None, today=today)
    scope = form.scope()
    doc = None
    if scope is not None:
        doc = document(build_report(profile=profile_of(request), scope=scope, today=today))
    query = request.GET.urlencode()
    return render(
        request,
        "tracker/report.html",
        {"form": form, "doc": doc, "query": query, "papers": PAPERS},
    )


@login_required
@require_GET
def report_pdf(request: RunnerRequest) -> HttpResponse:
    today = today_for(request)
    query = request.GET.copy()
    paper = query.pop("paper", ["a4"])[-1]
    form = ReportForm(query or None, today=today)
    scope = form.scope()
    if scope is None or paper not in PAPERS:
        # The page says what is wrong with the dates; the PDF has nowhere to say it.
        return redirect(f"{reverse('report')}?{query.urlencode()}")
    doc = document(build_report(profile=profile_of(request), scope=scope, today=today))
    response = HttpResponse(render_pdf(doc, paper=paper), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{doc.filename}"'
    return response
