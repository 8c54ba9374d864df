"""Durations and times of day as producers write them."""

from __future__ import annotations

from datetime import time

import pytest

from hostconsole.domain.durations import (
    DurationError,
    format_countdown,
    format_elapsed,
    format_offset,
    parse_duration,
    parse_time_of_day,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("90", 90),
        (90, 90),
        (1.5, 1.5),
        ("5m", 300),
        ("5 min", 300),
        ("1:30", 90),
        ("1:02:30", 3750),
        ("1h30m", 5400),
        ("1h 30m 15s", 5415),
        ("0.5m", 30),
    ],
)
def test_durations_in_every_accepted_form(text: object, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["five", "", "5x", "1:75", True, None, [1], "1::3", "nan"])
def test_not_a_duration_names_the_expected_form(text: object) -> None:
    with pytest.raises(DurationError, match="like 90s, 5m or 1:30"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["-5m", "-1:30", -3])
def test_negative_durations_are_named_as_negative(text: object) -> None:
    with pytest.raises(DurationError, match="cannot be negative"):
        parse_duration(text)


def test_times_of_day() -> None:
    assert parse_time_of_day("19:30") == time(19, 30)
    assert parse_time_of_day("07:05:09") == time(7, 5, 9)
    with pytest.raises(DurationError, match="time of day"):
        parse_time_of_day("25:00")


def test_countdown_shows_zero_exactly_at_time_up_and_minus_once_over() -> None:
    assert format_countdown(90) == "1:30"
    assert format_countdown(0.2) == "0:01"
    assert format_countdown(0) == "0:00"
    assert format_countdown(-0.2) == "-0:01"
    assert format_countdown(-3725) == "-1:02:05"


def test_elapsed_and_offsets() -> None:
    assert format_elapsed(59.9) == "0:59"
    assert format_elapsed(3600) == "1:00:00"
    assert format_offset(120) == "+2:00"
    assert format_offset(-30) == "-0:30"
    assert format_offset(0) == "+0:00"
