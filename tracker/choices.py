"""The log's choices: what an activity, a surface, an area, a side... can be.

Their values are the contract's (docs/contract.md) and the CheckConstraints'
(tracker/models.py re-exports them, where the rest of the code reads them); their
labels are what the runner reads, translated.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Activity(models.TextChoices):
    RUN = "run", _("Run")
    WALK = "walk", _("Walk")
    CYCLE = "cycle", _("Cycle")
    JUMP_ROPE = "jump_rope", _("Jump rope")
    STRENGTH = "strength", _("Strength")
    OTHER = "other", _("Other")


class Surface(models.TextChoices):
    ASPHALT = "asphalt", _("Asphalt")
    CONCRETE = "concrete", _("Concrete")
    TRACK = "track", _("Track")
    TREADMILL = "treadmill", _("Treadmill")
    TRAIL = "trail", _("Trail")
    GRASS = "grass", _("Grass")
    SAND = "sand", _("Sand")
    MIXED = "mixed", _("Mixed")


class Terrain(models.TextChoices):
    FLAT = "flat", _("Flat")
    ROLLING = "rolling", _("Rolling")
    HILLY = "hilly", _("Hilly")
    DOWNHILL = "downhill", _("Downhill")


class Area(models.TextChoices):
    CALF = "calf", _("Calf")
    SHIN = "shin", _("Shin")
    KNEE = "knee", _("Knee")
    ACHILLES = "achilles", _("Achilles")
    HEEL = "heel", _("Heel")
    FOOT = "foot", _("Foot")
    THIGH = "thigh", _("Thigh")
    HAMSTRING = "hamstring", _("Hamstring")
    HIP = "hip", _("Hip")
    BACK = "back", _("Back")
    OTHER = "other", _("Other")


# The order areas are listed in wherever several are (the body from the leg up).
AREA_ORDER = {area: i for i, area in enumerate(Area.values)}


class Side(models.TextChoices):
    LEFT = "left", _("Left")
    RIGHT = "right", _("Right")
    BOTH = "both", _("Both")


class PainKind(models.TextChoices):
    ACHING = "aching", _("Aching")
    BURNING = "burning", _("Burning")
    SHARP = "sharp", _("Sharp")
    CRAMP = "cramp", _("Cramp")
    PULSATING = "pulsating", _("Pulsating")
    STIFFNESS = "stiffness", _("Stiffness")


class ShoeKind(models.TextChoices):
    RUNNING = "running", _("Running")
    TRAIL = "trail", _("Trail")
    RACING = "racing", _("Racing")
    CASUAL = "casual", _("Casual (not made for running)")


class Units(models.TextChoices):
    KM = "km", _("Kilometres")
    MI = "mi", _("Miles")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Origin(models.TextChoices):
    """Where a session came from (the field is ``Session.source``). Not to be
    confused with advice's Source, the document a rule quotes."""

    MANUAL = "manual", _("Logged by hand")
    CSV = "csv", _("CSV import")
    FILE = "file", _("Activity file")
    STRAVA = "strava", _("Strava export")
