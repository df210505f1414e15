"""tracker.charts.surfaces and shoes."""

from __future__ import annotations

from datetime import date

from chart_builders import bins, context, trace, training, week_bins

from tracker.charts import shoes, surfaces
from tracker.charts.periods import Period
from tracker.charts.plot import WARNING
from tracker.charts.series import ShoeWear


def test_it_stacks_surfaces_with_hard_ones_in_the_warning_colour():
    columns = week_bins(2)
    weeks = training(columns, 15, 8, surfaces=("asphalt", "concrete", "trail", ""))
    weeks.periods[0].km_by_surface = {"asphalt": 10.0, "trail": 5.0}
    weeks.periods[1].km_by_surface = {"concrete": 3.0, "": 5.0}
    figure = surfaces.surfaces_figure(weeks, units="km")
    assert figure["layout"]["barmode"] == "stack"
    assert [t["name"] for t in figure["data"]] == ["Asphalt", "Concrete", "Trail", "Not recorded"]
    assert trace(figure, "Asphalt")["y"] == [10.0, 0.0]
    assert trace(figure, "Asphalt")["marker"]["color"] == WARNING
    assert trace(figure, "Concrete")["marker"]["color"] == WARNING
    assert trace(figure, "Trail")["marker"]["color"] != WARNING
    table = surfaces.surfaces_table(weeks, units="km")
    assert table.headers == ("Week of", "Asphalt", "Concrete", "Trail", "Not recorded")
    assert table.rows[1] == ("9 Nov 2026", "0.0", "3.0", "0.0", "5.0")


def test_it_stacks_surfaces_by_month_over_long_ranges():
    columns = bins(Period.MONTH, date(2024, 1, 1), date(2026, 6, 30))
    months = training(columns, 100, surfaces=("trail",))
    months.periods[0].km_by_surface = {"trail": 100.0}
    card = surfaces.build(context(columns), months)
    assert card.figure is not None
    assert trace(card.figure, "Trail")["xperiod"] == "M1"
    assert len(trace(card.figure, "Trail")["y"]) == 30
    assert card.table.rows[0] == ("Jan 2024", "100.0")
    assert "a month" in card.intro


def test_it_draws_each_pair_against_its_limit_with_retired_pairs_hidden():
    wear = [
        ShoeWear(1, "<script>alert(1)</script>", False, 600, 540.0, 100.0),
        ShoeWear(2, "Grey pair", False, 800, 100.0, 100.0),
        ShoeWear(3, "Old pair", True, 650, 700.0, 0.0),
    ]
    figure = shoes.shoes_figure(wear, units="km", range_label="12 weeks")
    before = trace(figure, "Before")
    assert before["y"] == ["&lt;script&gt;alert(1)&lt;/script&gt;", "Grey pair"]
    assert before["x"] == [440.0, 0.0]
    assert trace(figure, "Last 12 weeks")["x"] == [100.0, 100.0]
    marks = [t for t in figure["data"] if t.get("name") in ("90% of limit", "Limit")]
    shown = [t for t in marks if t.get("visible") is not False]
    assert [t["x"] for t in shown] == [[540.0, 720.0], [600.0, 800.0]]
    retired = [t for t in figure["data"] if t.get("meta") == shoes.HIDDEN]
    assert retired and all(t["visible"] is False for t in retired)
    assert {tuple(t["y"]) for t in retired} == {("Old pair",)}
    card = shoes.build(context(None), wear)
    assert card.toggle == "Show retired pairs"


def test_it_lists_shoes_in_miles():
    wear = [ShoeWear(1, "Grey pair", False, 800, 160.9344, 16.09344)]
    table = shoes.shoes_table(wear, units="mi")
    assert table.rows == [("Grey pair", "in use", "90", "10", "100", "497", "20%")]


def test_it_has_no_shoe_chart_without_shoes():
    card = shoes.build(context(None), [])
    assert card.figure is None and card.needs == "shoe" and card.toggle == ""
