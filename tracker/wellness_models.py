"""The two questionnaires' rows: a day's wellness check and an area's weekly OSTRC-O2.

The wording, scales and scoring are advice.instruments'; the ranges here are the
same numbers, held by the database as CheckConstraints too, so that no path
(form, CSV, admin, shell) stores an answer the instrument does not have.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from advice.instruments import (
    CANNOT_PARTICIPATE_ANSWERS,
    HOOPER_ITEMS,
    HOOPER_MAX,
    HOOPER_MIN,
    OSTRC_QUESTIONS,
    Q1_CANNOT,
    Q_CANNOT,
    OstrcScore,
    ostrc_score,
)
from tracker.models import Area


def _rating(index: int) -> models.PositiveSmallIntegerField[int, int]:
    item = HOOPER_ITEMS[index]
    return models.PositiveSmallIntegerField(
        item.label.lower(),
        validators=[MinValueValidator(HOOPER_MIN), MaxValueValidator(HOOPER_MAX)],
        help_text=f"{HOOPER_MIN} = {item.best}, {HOOPER_MAX} = {item.worst}.",
    )


class WellnessEntry(models.Model):
    """One day's four ratings (Hooper & Mackinnon 1995); at most one a day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wellness"
    )
    date = models.DateField()
    sleep = _rating(0)
    fatigue = _rating(1)
    stress = _rating(2)
    soreness = _rating(3)

    class Meta:
        verbose_name = "wellness check"
        verbose_name_plural = "wellness checks"
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="wellness_one_a_day"),
            *(
                models.CheckConstraint(
                    condition=Q(
                        **{f"{item.field}__gte": HOOPER_MIN, f"{item.field}__lte": HOOPER_MAX}
                    ),
                    name=f"wellness_{item.field}_range",
                )
                for item in HOOPER_ITEMS
            ),
        ]

    def __str__(self) -> str:
        return f"Wellness {self.index}/28 on {self.date.isoformat()}"

    @property
    def index(self) -> int:
        return int(self.sleep + self.fatigue + self.stress + self.soreness)


def _answer(index: int) -> models.PositiveSmallIntegerField[int, int]:
    question = OSTRC_QUESTIONS[index]
    return models.PositiveSmallIntegerField(
        question.short.lower(),
        choices=[(i, wording) for i, (wording, _points) in enumerate(question.options)],
    )


def _answer_range(index: int) -> Q:
    question = OSTRC_QUESTIONS[index]
    return Q(**{f"{question.field}__gte": 0, f"{question.field}__lt": len(question.options)})


class OstrcResponse(models.Model):
    """One area's answers for a week: asked on the runner's first day of the week
    (``week``), about the 7 days up to it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ostrc"
    )
    week = models.DateField("week of")
    area = models.CharField(max_length=10, choices=Area.choices)
    participation = _answer(0)
    modification = _answer(1)
    performance = _answer(2)
    symptoms = _answer(3)

    class Meta:
        verbose_name = "OSTRC-O2 answer"
        verbose_name_plural = "OSTRC-O2 answers"
        ordering = ["-week", "area"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "week", "area"], name="ostrc_one_an_area_a_week"
            ),
            models.CheckConstraint(condition=Q(area__in=Area.values), name="ostrc_area_valid"),
            *(
                models.CheckConstraint(condition=_answer_range(i), name=f"ostrc_{q.field}_range")
                for i, q in enumerate(OSTRC_QUESTIONS)
            ),
            # advice.instruments.ostrc_valid: "cannot participate" is one answer.
            models.CheckConstraint(
                condition=Q(
                    **dict(
                        zip(
                            (q.field for q in OSTRC_QUESTIONS),
                            CANNOT_PARTICIPATE_ANSWERS,
                            strict=True,
                        )
                    )
                )
                | (
                    Q(participation__lt=Q1_CANNOT)
                    & Q(modification__lt=Q_CANNOT)
                    & Q(performance__lt=Q_CANNOT)
                ),
                name="ostrc_cannot_participate_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"OSTRC-O2 {self.area} week of {self.week.isoformat()}: {self.score.severity}/100"

    @property
    def score(self) -> OstrcScore:
        return ostrc_score(self.participation, self.modification, self.performance, self.symptoms)
