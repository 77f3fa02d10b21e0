"""The REST API over a store holding the example corpus, on both backends."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tieline.store import open_store
from tieline.web.app import create_app


@pytest.fixture(scope="module")
def client(example_store_url: str):
    store = open_store(example_store_url)
    with TestClient(create_app(store, api_token="s3cret")) as c:
        yield c
    store.close()


def test_documents_list_and_one(client: TestClient) -> None:
    page = client.get("/api/documents", params={"limit": 3}).json()
    assert len(page["items"]) == 3 and page["next_cursor"] == page["items"][-1]["id"]
    rest = client.get("/api/documents", params={"limit": 1000, "cursor": page["next_cursor"]})
    ids = [d["id"] for d in page["items"]] + [d["id"] for d in rest.json()["items"]]
    assert len(ids) == len(set(ids))
    doc = client.get(f"/api/documents/{ids[0]}").json()
    assert doc["id"] == ids[0] and "sentences" in doc and "minhash" not in doc
    assert client.get("/api/documents/" + "0" * 64).status_code == 404


def test_events_filters_and_cursor(client: TestClient) -> None:
    first = client.get("/api/events", params={"pair": "JPN,RUS", "limit": 2}).json()
    assert len(first["items"]) == 2
    assert all({e["source_country"], e["target_country"]} == {"JPN", "RUS"} for e in first["items"])
    second = client.get(
        "/api/events", params={"pair": "JPN,RUS", "limit": 2, "cursor": first["next_cursor"]}
    ).json()
    assert not {e["event_id"] for e in first["items"]} & {e["event_id"] for e in second["items"]}
    quad = client.get("/api/events", params={"quad_class": 4, "limit": 1000}).json()["items"]
    every = client.get("/api/events", params={"limit": 1000}).json()["items"]
    assert quad and all(e["quad_class"] == 4 for e in quad)
    assert len(quad) < len(every)  # the filter keeps some events and drops others


def test_pair_endpoints_agree(client: TestClient) -> None:
    series = client.get("/api/dyads/JPN/RUS/series", params={"by": "year"}).json()
    assert series["pair"] == ["JPN", "RUS"] and series["total_events"] >= 5
    channels = client.get("/api/dyads/jpn/rus/channels", params={"by": "year"}).json()
    per_year = {r["period"]: r["events"] for r in series["series"]}
    for row in channels["channels"]:
        assert row["official"]["events"] + row["unofficial"]["events"] == per_year[row["period"]]
    issues = client.get("/api/dyads/JPN/RUS/issues").json()
    assert {"top", "periods"} <= set(issues)
    meetings = client.get("/api/dyads/JPN/RUS/meetings").json()["meetings"]
    assert meetings and meetings[0]["total"] >= 1
    alignment = client.get(
        "/api/alignment", params={"country": "JPN", "bloc": "G7", "target": "RUS"}
    ).json()
    assert alignment["bloc"] == "G7" and "USA" in alignment["partners"]


@pytest.mark.parametrize(
    ("url", "params", "parameter"),
    [
        ("/api/dyads/JPN/RUS/series", {"by": "decade"}, "by"),
        ("/api/dyads/JPN/RUS/series", {"since": "14/03/2019"}, "since"),
        ("/api/dyads/JPN/RUS/series", {"since": "2020-01-01", "until": "2019-01-01"}, "since"),
        ("/api/dyads/J1N/RUS/series", {}, "a"),
        ("/api/events", {"limit": 0}, "limit"),
        ("/api/events", {"quad_class": 9}, "quad_class"),
        ("/api/events", {"pair": "JPN"}, "pair"),
        ("/api/events", {"modality": "maybe"}, "modality"),
        ("/api/alignment", {"country": "JPN", "bloc": "NOPE", "target": "RUS"}, "bloc"),
        ("/api/alignment", {"country": "JPN", "target": "RUS"}, "bloc"),
        ("/api/events", {"text": "a\x00b"}, "text"),
    ],
)
def test_invalid_parameters_get_422_naming_the_parameter(
    client: TestClient, url: str, params: dict, parameter: str
) -> None:
    response = client.get(url, params=params)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(f"{parameter}:")


def test_writing_needs_the_token(client: TestClient) -> None:
    body = {"text": "Japan praised Russia for the fishing agreement.", "published": "2023-05-01"}
    assert client.post("/api/documents", json=body).status_code == 401
    bad = client.post("/api/documents", json=body, headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401
    ok = client.post("/api/documents", json=body, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 201 and ok.json()["status"] in {"new", "unchanged"}
    again = client.post("/api/documents", json=body, headers={"Authorization": "Bearer s3cret"})
    assert again.json()["status"] == "unchanged" and again.json()["id"] == ok.json()["id"]
    empty = client.post(
        "/api/documents", json={"text": ""}, headers={"Authorization": "Bearer s3cret"}
    )  # noqa: E501
    assert empty.status_code == 422 and empty.json()["detail"].startswith("text:")


def test_writing_is_off_without_a_token(example_store_url: str, monkeypatch) -> None:
    monkeypatch.delenv("TIELINE_API_TOKEN", raising=False)
    store = open_store(example_store_url)
    with TestClient(create_app(store)) as c:
        response = c.post(
            "/api/documents", json={"text": "x"}, headers={"Authorization": "Bearer x"}
        )  # noqa: E501
    assert response.status_code == 403 and "writing is off" in response.json()["detail"]


def test_pages_render(client: TestClient) -> None:
    home = client.get("/")
    assert home.status_code == 200 and "/dyads/" in home.text
    pair = client.get("/dyads/JPN/RUS")
    assert pair.status_code == 200 and 'id="index-chart"' in pair.text and "event-link" in pair.text
    assert "/static/plotly/plotly.min.js" in pair.text and "cdn" not in pair.text.lower()
    assert client.get("/static/plotly/plotly.min.js").status_code == 200
    assert client.get("/search", params={"q": "sanctions"}).status_code == 200
    doc_id = client.get("/api/documents").json()["items"][0]["id"]
    assert client.get(f"/documents/{doc_id}").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "tieline"


def test_events_and_the_pair_page_filter_on_confidence(client: TestClient) -> None:
    every = client.get("/api/events", params={"limit": 1000}).json()["items"]
    scores = sorted({e["confidence"] for e in every})
    assert len(scores) > 1, "the example corpus should hold events of different confidence"
    cut = scores[len(scores) // 2]
    kept = client.get("/api/events", params={"limit": 1000, "min_confidence": cut}).json()
    assert {e["event_id"] for e in kept["items"]} == {
        e["event_id"] for e in every if e["confidence"] >= cut
    }
    assert client.get("/api/events", params={"min_confidence": 1.5}).status_code == 422
    page = client.get("/dyads/JPN/RUS", params={"min_confidence": 0.99}).text
    rows = page.split('<table id="timeline">', 1)[1].split("</table>", 1)[0]
    pair = [e for e in every if {e["source_country"], e["target_country"]} == {"JPN", "RUS"}]
    high = [e for e in pair if e["confidence"] >= 0.99]
    assert rows.count("event-link") == len(high) < len(pair)
    assert '<option value="0.9"' in page and "<th>confidence</th>" in page


def test_errors_are_json_for_the_api_and_html_for_pages(client: TestClient) -> None:
    api = client.get("/api/documents/" + "0" * 64)
    assert api.status_code == 404 and api.json()["detail"].endswith("not found")
    page = client.get("/documents/" + "0" * 64, headers={"Accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert api.json()["detail"] in page.text
    bad = client.get("/dyads/JPN/RUS", params={"by": "decade"}, headers={"Accept": "text/html"})
    assert bad.status_code == 422 and "by:" in bad.text and "<html" in bad.text
    form = client.get("/search")
    assert form.status_code == 200 and 'id="search-form"' in form.text and "japan" not in form.text


def test_home_page_and_its_json_twin_keep_states_and_organisations_apart(
    client: TestClient,
) -> None:
    from tieline.analysis.pairs import is_organisation

    pairs = client.get("/api/pairs").json()["pairs"]
    assert pairs and all(p["organisation"] == (is_organisation(p["a"]) or is_organisation(p["b"]))
                         for p in pairs)  # fmt: skip
    home = client.get("/").text
    states = home.split('id="state-pairs"', 1)[1].split("</table>", 1)[0]
    assert "IGO" not in states and states.count("pair-link") == sum(
        not p["organisation"] for p in pairs
    )
    assert is_organisation("IGOUNO") and not is_organisation("JPN")
