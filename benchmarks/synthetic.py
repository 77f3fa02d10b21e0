"""Synthetic stores for benchmarks: N events (one cluster each) over 20 countries.

A tenth of the events are between JPN and RUS, so that pair is the busiest. Every event
points at one of 1,000 documents with one sentence each; a fifth carry an issue.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator

from sqlalchemy import insert, text

from tieline.store.eventstore import Store
from tieline.store.schema import cluster_issues, documents, event_clusters, events, sentences

COUNTRIES = ["JPN", "RUS", "CHN", "IND", "USA", "DEU", "FRA", "GBR", "KOR", "TUR", "BRA",
             "ARG", "AUS", "IDN", "PAK", "IRN", "ISR", "EGY", "NGA", "ZAF"]  # fmt: skip
CODES = [
    ("042", 1, 1.9, "CONSULT"), ("057", 1, 8.0, "SUPPORT"), ("061", 2, 6.4, "COOPERATE"),
    ("111", 3, -2.0, "ACCUSE"), ("163", 4, -8.0, "SANCTION"), ("190", 4, -10.0, "ASSAULT"),
]  # fmt: skip
SECTORS = [None, None, "GOV", "GOV", "LEG", "NGO", "BUS", "MIL"]
ISSUES = ["SANCTIONS", "TERRITORIAL_DISPUTE", "ENERGY", "TRADE", "PEACE_TREATY"]
N_DOCS = 1000


def rows(n: int, seed: int = 3) -> Iterator[tuple[dict, dict]]:
    """(cluster row, event row) pairs."""
    rng = random.Random(seed)
    for i in range(n):
        if rng.random() < 0.1:
            a, b = ("JPN", "RUS") if rng.random() < 0.5 else ("RUS", "JPN")
        else:
            a, b = rng.sample(COUNTRIES, 2)
        d = f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        code, quad, goldstein, plover = rng.choice(CODES)
        sa, sb = rng.choice(SECTORS), rng.choice(SECTORS)
        modality = "asserted" if rng.random() < 0.9 else "future"
        event_id = f"{i:032x}"
        doc_id = f"synthetic-{i % N_DOCS}"
        cluster = {
            "cluster_id": event_id, "source_country": a, "target_country": b,
            "source_code": a + (sa or ""), "target_code": b + (sb or ""),
            "source_sector": sa, "target_sector": sb, "cameo": code, "cameo_root": code[:2],
            "quad_class": quad, "goldstein": goldstein, "plover": plover, "modality": modality,
            "date_start": d, "date_end": d, "date_precision": "day",
            "first_event_id": event_id, "first_doc_id": doc_id,
            "num_mentions": 1, "num_articles": 1, "num_sources": 1,
        }  # fmt: skip
        issues = [rng.choice(ISSUES)] if rng.random() < 0.2 else []
        event = {
            "event_id": event_id, "doc_id": doc_id, "sentence_index": 0, "cluster_id": event_id,
            "is_duplicate": False, "source_text": a, "source_code": cluster["source_code"],
            "source_country": a, "source_sector": sa, "source_name": a, "target_text": b,
            "target_code": cluster["target_code"], "target_country": b, "target_sector": sb,
            "target_name": b, "cameo": code, "cameo_root": code[:2], "cameo_name": code,
            "quad_class": quad, "goldstein": goldstein, "plover": plover, "verb": "x",
            "date_start": d, "date_end": d, "date_precision": "day", "date_text": None,
            "date_from": "text", "modality": modality, "count": None,
            "issues": json.dumps(issues), "confidence": 0.7,
        }  # fmt: skip
        yield cluster, event


def flush(conn, clusters: list, evs: list, tags: list) -> None:  # type: ignore[no-untyped-def]
    """Insert one batch of clusters, events and cluster issues."""
    for table, batch in ((event_clusters, clusters), (events, evs), (cluster_issues, tags)):
        if batch:
            conn.execute(insert(table), batch)


def load(store: Store, n: int, batch: int = 20_000) -> float:
    """Fill an empty store with ``n`` synthetic events; returns the seconds it took."""
    start = time.perf_counter()
    with store.engine.begin() as conn:
        conn.execute(
            insert(documents),
            [{"id": f"synthetic-{k}", "body": f"Synthetic document {k}.", "authors": "[]",
              "language": "en", "ingested_at": "2026-01-01T00:00:00"} for k in range(N_DOCS)],
        )  # fmt: skip
        conn.execute(
            insert(sentences),
            [{"doc_id": f"synthetic-{k}", "sentence_index": 0, "text": f"Synthetic sentence {k}."}
             for k in range(N_DOCS)],
        )  # fmt: skip
        clusters, evs, tags = [], [], []
        for cluster, event in rows(n):
            clusters.append(cluster)
            evs.append(event)
            tags.extend(
                {"cluster_id": cluster["cluster_id"], "issue": issue,
                 "source_country": cluster["source_country"],
                 "target_country": cluster["target_country"],
                 "modality": cluster["modality"], "date_start": cluster["date_start"]}
                for issue in json.loads(event["issues"])
            )  # fmt: skip
            if len(clusters) >= batch:
                flush(conn, clusters, evs, tags)
                clusters, evs, tags = [], [], []
        flush(conn, clusters, evs, tags)
    # what autovacuum does after a bulk load: statistics, and the visibility map that lets
    # PostgreSQL answer from covering indexes alone
    command = "VACUUM ANALYZE" if store.engine.dialect.name == "postgresql" else "ANALYZE"
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(command))
    return time.perf_counter() - start
