"""Forms of the import pages: the uploads, and the follow-up rows for new sessions.

Uploads are checked for what can be known without reading them (count, names,
sizes, with the limit in the message, and which reader takes each file); what is
inside is the readers' business.
"""

from __future__ import annotations

import copy
import logging
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tracker.form_layout import name_the_blank
from tracker.forms import SessionForm
from tracker.i18n import translated
from tracker.imports import contract, limits, readers, storage
from tracker.imports.limits import format_limit
from tracker.models import ImportKind, Origin, Session

logger = logging.getLogger(__name__)


# The readers whose one file may be imported within the request (is_small).
INLINE_READERS = frozenset({"gpx", "tcx", "fit"})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file input that takes several files (Django's documented recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[bytes]]:
        single = super().clean
        items = list(data) if isinstance(data, list | tuple) else [data] if data else []
        if not items and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [single(item, initial) for item in items]


def _too_large(upload: UploadedFile[bytes], limit: int) -> str | None:
    if upload.size is not None and upload.size > limit:
        return gettext("%(name)s is larger than the %(limit)s limit.") % {
            "name": upload.name,
            "limit": translated(format_limit(limit)),
        }
    return None


def _head(upload: UploadedFile[bytes]) -> bytes:
    upload.seek(0)
    head: bytes = upload.read(4096)
    upload.seek(0)
    return head


def max_files_per_upload() -> int:
    """Django refuses a request with more files than this before any view runs; the
    pages say the same number in their own words."""
    return settings.DATA_UPLOAD_MAX_NUMBER_FILES or 500


class ActivityUploadForm(forms.Form):
    """Every format a reader takes, in one field: each file is sniffed (its first
    bytes, then its name) and held to its own format's limit and checks."""

    # Django's form metaclass moves fields out of the class, so form.files (the
    # request's uploads) is untouched at run time; the stubs only see the class.
    files = MultipleFileField(  # type: ignore[assignment]  # a field, not Form.files
        label=_("Files from a watch, an app or Strava"),
        help_text=_(
            "One or many: GPX, TCX or FIT (also .gz), Garmin Connect's Activities.csv, "
            "Strava's export zip."
        ),
        widget=MultipleFileInput(attrs={"accept": ",".join(readers.accepted_suffixes())}),
    )

    def clean_files(self) -> list[UploadedFile[bytes]]:
        uploads: list[UploadedFile[bytes]] = self.cleaned_data["files"]
        most = max_files_per_upload()
        if len(uploads) > most:
            raise forms.ValidationError(
                gettext(
                    "%(count)s files is more than the %(most)s one upload takes; upload them "
                    "in batches."
                )
                % {"count": len(uploads), "most": most}
            )
        problems: list[str] = []
        self.found: list[readers.Reader] = []
        for upload in uploads:
            name = upload.name or ""
            reader = readers.reader_for(storage.shown_name(name), _head(upload))
            if reader is None:
                accepted = ", ".join(readers.accepted_suffixes())
                problems.append(
                    gettext(
                        "%(name)s: not a GPX, TCX or FIT file, nor an export Stridewise can "
                        "read (accepted: %(accepted)s)."
                    )
                    % {"name": name, "accepted": accepted}
                )
            elif message := _too_large(upload, reader.max_bytes()) or _check(upload, reader):
                problems.append(message)
            else:
                self.found.append(reader)
        total = sum(upload.size or 0 for upload in uploads)
        if total > limits.MAX_UPLOAD_BYTES:
            problems.append(
                gettext("Together the files are larger than the %(limit)s one upload takes.")
                % {"limit": translated(format_limit(limits.MAX_UPLOAD_BYTES))}
            )
        if problems:
            raise forms.ValidationError([*problems, gettext("Nothing was imported.")])
        return uploads

    def is_small(self) -> bool:
        """One plain GPX, TCX or FIT file within limits.INLINE_IMPORT_MAX_BYTES: run
        in the request. Never a compressed file or an export, whose work the size
        of the upload does not bound."""
        uploads: list[UploadedFile[bytes]] = self.cleaned_data["files"]
        return (
            len(uploads) == 1
            and len(self.found) == 1
            and self.found[0].name in INLINE_READERS
            and (uploads[0].size or 0) <= limits.INLINE_IMPORT_MAX_BYTES
        )

    def kind(self) -> str:
        """A Strava export when that is all there is, else activity files."""
        if self.found and all(reader.origin == Origin.STRAVA for reader in self.found):
            return ImportKind.STRAVA
        return ImportKind.FILES


def _check(upload: UploadedFile[bytes], reader: readers.Reader) -> str | None:
    """The format's own check before a job is made (a hostile or foreign zip is
    refused here with the reason); the rest is read by the job."""
    if reader.check is None:
        return None
    if upload.file is None:  # the stubs allow it; an uploaded file always has one
        return None
    upload.seek(0)
    try:
        reader.check(upload.file)
    except readers.ImportRefused as exc:
        # The reader's refusal (a Text) in the request's language.
        return f"{upload.name}: {translated(exc.reason)}."
    except Exception as exc:  # hostile input must never be a 500
        logger.warning("%s %r unreadable: %r", reader.formats, upload.name, exc)
        return gettext("%(name)s could not be read as a %(format)s.") % {
            "name": upload.name,
            "format": reader.formats,
        }
    finally:
        upload.seek(0)
    return None


class CsvImportForm(forms.Form):
    """The native files of the contract; any one of them, or all five."""

    shoes = forms.FileField(required=False, label=_("shoes.csv"))
    sessions = forms.FileField(required=False, label=_("sessions.csv"))
    soreness = forms.FileField(required=False, label=_("soreness.csv"))
    wellness = forms.FileField(required=False, label=_("wellness.csv"))
    ostrc = forms.FileField(required=False, label=_("ostrc.csv"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["accept"] = ".csv,text/csv"

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        given = [kind for kind in contract.FILE_KINDS if cleaned.get(kind)]
        if not given and not self.errors:
            raise forms.ValidationError(_("Choose at least one of the files."))
        for kind in given:
            if message := _too_large(cleaned[kind], limits.MAX_CSV_FILE_BYTES):
                self.add_error(kind, message)
        return cleaned

    def uploads(self) -> dict[str, UploadedFile[bytes]]:
        """kind -> the uploaded file, for the files given (read by the preview task)."""
        return {
            kind: self.cleaned_data[kind]
            for kind in contract.FILE_KINDS
            if self.cleaned_data.get(kind)
        }


# What no activity file knows: asked once, right after the import. The activity
# too, which a file may not say (then guessed from the pace: tracker.imports.inference).
FOLLOW_UP_FIELDS = (
    "activity",
    "surface",
    "terrain",
    "shoe",
    "warmup_min",
    "cooldown_min",
    "pain",
    "pain_area",
    "pain_side",
)
# What "apply to the selected sessions" sets on each row it selects.
BULK_FIELDS = ("shoe", "surface", "terrain", "warmup_min", "cooldown_min")
SELECTED = "selected"


def _compact(name: str, field: forms.Field) -> None:
    """One compact row: the labels say enough; small inputs."""
    field.help_text = ""
    widget = field.widget
    select = isinstance(widget, forms.Select)
    widget.attrs["class"] = (
        "form-select form-select-sm" if select else "form-control form-control-sm"
    )
    if name in ("warmup_min", "cooldown_min", "pain"):
        widget.attrs["min"] = 0


class FollowUpForm(SessionForm):
    """One compact row of the follow-up: SessionForm's fields and rules, cut down to
    what the file could not say. Date, distance and duration stay as the file gave
    them; the activity can change (tracker.plausibility checks it against them)."""

    def __init__(self, *args: Any, user: Any, units: str, today: date, **kwargs: Any) -> None:
        super().__init__(*args, user=user, units=units, today=today, **kwargs)
        for name in list(self.fields):
            if name not in FOLLOW_UP_FIELDS:
                del self.fields[name]
        self.fields[SELECTED] = forms.BooleanField(
            required=False,
            label=_("Select"),
            widget=forms.CheckboxInput(attrs={"class": "form-check-input", "data-bulk-row": ""}),
        )
        for name, field in self.fields.items():
            if name != SELECTED:
                _compact(name, field)
        shoe = self.fields["shoe"]
        if isinstance(shoe, forms.ModelChoiceField):  # always: Session.shoe is a key
            shoe.empty_label = "—"
        self.helper = None  # rendered row by row by the template

    def save(self, commit: bool = True) -> Session:
        # SessionForm.save copies its "distance" field into distance_km; this form
        # has none, so it must not, or the imported distance would be wiped.
        if "activity" in self.changed_data:
            self.instance.activity_guessed = False  # the runner's own now
        session = forms.ModelForm.save(self, commit=commit)
        assert isinstance(session, Session)  # a ModelForm of Session saves a Session
        return session


class BulkFollowUpForm(forms.Form):
    """Shoes, surface, terrain, warm-up and cool-down for every selected row at
    once. Its values are copied into the selected rows before they are validated,
    so each row is checked by its own form as if typed there."""

    def __init__(self, *args: Any, user: Any, units: str, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        row = FollowUpForm(user=user, units=units, today=today)
        for name in BULK_FIELDS:
            self.fields[name] = copy.deepcopy(row.fields[name])
        self.fields["shoe"].empty_label = _("Leave as it is")  # type: ignore[attr-defined]  # a ModelChoiceField
        for name in ("surface", "terrain"):
            name_the_blank(self.fields[name], _("Leave as it is"))

    def given(self) -> dict[str, str]:
        """The fields filled in, as posted (each row parses them itself)."""
        return {
            name: str(self.data[self.add_prefix(name)])
            for name in BULK_FIELDS
            if self.data.get(self.add_prefix(name), "") != ""
        }

    def apply(self, data: Any, row_prefix: str) -> Any:
        """``data`` (a formset's POST) with the values given here set on each selected
        row; the rows not selected, and the fields left empty here, as posted."""
        given = self.given()
        if not given:
            return data
        data = data.copy()
        selected = re.compile(rf"{re.escape(row_prefix)}-([0-9]+)-{SELECTED}")
        for key in list(data):
            match = selected.fullmatch(key)
            if match and data.get(key) in ("on", "true", "True", "1"):
                for name, value in given.items():
                    data[f"{row_prefix}-{match.group(1)}-{name}"] = value
        return data


if TYPE_CHECKING:
    # Django's classes take no type arguments at run time (no django-stubs-ext there).
    _FormSet = BaseModelFormSet[Session, FollowUpForm]
else:
    _FormSet = BaseModelFormSet


class BaseFollowUpFormSet(_FormSet):
    """Rows for just the sessions an import made; none added, none deleted."""


# The fields come from SessionForm's Meta (its __init__ needs them all); the form
# drops those the follow-up does not ask. edit_only: a posted row can only ever
# change one of the sessions in the queryset, never add one.
FollowUpFormSet = modelformset_factory(
    Session, form=FollowUpForm, formset=BaseFollowUpFormSet, extra=0, edit_only=True
)
