"""The time zones a runner chooses from: the current ones, grouped by region.

``zoneinfo.available_timezones()`` holds about 600 names, a third of them legacy
aliases ("US/Eastern", "Asia/Calcutta", "Etc/GMT+5", "Factory", "localtime"). The
time zone database itself says which names are current: zone.tab and zone1970.tab
list every zone a country uses today. We offer those (plus UTC), and read the
database's links (tzdata.zi) so that a browser reporting a legacy name, as Chrome
does for India ("Asia/Calcutta"), still finds its zone in the list.

The files are looked up where ``zoneinfo`` finds its data: the system's zone
folders first, then the ``tzdata`` package. Without them the list falls back to
the region/city names of ``available_timezones()``.
"""

from __future__ import annotations

import functools
import zoneinfo
from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

UTC = "UTC"
# The regions of the tz database's region/city names, in the order a list shows them.
REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)

Choices = list[tuple[str, str] | tuple[str, list[tuple[str, str]]]]


def _data_folders() -> Iterator[Path]:
    for folder in zoneinfo.TZPATH:
        yield Path(folder)
    try:
        yield Path(str(resources.files("tzdata").joinpath("zoneinfo")))
    except ModuleNotFoundError:
        return


def _read(name: str) -> list[str]:
    for folder in _data_folders():
        try:
            return (folder / name).read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
    return []


@functools.cache
def current_zones() -> frozenset[str]:
    """Every current zone name this machine can load, UTC included."""
    available = zoneinfo.available_timezones()
    listed = {
        fields[2]
        for name in ("zone1970.tab", "zone.tab")
        for line in _read(name)
        if not line.startswith("#") and len(fields := line.split("\t")) >= 3
    }
    if not listed:  # no zone tables: keep the region/city names, drop the rest
        listed = {name for name in available if name.split("/", 1)[0] in REGIONS}
    return frozenset((listed & available) | ({UTC} & available))


@functools.cache
def legacy_names() -> dict[str, str]:
    """Legacy name -> the current zone it stands for ("Asia/Calcutta" -> "Asia/Kolkata")."""
    current = current_zones()
    aliases: dict[str, str] = {}
    for line in _read("tzdata.zi"):
        fields = line.split()
        if len(fields) != 3 or fields[0] != "L":
            continue
        target, alias = fields[1], fields[2]
        if target in current and alias not in current:
            aliases[alias] = target
        elif alias in current and target not in current:  # "L Etc/UTC UTC"
            aliases[target] = alias
    return aliases


def label(zone: str) -> str:
    """ "America/Argentina/Buenos_Aires" -> "America / Argentina / Buenos Aires": whole,
    since a closed list shows the chosen entry without its region's heading."""
    return zone.replace("_", " ").replace("/", " / ")


@functools.cache
def grouped_choices() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    by_region: dict[str, list[str]] = defaultdict(list)
    for zone in current_zones():
        region = zone.split("/", 1)[0]
        if region in REGIONS:
            by_region[region].append(zone)
    return tuple(
        (region, tuple((zone, label(zone)) for zone in sorted(by_region[region], key=label)))
        for region in REGIONS
        if by_region[region]
    )


def choices(*, keep: str | None = None) -> Choices:
    """UTC first, then the regions; ``keep`` (a runner's current zone, even a legacy
    name chosen before this list existed) stays choosable so that saving the form
    with other changes never changes it."""
    result: Choices = [(UTC, "UTC (Coordinated Universal Time)")]
    result += [(region, list(zones)) for region, zones in grouped_choices()]
    if keep and keep not in current_zones():
        result.append(("Other", [(keep, keep.replace("_", " "))]))
    return result
