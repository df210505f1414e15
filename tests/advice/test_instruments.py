"""The two questionnaires' scoring against their published tables.

OSTRC-O2 (Clarsen et al. 2013; revised 2020): Q1 and Q4 score 0/8/17/25, Q2 and
Q3 0/6/13/19/25, the severity is their sum; a substantial problem is Q2 or Q3 at
"to a moderate extent" or more, or Q1 "cannot participate". Every one of the
4 x 5 x 5 x 4 = 400 combinations of answers is checked.
"""

from __future__ import annotations

from itertools import product

import pytest

from advice.instruments import (
    CANNOT_PARTICIPATE_ANSWERS,
    HOOPER_FIELDS,
    OSTRC_QUESTIONS,
    SEVERITY_MAX,
    hooper_index,
    ostrc_score,
    ostrc_valid,
)

# The published points, written out rather than read from the module under test.
PUBLISHED_POINTS = ((0, 8, 17, 25), (0, 6, 13, 19, 25), (0, 6, 13, 19, 25), (0, 8, 17, 25))
ALL_ANSWERS = list(product(range(4), range(5), range(5), range(4)))


def test_the_options_carry_the_published_points_and_wording() -> None:
    assert tuple(tuple(p for _w, p in q.options) for q in OSTRC_QUESTIONS) == PUBLISHED_POINTS
    assert [q.options[0][0] for q in OSTRC_QUESTIONS] == [
        "Full participation without problems",
        "No modification",
        "No effect",
        "No pain",
    ]
    assert OSTRC_QUESTIONS[0].options[3][0] == "Cannot participate due to problems"
    assert OSTRC_QUESTIONS[1].options[2][0] == "To a moderate extent"
    assert all("past 7 days" in q.text and "{area}" in q.text for q in OSTRC_QUESTIONS)
    assert SEVERITY_MAX == 100


def _expected_valid(q1: int, q2: int, q3: int, q4: int) -> bool:
    if q1 == 3:  # cannot participate: the rest at their maximum (OSTRC-O2's skip logic)
        return (q2, q3, q4) == (4, 4, 3)
    return q2 != 4 and q3 != 4


@pytest.mark.parametrize("answers", ALL_ANSWERS, ids=lambda a: "".join(map(str, a)))
def test_every_combination_is_scored_as_published(answers: tuple[int, int, int, int]) -> None:
    q1, q2, q3, _q4 = answers
    assert ostrc_valid(*answers) is _expected_valid(*answers)
    if not _expected_valid(*answers):
        with pytest.raises(ValueError, match="OSTRC-O2"):
            ostrc_score(*answers)
        return
    score = ostrc_score(*answers)
    expected = tuple(PUBLISHED_POINTS[i][a] for i, a in enumerate(answers))
    assert score.points == expected
    assert score.severity == sum(expected)
    assert 0 <= score.severity <= 100
    # Substantial: moderate or severe reduction of training or performance, or
    # complete inability to participate.
    assert score.substantial is (q1 == 3 or q2 >= 2 or q3 >= 2)


def test_the_count_of_possible_answers() -> None:
    # 3 x 4 x 4 x 4 without "cannot participate", and the one set with it.
    assert sum(map(lambda a: ostrc_valid(*a), ALL_ANSWERS)) == 3 * 4 * 4 * 4 + 1


@pytest.mark.parametrize(
    ("answers", "severity", "substantial"),
    [
        ((0, 0, 0, 0), 0, False),  # no problem
        ((1, 1, 1, 1), 8 + 6 + 6 + 8, False),  # full participation, minor everything: 28
        ((1, 1, 2, 1), 8 + 6 + 13 + 8, True),  # performance down to a moderate extent
        ((2, 2, 1, 2), 17 + 13 + 6 + 17, True),  # training modified to a moderate extent: 53
        ((2, 1, 1, 3), 17 + 6 + 6 + 25, False),  # severe pain alone is not "substantial"
        ((2, 3, 3, 3), 17 + 19 + 19 + 25, True),  # 80
        (CANNOT_PARTICIPATE_ANSWERS, 100, True),
        ((0, 0, 0, 3), 25, False),
    ],
)
def test_worked_examples(
    answers: tuple[int, int, int, int], severity: int, substantial: bool
) -> None:
    score = ostrc_score(*answers)
    assert (score.severity, score.substantial) == (severity, substantial)


@pytest.mark.parametrize(
    ("ratings", "index"),
    [((1, 1, 1, 1), 4), ((7, 7, 7, 7), 28), ((2, 3, 4, 5), 14), ((1, 7, 1, 7), 16)],
)
def test_the_hooper_index_is_the_sum_of_the_four_ratings(
    ratings: tuple[int, int, int, int], index: int
) -> None:
    assert hooper_index(*ratings) == index


@pytest.mark.parametrize("bad", [(0, 1, 1, 1), (1, 8, 1, 1), (1, 1, -1, 1), (1, 1, 1, 9)])
def test_a_rating_outside_one_to_seven_is_refused(bad: tuple[int, int, int, int]) -> None:
    with pytest.raises(ValueError, match="rated 1-7"):
        hooper_index(*bad)


def test_the_items_in_hooper_s_order() -> None:
    assert HOOPER_FIELDS == ("sleep", "fatigue", "stress", "soreness")
