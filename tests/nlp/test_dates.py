"""Dates: tense decides which February, counts and ranges, and the ``tieline dates`` entry.

Expressions and sentences written for the tests, in wire-news wording.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from tieline import Coder
from tieline.cli import app
from tieline.nlp.dates import find_dates, resolve_record, resolve_relative_date, tense_of

OCTOBER = date(2019, 10, 11)  # a Friday


def value(text: str, anchor: date = OCTOBER, **tense: bool) -> str | None:
    found = resolve_relative_date(text, anchor, **tense)
    return found.value if found else None


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("in February", {"past": True}, "2019-02"),  # completed: never after publication
        ("in February", {"future": True}, "2020-02"),
        ("December 3", {"past": True}, "2018-12-03"),
        ("in November", {"past": True}, "2018-11"),
        ("the fourth quarter", {"past": True}, "2019-Q4"),  # begun: this year's
        ("in 2020", {"past": True}, "2020"),  # a stated year stays as stated
        ("next February", {"past": True}, "2020-02"),  # so does a forward word
        ("Wednesday", {}, "2019-10-09"),
        ("Wednesday", {"future": True}, "2019-10-16"),
        ("Friday", {"future": True}, "2019-10-11"),  # wire style: Friday's paper, today
        ("next Friday", {}, "2019-10-18"),
    ],
)
def test_tense_decides_which_occurrence(text: str, tense: dict, expected: str) -> None:
    assert value(text, **tense) == expected


@pytest.mark.parametrize(
    ("text", "expected", "start", "end"),
    [
        ("early next March", "2020-03", "2020-03-01", "2020-03-10"),
        ("late last year", "2018", "2018-09-02", "2018-12-31"),
        ("mid-March 2017", "2017-03", "2017-03-11", "2017-03-21"),
        ("the end of this month", "2019-10", "2019-10-22", "2019-10-31"),
        ("the beginning of next year", "2020", "2020-01-01", "2020-05-01"),
        ("May of next year", "2020-05", "2020-05-01", "2020-05-31"),
        ("this morning", "2019-10-11TMO", "2019-10-11", "2019-10-11"),
        ("last night", "2019-10-10TNI", "2019-10-10", "2019-10-10"),
        ("the weekend", "2019-W40-WE", "2019-10-05", "2019-10-06"),
        ("3/14/18", "2018-03-14", "2018-03-14", "2018-03-14"),
        ("25/12/2016", "2016-12-25", "2016-12-25", "2016-12-25"),
        ("'98", "1998", "1998-01-01", "1998-12-31"),
        ("the 80s", "198", "1980-01-01", "1989-12-31"),
        ("the past three years", "P3Y", "2016-10-11", "2019-10-11"),
        ("on Monday", "2019-10-07", "2019-10-07", "2019-10-07"),
    ],
)
def test_periods_parts_and_forms(text: str, expected: str, start: str, end: str) -> None:
    found = resolve_relative_date(text, OCTOBER)
    assert found is not None, text
    assert (found.value, found.start.isoformat(), found.end.isoformat()) == (expected, start, end)


def test_the_year_previous_is_last_year() -> None:
    assert value("the year previous") == "2018"


def test_a_possessive_decade_is_an_age_not_a_date() -> None:
    assert value("his 70s") is None


@pytest.mark.parametrize(
    ("sentence", "expression", "tense"),
    [
        ("The envoys met in Geneva on Tuesday.", "Tuesday", "past"),
        ("The envoys will meet in Geneva on Tuesday.", "Tuesday", "future"),
        ("The summit is set to open on Tuesday.", "Tuesday", "future"),
        ("Ministers said on Tuesday that talks will resume.", "Tuesday", "past"),
        ("A hearing on the dispute is scheduled for June 3.", "June 3", "future"),
        ("Ports stay closed until Friday.", "Friday", "future"),
        ("On Tuesday, the talks in Geneva.", "Tuesday", None),
    ],
)
def test_tense_of_the_words_around_the_expression(
    sentence: str, expression: str, tense: str | None
) -> None:
    assert tense_of(sentence, expression) == tense


def test_resolve_record_reads_the_sentence_for_the_tense() -> None:
    past = resolve_record(
        {
            "text": "February",
            "published": "2019-10-11",
            "sentence": "The deal was signed in February.",
        }
    )
    future = resolve_record(
        {
            "text": "February",
            "published": "2019-10-11",
            "sentence": "The deal will be signed in February.",
        }
    )
    assert (past["value"], future["value"]) == ("2019-02", "2020-02")
    assert resolve_record({"text": "4 May 2021"})["value"] == "2021-05-04"  # no anchor needed
    assert resolve_record({"text": "a fine day", "published": "2019-10-11"})["value"] is None
    with pytest.raises(ValueError, match='"published"'):
        resolve_record({"text": "May", "published": "last Tuesday"})


def test_tieline_dates_prints_one_line_per_input_and_names_bad_lines(tmp_path) -> None:
    source = tmp_path / "dates.jsonl"
    source.write_text(
        '{"text": "early next March", "published": "2019-06-11"}\n'
        "not json\n"
        '{"text": "in the autumn", "published": "2019-06-11", "sentence": "It fell in autumn."}\n',
        "utf-8",
    )
    result = CliRunner().invoke(app, ["dates", str(source)])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1 and f"{source}:2:" in result.stderr
    assert [x["value"] for x in lines] == ["2020-03", None, "2018-FA"]
    assert lines[0] == {
        "text": "early next March", "value": "2020-03", "start": "2020-03-01",
        "end": "2020-03-10", "precision": "range",
    }  # fmt: skip
    piped = CliRunner().invoke(app, ["dates", "-"], input='{"text": "2016-05-04"}\n')
    assert piped.exit_code == 0 and json.loads(piped.stdout)["precision"] == "day"


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def dated(coder: Coder, text: str, published: str) -> dict[tuple[str, str | None], dict]:
    result = coder.code_text(text, published=published)
    return {(e.cameo, e.target.country): e.to_dict() for e in result.events}


def test_a_completed_event_is_never_dated_after_publication(coder: Coder) -> None:
    events = dated(coder, "Chile's president visited Peru in February.", "2019-10-11")
    assert events[("042", "PER")]["date"]["start"] == "2019-02-01"
    events = dated(coder, "Chile's president will visit Peru in February.", "2019-10-11")
    assert events[("042", "PER")]["date"]["start"] == "2020-02-01"


def test_counts_over_a_range_since_a_clause(coder: Coder) -> None:
    text = (
        "The leaders of Chile and Peru have met seven times since Boric took office two years ago."
    )
    event = dated(coder, text, "2024-05-02")[("040", "PER")]
    assert event["count"] == 7
    assert (event["date"]["start"], event["date"]["end"]) == ("2022-01-01", "2024-05-02")
    text = "Chile and Peru have held 12 rounds of talks since 2020."
    event = dated(coder, text, "2024-05-02")[("046", "PER")]
    assert event["count"] == 12 and event["date"]["start"] == "2020-01-01"


def test_an_ordinal_visit_keeps_its_own_date(coder: Coder) -> None:
    text = "Chile's foreign minister made his second visit to Peru this year in March."
    event = dated(coder, text, "2024-05-02")[("042", "PER")]
    assert (event["date"]["start"], event["date"]["precision"]) == ("2024-03-01", "month")


def test_a_year_before_a_comma_is_a_year_and_a_number_with_commas_is_not() -> None:
    found = find_dates("In 2019, during the elections, the envoy was recalled.", OCTOBER)
    assert [d.value for d in found] == ["2019"]
    assert not find_dates("About 2,019 troops and 2019,000 rounds were counted.", OCTOBER)


def test_a_date_of_a_planned_or_conjoined_act_does_not_date_the_verb(coder: Coder) -> None:
    text = (
        "North Korea and South Korea agreed to a nonaggression pact and stated plans to "
        "resume family reunions on Aug. 15."
    )
    event = dated(coder, text, "2018-04-27")[("057", "KOR")]
    assert event["date"]["end"] >= "2018-04-20"  # not 2017-08-15: that is the reunions'


def test_a_number_after_a_day_and_month_is_no_year() -> None:
    found = find_dates("On June 18, 270 Indian troops crossed the line.", OCTOBER, past=True)
    assert [f.value for f in found] == ["2019-06-18"]
    assert [f.value for f in find_dates("It began on June 18, 2017.", OCTOBER)] == ["2017-06-18"]


def test_before_a_named_thing_is_no_interval_from_publication() -> None:
    found = find_dates("They met two weeks before the 2014 referendum.", OCTOBER)
    assert [f.value for f in found] == ["2014"]
    assert [f.value for f in find_dates("Two weeks before, they met.", OCTOBER)] == ["2019-W39"]
