"""Analyses on a hand-built set of events whose figures are known in advance."""

from __future__ import annotations

import hashlib

import pytest

from tieline.analysis import (
    IssueCount,
    StatedCount,
    Window,
    bloc_alignment,
    channels,
    issues,
    meetings,
    pair_series,
)
from tieline.coding.ontology import lookup
from tieline.model import Actor, CodingResult, Document, Event, EventDate
from tieline.store import open_store

NAMES = {"JPN": "Japan", "RUS": "Russia", "USA": "United States", "DEU": "Germany"}


def event(n: int, src: str, tgt: str, code: str, start: str, *, end: str | None = None,
          src_sector: str | None = None, tgt_sector: str | None = None,
          src_name: str | None = None, tgt_name: str | None = None, modality: str = "asserted",
          count: int | None = None, issues: list[str] | None = None) -> Event:  # fmt: skip
    info = lookup(code)
    doc_id = f"doc{n}"

    def actor(country: str, sector: str | None, name: str | None) -> Actor:
        return Actor(name or NAMES[country], country + (sector or ""), country, sector,
                     name or NAMES[country])  # fmt: skip

    return Event(
        event_id=hashlib.sha256(f"e{n}".encode()).hexdigest()[:32], doc_id=doc_id,
        sentence_index=0, sentence=f"Distinct sentence number {n} about {code} in {start}.",
        source=actor(src, src_sector, src_name), target=actor(tgt, tgt_sector, tgt_name),
        cameo=code, cameo_name=info.name, quad_class=info.quad_class, goldstein=info.goldstein,
        plover=info.plover, verb="x",
        date=EventDate(start, end or start, "range" if end else "day", None, "text"),
        modality=modality, count=count, issues=issues or [],
    )  # fmt: skip


def store_events(store, evs: list[Event]) -> None:
    for e in evs:
        doc = Document(id=e.doc_id, body=e.sentence + f" {e.doc_id}", published=e.date.end)
        store.store(CodingResult(doc, [e], [e.sentence]))


ABE = dict(src_sector="GOV", tgt_sector="GOV", src_name="Shinzo Abe", tgt_name="Vladimir Putin")
EVENTS = [
    event(1, "JPN", "RUS", "163", "2014-03-10", issues=["SANCTIONS"]),
    event(2, "RUS", "JPN", "112", "2014-03-20"),
    event(
        3,
        "JPN",
        "RUS",
        "046",
        "2014-04-05",
        src_sector="NGO",
        tgt_sector="NGO",
        issues=["PEACE_TREATY"],
    ),  # fmt: skip
    event(4, "JPN", "RUS", "040", "2014-04-06", **ABE),
    event(5, "JPN", "RUS", "042", "2014-05-01", modality="future"),
    event(6, "JPN", "RUS", "040", "2014-01-01", end="2016-06-01", count=5, **ABE),
    event(7, "JPN", "RUS", "040", "2015-09-03", **ABE),
    event(
        8,
        "RUS",
        "JPN",
        "040",
        "2017-04-27",
        src_sector="GOV",
        tgt_sector="GOV",
        src_name="Vladimir Putin",
        tgt_name="Shinzo Abe",
    ),  # fmt: skip
]


@pytest.fixture
def store(store_url: str):
    s = open_store(store_url)
    store_events(s, EVENTS)
    return s


def test_pair_series_by_month(store) -> None:
    rows = {r.period: r for r in pair_series(store, Window.of("jpn", "rus"))}
    assert sorted(rows) == ["2014-01", "2014-03", "2014-04", "2015-09", "2017-04"]
    march = rows["2014-03"]
    assert march.events == 2 and march.quad == {"1": 0, "2": 0, "3": 1, "4": 1}
    assert march.goldstein_sum == -10.0 and march.goldstein_mean == -5.0
    assert march.directions["JPN->RUS"].goldstein_sum == -8.0
    assert march.directions["RUS->JPN"].events == 1
    april = rows["2014-04"]
    assert april.events == 2 and april.goldstein_sum == 8.0  # 046 (7.0) + 040 (1.0)


def test_pair_series_includes_other_modalities_on_request(store) -> None:
    w = Window.of("JPN", "RUS", modalities=("asserted", "future"))
    rows = {r.period: r for r in pair_series(store, w)}
    assert rows["2014-05"].events == 1


def test_pair_series_by_year_and_window(store) -> None:
    rows = pair_series(
        store, Window.of("JPN", "RUS", since="2014-03-01", until="2015-12-31"), "year"
    )  # noqa: E501
    assert [(r.period, r.events) for r in rows] == [("2014", 4), ("2015", 1)]


def test_channels(store) -> None:
    rows = {r.period: r for r in channels(store, Window.of("JPN", "RUS"))}
    assert rows["2014-04"].official.events == 1
    assert rows["2014-04"].unofficial.events == 1
    assert rows["2014-04"].unofficial.goldstein_mean == 7.0
    assert rows["2014-03"].unofficial.events == 0


def test_issues_count_once_per_event(store) -> None:
    result = issues(store, Window.of("JPN", "RUS"))
    assert result.top == (
        IssueCount("PEACE_TREATY", 1),
        IssueCount("SANCTIONS", 1),
    ) or result.top == (
        IssueCount("SANCTIONS", 1),
        IssueCount("PEACE_TREATY", 1),
    )


def test_meetings_do_not_double_count(store) -> None:
    (pair,) = meetings(store, Window.of("JPN", "RUS"))
    assert pair.leaders == ("Shinzo Abe", "Vladimir Putin")
    assert len(pair.coded_meetings) == 3  # 2014-04-06, 2015-09-03, 2017-04-27
    assert pair.stated_counts == (StatedCount(count=5, start="2014-01-01", end="2016-06-01"),)
    # two coded meetings fall inside the stated range (5 covers them), one is after it
    assert pair.total == 6


def test_records_serialise_to_the_json_they_always_had(store) -> None:
    w = Window.of("JPN", "RUS")
    march = next(r for r in pair_series(store, w) if r.period == "2014-03")
    assert list(march.to_dict()) == [
        "period", "events", "quad", "goldstein_sum", "goldstein_mean", "directions",
    ]  # fmt: skip
    assert march.to_dict()["directions"]["JPN->RUS"] == {
        "events": 1, "quad": {"1": 0, "2": 0, "3": 0, "4": 1},
        "goldstein_sum": -8.0, "goldstein_mean": -8.0,
    }  # fmt: skip
    (pair,) = meetings(store, w)
    assert pair.to_dict() == {
        "leaders": ["Shinzo Abe", "Vladimir Putin"],
        "coded_meetings": [
            {"start": "2014-04-06", "end": "2014-04-06"},
            {"start": "2015-09-03", "end": "2015-09-03"},
            {"start": "2017-04-27", "end": "2017-04-27"},
        ],
        "stated_counts": [{"count": 5, "start": "2014-01-01", "end": "2016-06-01"}],
        "total": 6,
    }
    found = issues(store, w).to_dict()
    assert list(found) == ["top", "periods"] and found["periods"][0]["period"] == "2014"
    assert sorted(found["top"], key=lambda i: i["issue"]) == [
        {"issue": "PEACE_TREATY", "events": 1},
        {"issue": "SANCTIONS", "events": 1},
    ]
    (row,) = channels(store, w, "year")[:1]
    assert list(row.to_dict()) == ["period", "official", "unofficial"]


def test_bloc_alignment(store_url: str) -> None:
    store = open_store(store_url)
    store_events(
        store,
        [
            event(21, "JPN", "RUS", "163", "2014-03-10"),
            event(22, "JPN", "RUS", "042", "2014-09-01"),
            event(23, "USA", "RUS", "163", "2014-03-11"),
            event(24, "DEU", "RUS", "163", "2014-03-12"),
        ],
    )
    result = bloc_alignment(store, "JPN", "G7", "RUS", by="year")
    (row,) = result.periods
    # JPN: half sanctions (Q4), half visits (Q1), mean Goldstein (-8 + 1.9) / 2 = -3.05
    # partners: all sanctions, mean -8; total variation 0.5; Goldstein gap 4.95 / 20
    assert row.distance == pytest.approx((0.5 + 4.95 / 20) / 2, abs=1e-3)
    assert row.country_events == 2 and row.bloc_events == 2
    assert row.summary is not None
    assert "JPN" in row.summary and "G7" in row.summary and "more cooperative" in row.summary
    assert "USA" in result.partners and "JPN" not in result.partners
    assert list(result.to_dict()["periods"][0]) == [
        "period", "country_events", "bloc_events", "distance", "summary",
        "country_goldstein_mean", "bloc_goldstein_mean",
    ]  # fmt: skip
    lonely = bloc_alignment(store, "GBR", "G7", "RUS", by="year").to_dict()["periods"][0]
    assert lonely["country_events"] == 0 and lonely["distance"] is None
    assert "country_goldstein_mean" not in lonely and "bloc_goldstein_mean" not in lonely


def test_unknown_bloc_is_an_input_error(store) -> None:
    from tieline.errors import InputError

    with pytest.raises(InputError, match="unknown bloc"):
        bloc_alignment(store, "JPN", "NOPE", "RUS")
