"""The admin: every model, searchable, with the runner shown and filterable.

Staff see all runners' rows (that is what an admin is for on a self-hosted
server); list pages select related rows so they stay one query per page.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from tracker.models import (
    ImportJob,
    OstrcResponse,
    Profile,
    SeenFlag,
    Session,
    Shoe,
    Soreness,
    WellnessEntry,
)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin[Profile]):
    list_display = ("user", "units", "time_zone", "week_start", "started_running")
    list_filter = ("units", "week_start")
    search_fields = ("user__username", "user__email")
    list_select_related = ("user",)


@admin.register(Shoe)
class ShoeAdmin(admin.ModelAdmin[Shoe]):
    list_display = ("name", "user", "kind", "first_used", "retired", "limit_km")
    list_filter = ("kind", ("retired", admin.EmptyFieldListFilter))
    search_fields = ("name", "user__username")
    list_select_related = ("user",)
    raw_id_fields = ("user",)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin[Session]):
    list_display = (
        "date",
        "start_time",
        "title",
        "user",
        "activity",
        "distance_km",
        "duration_min",
        "surface",
        "shoe",
        "pain",
        "race",
    )
    list_filter = ("activity", "surface", "source", "race")
    search_fields = ("user__username", "title", "notes")
    date_hierarchy = "date"
    list_select_related = ("user", "shoe")
    raw_id_fields = ("user", "shoe")
    readonly_fields = ("started_at", "activity_guessed", "created_at", "updated_at")


@admin.register(Soreness)
class SorenessAdmin(admin.ModelAdmin[Soreness]):
    list_display = ("date", "user", "area", "side", "severity", "kind", "swelling", "at_night")
    list_filter = ("area", "side", "kind")
    search_fields = ("user__username", "notes")
    date_hierarchy = "date"
    list_select_related = ("user",)
    raw_id_fields = ("user",)


@admin.register(WellnessEntry)
class WellnessEntryAdmin(admin.ModelAdmin[WellnessEntry]):
    list_display = ("date", "user", "sleep", "fatigue", "stress", "soreness")
    search_fields = ("user__username",)
    date_hierarchy = "date"
    list_select_related = ("user",)
    raw_id_fields = ("user",)


@admin.register(OstrcResponse)
class OstrcResponseAdmin(admin.ModelAdmin[OstrcResponse]):
    list_display = ("week", "user", "area", "participation", "modification", "performance")
    list_filter = ("area",)
    search_fields = ("user__username",)
    date_hierarchy = "week"
    list_select_related = ("user",)
    raw_id_fields = ("user",)


@admin.register(SeenFlag)
class SeenFlagAdmin(admin.ModelAdmin[SeenFlag]):
    list_display = ("key", "user", "seen_at")
    search_fields = ("key", "user__username")
    list_select_related = ("user",)
    raw_id_fields = ("user",)


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin[ImportJob]):
    list_display = (
        "created_at",
        "user",
        "kind",
        "status",
        "label",
        "done_count",
        "total",
        "imported",
        "duplicates",
        "refused",
    )
    list_filter = ("kind", "status")
    search_fields = ("user__username", "label")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("created_at", "updated_at", "task_id")
    # The uploaded payload can be megabytes: never load it for a list page.
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[ImportJob]:
        return super().get_queryset(request).defer("payload")
