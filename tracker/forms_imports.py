"""Forms of the import pages: the uploads, and the follow-up rows for new sessions.

Uploads are checked for what can be known without reading them (count, names,
sizes, with the limit in the message); what is inside is the importers' business.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms import BaseModelFormSet, modelformset_factory

from tracker import imports
from tracker.forms import SessionForm
from tracker.importers import csv_contract, files, strava
from tracker.importers.activity import ImportRefused
from tracker.importers.files import ACCEPTED_SUFFIXES, format_limit
from tracker.models import Session

logger = logging.getLogger(__name__)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file input that takes several files (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        items = list(data) if isinstance(data, list | tuple) else [data] if data else []
        if not items and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [single(item, initial) for item in items]


def _too_large(upload: UploadedFile, limit: int) -> str | None:
    if upload.size is not None and upload.size > limit:
        return f"{upload.name} is larger than the {format_limit(limit)} limit."
    return None


# Garmin Connect's "Export CSV" of the Activities list rides along with the files.
UPLOAD_SUFFIXES = (*ACCEPTED_SUFFIXES, ".csv")


class ActivityFilesForm(forms.Form):
    files = MultipleFileField(
        label="GPX, TCX or FIT files",
        help_text="One or many; .gz compressed files too, and Garmin Connect's Activities.csv.",
        widget=MultipleFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
    )

    def clean_files(self) -> list[UploadedFile]:
        uploads: list[UploadedFile] = self.cleaned_data["files"]
        most = imports.max_files_per_upload()
        if len(uploads) > most:
            raise forms.ValidationError(
                f"{len(uploads)} files is more than the {most} "
                "one upload takes; upload them in batches."
            )
        problems: list[str] = []
        for upload in uploads:
            name = upload.name or ""
            if not name.lower().endswith(UPLOAD_SUFFIXES):
                accepted = ", ".join(UPLOAD_SUFFIXES)
                problems.append(f"{name}: not a GPX, TCX or FIT file (accepted: {accepted}).")
            elif message := _too_large(upload, files.MAX_FILE_BYTES):
                problems.append(message)
        total = sum(upload.size or 0 for upload in uploads)
        if total > imports.MAX_FILES_UPLOAD_BYTES:
            problems.append(
                f"Together the files are larger than the "
                f"{format_limit(imports.MAX_FILES_UPLOAD_BYTES)} one upload takes."
            )
        if problems:
            raise forms.ValidationError([*problems, "Nothing was imported."])
        return uploads


class StravaExportForm(forms.Form):
    export = forms.FileField(
        label="Strava export (.zip)",
        help_text="The zip from Strava's “Download your data”, as it came.",
        widget=forms.ClearableFileInput(attrs={"accept": ".zip"}),
    )

    def clean_export(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["export"]
        if message := _too_large(upload, strava.MAX_ZIP_BYTES):
            raise forms.ValidationError(message)
        # Open it now: a zip that is no Strava export, or that is hostile (bomb,
        # paths escaping its folder), is refused here with the reason, and no job
        # is made. The rows and their files are read by the job.
        upload.seek(0)
        try:
            rows = strava.read_strava_export(upload.file)
        except ImportRefused as exc:
            raise forms.ValidationError(
                f"{upload.name}: {exc.reason}. Nothing was imported."
            ) from None
        except Exception as exc:  # hostile input must never be a 500
            logger.warning("Strava export %r unreadable: %r", upload.name, exc)
            raise forms.ValidationError(
                f"{upload.name} could not be read as a Strava export. Nothing was imported."
            ) from None
        finally:
            upload.seek(0)
        rows.close()  # type: ignore[attr-defined]
        return upload


class CsvImportForm(forms.Form):
    """The native files of CONTRACT.md; any one of them, or all three."""

    shoes = forms.FileField(required=False, label="shoes.csv")
    sessions = forms.FileField(required=False, label="sessions.csv")
    soreness = forms.FileField(required=False, label="soreness.csv")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["accept"] = ".csv,text/csv"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        given = [kind for kind in csv_contract.FILE_KINDS if cleaned.get(kind)]
        if not given and not self.errors:
            raise forms.ValidationError("Choose at least one of the three files.")
        for kind in given:
            if message := _too_large(cleaned[kind], imports.MAX_CSV_FILE_BYTES):
                self.add_error(kind, message)
        return cleaned

    def inputs(self) -> dict[str, tuple[str, bytes]]:
        """kind -> (file name, content), for the files given."""
        result = {}
        for kind in csv_contract.FILE_KINDS:
            upload = self.cleaned_data.get(kind)
            if upload:
                upload.seek(0)
                result[kind] = (upload.name or csv_contract.FILE_NAMES[kind], upload.read())
        return result


# What no activity file knows: asked once, right after the import.
FOLLOW_UP_FIELDS = (
    "surface",
    "shoe",
    "warmup_min",
    "cooldown_min",
    "pain",
    "pain_area",
    "pain_side",
)


class FollowUpForm(SessionForm):
    """One compact row of the follow-up: SessionForm's fields and rules, cut down to
    what the file could not say. Date, activity, distance and duration stay as the
    file gave them."""

    def __init__(self, *args: Any, user: Any, units: str, today: date, **kwargs: Any) -> None:
        super().__init__(*args, user=user, units=units, today=today, **kwargs)
        for name in list(self.fields):
            if name not in FOLLOW_UP_FIELDS:
                del self.fields[name]
        for name, field in self.fields.items():
            field.help_text = ""  # one compact row: the labels say enough
            widget = field.widget
            css = (
                "form-select form-select-sm"
                if isinstance(widget, forms.Select)
                else ("form-control form-control-sm")
            )
            widget.attrs["class"] = css
            if name in ("warmup_min", "cooldown_min", "pain"):
                widget.attrs["min"] = 0
        self.fields["shoe"].empty_label = "—"
        self.helper = None  # rendered row by row by the template

    def save(self, commit: bool = True) -> Session:
        # SessionForm.save copies its "distance" field into distance_km; this form
        # has none, so it must not, or the imported distance would be wiped.
        return forms.ModelForm.save(self, commit=commit)


class BaseFollowUpFormSet(BaseModelFormSet):
    """Rows for just the sessions an import made; none added, none deleted."""


# The fields come from SessionForm's Meta (its __init__ needs them all); the form
# drops those the follow-up does not ask. edit_only: a posted row can only ever
# change one of the sessions in the queryset, never add one.
FollowUpFormSet = modelformset_factory(
    Session, form=FollowUpForm, formset=BaseFollowUpFormSet, extra=0, edit_only=True
)
