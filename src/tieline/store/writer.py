"""Writing coded documents: one transaction per document, deduplicated, clustered."""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection

from tieline.model import CodingResult, Document, Event
from tieline.store.schema import (
    actors,
    cluster_issues,
    documents,
    event_clusters,
    events,
    ingest_runs,
    lsh_bands,
    sentences,
    store_revision,
)

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs above ~0.6 Jaccard almost always share a band
DUPLICATE_JACCARD = 0.7
SENTENCE_SIMILARITY = 0.2
_WORD = re.compile(r"\w+")
_STOPWORDS = frozenset(
    "the a an of to in on at for with and or by from that this is was were has have had be "
    "been it its as said says will would could".split()
)


def now() -> str:
    """The current UTC time as ISO text."""
    return datetime.now(UTC).isoformat(timespec="seconds")


# ---------------------------------------------------------------------- near-duplicates


def minhash_signature(text: str) -> list[int]:
    """MinHash signature of a text's word 5-shingles (datasketch, fixed seed)."""
    from datasketch import MinHash

    words = [w.lower() for w in _WORD.findall(text)]
    shingles = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
    m = MinHash(num_perm=NUM_PERM, seed=7)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return [int(v) for v in m.hashvalues]


def band_keys(signature: list[int]) -> list[str]:
    """LSH band keys of a signature: one per band of rows."""
    rows = NUM_PERM // BANDS
    keys = []
    for b in range(BANDS):
        band = ",".join(str(v) for v in signature[b * rows : (b + 1) * rows])
        keys.append(f"{b}:" + hashlib.sha1(band.encode("ascii")).hexdigest()[:24])
    return keys


def jaccard_estimate(a: list[int], b: list[int]) -> float:
    """Share of equal MinHash values: an estimate of the shingle sets' Jaccard similarity."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def content_words(text: str) -> set[str]:
    """Lower-case words of a sentence without stop words."""
    return {w.lower() for w in _WORD.findall(text)} - _STOPWORDS


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of two sentences' content words."""
    wa, wb = content_words(a), content_words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


# ---------------------------------------------------------------------- clusters


# source country, target country, CAMEO root, modality
ClusterKey = tuple[str | None, str | None, str, str]


def cluster_key(e: Event) -> ClusterKey:
    """What events of one cluster share: the pair, the CAMEO root and the modality."""
    return (e.source.country, e.target.country, e.cameo[:2], e.modality)


@dataclass(frozen=True)
class Candidate:
    """A cluster an event may join: its dates and its first mention's sentence."""

    cluster_id: str
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    text: str

    @classmethod
    def of_event(cls, e: Event) -> Candidate:
        """The cluster a new event starts."""
        return cls(e.event_id, e.date.start, e.date.end, e.date.precision, e.sentence)

    def matches(self, e: Event) -> bool:
        """Same real-world event: compatible dates and similar sentences."""
        if e.count or e.date.precision == "range":
            # "met five times since 2014" is not any one of those meetings
            same = (self.date_start, self.date_end, self.date_precision) == (
                e.date.start, e.date.end, e.date.precision,
            )  # fmt: skip
            if not same:
                return False
        elif e.date.start and e.date.end:
            if self.date_precision == "range" or self.date_start is None or self.date_end is None:
                return False
            if not (self.date_start <= e.date.end and self.date_end >= e.date.start):
                return False
        elif self.date_start is not None:
            return False
        return similarity(self.text, e.sentence) >= SENTENCE_SIMILARITY


# ---------------------------------------------------------------------- writing


@dataclass(frozen=True)
class StoreOutcome:
    """What storing one document did."""

    status: str  # new | unchanged | updated | duplicate
    events: int


class DocumentWriter:
    """Writes one coded document inside the caller's transaction."""

    def __init__(
        self, conn: Connection, run_id: int | None, known_actors: set[str] | None = None
    ) -> None:
        self.conn = conn
        self.run_id = run_id
        self.known_actors = known_actors if known_actors is not None else set()
        self.new_actors: set[str] = set()

    def store(self, result: CodingResult) -> StoreOutcome:
        """Store a document with its sentences and events; idempotent by content hash."""
        doc = result.document
        if self.conn.execute(select(documents.c.id).where(documents.c.id == doc.id)).first():
            return StoreOutcome("unchanged", 0)
        signature = minhash_signature(doc.body)
        duplicate_of = self._near_duplicate(doc, signature)
        status = "duplicate" if duplicate_of else "new"
        if duplicate_of is None and doc.url:
            if self._supersede(doc.url, doc.id):
                status = "updated"
        self._insert_document(doc, signature, duplicate_of)
        self.conn.execute(
            insert(lsh_bands), [{"band": k, "doc_id": doc.id} for k in band_keys(signature)]
        )
        if result.sentences:
            self.conn.execute(
                insert(sentences),
                [
                    {"doc_id": doc.id, "sentence_index": i, "text": t}
                    for i, t in enumerate(result.sentences)
                ],
            )
        self._insert_events(doc, result.events, duplicate=duplicate_of is not None)
        raise_revision(self.conn)
        return StoreOutcome(status, len(result.events))

    def _insert_document(self, doc: Document, signature: list[int], dup: str | None) -> None:
        self.conn.execute(
            insert(documents).values(
                id=doc.id,
                url=doc.url,
                source_path=doc.source_path,
                title=doc.title,
                published=doc.published,
                authors=json.dumps([{"name": a.name, "role": a.role} for a in doc.authors]),
                publisher=doc.publisher,
                original_source=doc.original_source,
                language=doc.language,
                given_id=doc.given_id,
                body=doc.body,
                minhash=json.dumps(signature),
                duplicate_of=dup,
                run_id=self.run_id,
                ingested_at=now(),
            )
        )

    def _near_duplicate(self, doc: Document, signature: list[int]) -> str | None:
        """The first stored copy of a story this document repeats, if any."""
        keys = band_keys(signature)
        rows = self.conn.execute(
            select(documents.c.id, documents.c.minhash, documents.c.duplicate_of)
            .join(lsh_bands, lsh_bands.c.doc_id == documents.c.id)
            .where(lsh_bands.c.band.in_(keys), documents.c.superseded_by.is_(None))
            .distinct()
        ).all()
        best: tuple[float, str] | None = None
        for row in rows:
            score = jaccard_estimate(signature, json.loads(row.minhash))
            if score >= DUPLICATE_JACCARD and (best is None or score > best[0]):
                best = (score, row.duplicate_of or row.id)
        return best[1] if best else None

    def _supersede(self, url: str, new_id: str) -> bool:
        """Retire earlier versions of a URL: their events go, the document row stays."""
        old = (
            self.conn.execute(
                select(documents.c.id).where(
                    documents.c.url == url,
                    documents.c.id != new_id,
                    documents.c.superseded_by.is_(None),
                    documents.c.duplicate_of.is_(None),
                )
            )
            .scalars()
            .all()
        )
        for doc_id in old:
            touched = (
                self.conn.execute(
                    select(events.c.cluster_id).where(events.c.doc_id == doc_id).distinct()
                )
                .scalars()
                .all()
            )
            self.conn.execute(delete(events).where(events.c.doc_id == doc_id))
            self.conn.execute(
                update(documents).where(documents.c.id == doc_id).values(superseded_by=new_id)
            )
            self._refresh_clusters([c for c in touched if c])
        return bool(old)

    # ------------------------------------------------------------------ events

    def _insert_events(self, doc: Document, coded: list[Event], duplicate: bool) -> None:
        touched: list[str] = []
        rows: list[dict[str, Any]] = []
        new_clusters: list[dict[str, Any]] = []
        issue_rows: list[dict[str, Any]] = []
        candidates = self._candidates(coded)
        for e in coded:
            key = cluster_key(e)
            match = next((c.cluster_id for c in candidates.get(key, []) if c.matches(e)), None)
            if match is None and not duplicate:
                # a new real-world event: its cluster is complete with this one mention
                new_clusters.append(cluster_row(e))
                issue_rows.extend(issue_row(e, issue) for issue in sorted(set(e.issues)))
                candidates.setdefault(key, []).append(Candidate.of_event(e))
                cluster_id: str | None = e.event_id
            else:
                cluster_id = match
                if match is not None and match not in touched:
                    touched.append(match)
            rows.append(event_row(e, cluster_id, duplicate))
            self._remember_actor(e)
        if new_clusters:
            self.conn.execute(insert(event_clusters), new_clusters)
        if rows:
            self.conn.execute(insert(events), rows)
        if issue_rows:
            self.conn.execute(insert(cluster_issues), issue_rows)
        if touched and not duplicate:
            self._bump_clusters(touched, coded)

    def _candidates(self, coded: list[Event]) -> dict[ClusterKey, list[Candidate]]:
        """Stored clusters that events of this document may belong to, one query per key."""
        c = event_clusters.c
        by_key: dict[ClusterKey, list[Event]] = {}
        for e in coded:
            by_key.setdefault(cluster_key(e), []).append(e)
        out: dict[ClusterKey, list[Candidate]] = {}
        for key, group in by_key.items():
            source, target, root, modality = key
            conditions = [
                c.source_country == source if source else c.source_country.is_(None),
                c.target_country == target if target else c.target_country.is_(None),
                c.cameo_root == root,
                c.modality == modality,
            ]
            starts = [e.date.start for e in group if e.date.start]
            ends = [e.date.end for e in group if e.date.end]
            if starts and ends and len(starts) == len(group):
                conditions += [c.date_start <= max(ends), c.date_end >= min(starts)]
            rows = self.conn.execute(
                select(c.cluster_id, c.date_start, c.date_end, c.date_precision, sentences.c.text)
                .join(events, events.c.event_id == c.first_event_id)
                .join(
                    sentences,
                    and_(
                        sentences.c.doc_id == events.c.doc_id,
                        sentences.c.sentence_index == events.c.sentence_index,
                    ),
                )
                .where(*conditions)
                .order_by(c.cluster_id)
            ).all()
            out[key] = [Candidate(*row) for row in rows]
        return out

    def _bump_clusters(self, touched: list[str], coded: list[Event]) -> None:
        """Recount clusters that gained mentions, and add the issues the new mentions bring."""
        e, d = events.c, documents.c
        source = func.coalesce(d.publisher, d.url, d.id)
        stats = self.conn.execute(
            select(
                e.cluster_id,
                func.count(e.event_id),
                func.count(func.distinct(e.doc_id)),
                func.count(func.distinct(source)),
                func.max(e.confidence),
            )
            .join(documents, d.id == e.doc_id)
            .where(e.cluster_id.in_(touched), e.is_duplicate.is_(False))
            .group_by(e.cluster_id)
        ).all()
        self.conn.execute(
            update(event_clusters)
            .where(event_clusters.c.cluster_id == bindparam("cid"))
            .values(
                num_mentions=bindparam("m"),
                num_articles=bindparam("a"),
                num_sources=bindparam("s"),
                confidence=bindparam("c"),
            ),  # fmt: skip
            [{"cid": cid, "m": m, "a": a, "s": n, "c": conf} for cid, m, a, n, conf in stats],
        )
        self._add_issues(touched, coded)

    def _add_issues(self, touched: list[str], coded: list[Event]) -> None:
        ci = cluster_issues.c
        existing = set(
            self.conn.execute(
                select(ci.cluster_id, ci.issue).where(ci.cluster_id.in_(touched))
            ).all()
        )
        by_event = {e.event_id: e for e in coded}
        new: dict[tuple[str, str], dict[str, Any]] = {}
        for event_id, cluster_id in self.conn.execute(
            select(events.c.event_id, events.c.cluster_id).where(
                events.c.event_id.in_(list(by_event)), events.c.cluster_id.in_(touched)
            )
        ):
            for issue in by_event[event_id].issues:
                if (cluster_id, issue) not in existing and (cluster_id, issue) not in new:
                    new[(cluster_id, issue)] = {"cluster_id": cluster_id, "issue": issue}
        if not new:
            return
        meta = {
            row.cluster_id: row
            for row in self.conn.execute(
                select(
                    event_clusters.c.cluster_id, event_clusters.c.source_country,
                    event_clusters.c.target_country, event_clusters.c.modality,
                    event_clusters.c.date_start,
                ).where(event_clusters.c.cluster_id.in_({k[0] for k in new}))
            )
        }  # fmt: skip
        self.conn.execute(
            insert(cluster_issues),
            [
                {
                    **row,
                    "source_country": meta[row["cluster_id"]].source_country,
                    "target_country": meta[row["cluster_id"]].target_country,
                    "modality": meta[row["cluster_id"]].modality,
                    "date_start": meta[row["cluster_id"]].date_start,
                }  # fmt: skip
                for row in new.values()
            ],
        )

    def _refresh_clusters(self, cluster_ids: Iterable[str]) -> None:
        """Recount mentions, articles and sources; drop clusters left without mentions."""
        for cluster_id in cluster_ids:
            stats = self.conn.execute(
                select(
                    func.count(events.c.event_id),
                    func.count(func.distinct(events.c.doc_id)),
                    func.count(
                        func.distinct(
                            func.coalesce(documents.c.publisher, documents.c.url, documents.c.id)
                        )
                    ),
                    func.min(events.c.event_id),
                    func.max(events.c.confidence),
                )
                .join(documents, documents.c.id == events.c.doc_id)
                .where(events.c.cluster_id == cluster_id, events.c.is_duplicate.is_(False))
            ).one()
            mentions, articles, sources, first, confidence = stats
            self.conn.execute(
                delete(cluster_issues).where(cluster_issues.c.cluster_id == cluster_id)
            )
            if not mentions:
                self.conn.execute(
                    update(events).where(events.c.cluster_id == cluster_id).values(cluster_id=None)
                )
                self.conn.execute(
                    delete(event_clusters).where(event_clusters.c.cluster_id == cluster_id)
                )
                continue
            values = {
                "num_mentions": mentions, "num_articles": articles, "num_sources": sources,
                "confidence": confidence,
            }  # fmt: skip
            current = self.conn.execute(
                select(event_clusters.c.first_event_id).where(
                    event_clusters.c.cluster_id == cluster_id
                )
            ).scalar()
            exists = self.conn.execute(
                select(events.c.event_id).where(events.c.event_id == current)
            ).first()
            if not exists:
                first_doc = self.conn.execute(
                    select(events.c.doc_id).where(events.c.event_id == first)
                ).scalar()
                values |= {"first_event_id": first, "first_doc_id": first_doc}
            self.conn.execute(
                update(event_clusters)
                .where(event_clusters.c.cluster_id == cluster_id)
                .values(**values)
            )
            self._index_issues(cluster_id)

    def _index_issues(self, cluster_id: str) -> None:
        """Record the union of a cluster's mentions' issues in ``cluster_issues``."""
        found: set[str] = set()
        for raw in self.conn.execute(
            select(events.c.issues).where(
                events.c.cluster_id == cluster_id, events.c.is_duplicate.is_(False)
            )
        ).scalars():
            found.update(json.loads(raw or "[]"))
        if not found:
            return
        c = self.conn.execute(
            select(
                event_clusters.c.source_country,
                event_clusters.c.target_country,
                event_clusters.c.modality,
                event_clusters.c.date_start,
            ).where(event_clusters.c.cluster_id == cluster_id)
        ).one()
        self.conn.execute(
            insert(cluster_issues),
            [
                {
                    "cluster_id": cluster_id,
                    "issue": issue,
                    "source_country": c.source_country,
                    "target_country": c.target_country,
                    "modality": c.modality,
                    "date_start": c.date_start,
                }  # fmt: skip
                for issue in sorted(found)
            ],
        )

    def _remember_actor(self, e: Event) -> None:
        for actor in (e.source, e.target):
            if actor.code in self.known_actors or actor.code in self.new_actors:
                continue
            exists = self.conn.execute(
                select(actors.c.code).where(actors.c.code == actor.code)
            ).first()
            self.new_actors.add(actor.code)
            if not exists:
                self.conn.execute(
                    insert(actors).values(
                        code=actor.code, country=actor.country, sector=actor.sector, name=actor.name
                    )
                )


def event_row(e: Event, cluster_id: str | None, duplicate: bool) -> dict[str, Any]:
    """An event as a row of the ``events`` table."""
    return {
        "event_id": e.event_id,
        "doc_id": e.doc_id,
        "sentence_index": e.sentence_index,
        "cluster_id": cluster_id,
        "is_duplicate": duplicate,
        "source_text": e.source.text,
        "source_code": e.source.code,
        "source_country": e.source.country,
        "source_sector": e.source.sector,
        "source_name": e.source.name,
        "target_text": e.target.text,
        "target_code": e.target.code,
        "target_country": e.target.country,
        "target_sector": e.target.sector,
        "target_name": e.target.name,
        "cameo": e.cameo,
        "cameo_root": e.cameo[:2],
        "cameo_name": e.cameo_name,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "plover": e.plover,
        "verb": e.verb,
        "date_start": e.date.start,
        "date_end": e.date.end,
        "date_precision": e.date.precision,
        "date_text": e.date.text,
        "date_from": e.date.origin,
        "modality": e.modality,
        "count": e.count,
        "issues": json.dumps(e.issues),
        "confidence": e.confidence,
    }


def issue_row(e: Event, issue: str) -> dict[str, Any]:
    """A ``cluster_issues`` row for a new cluster whose first mention is ``e``."""
    return {
        "cluster_id": e.event_id,
        "issue": issue,
        "source_country": e.source.country,
        "target_country": e.target.country,
        "modality": e.modality,
        "date_start": e.date.start,
    }


def cluster_row(e: Event) -> dict[str, Any]:
    """A new cluster whose first (and so far only) mention is ``e``."""
    return {
        "cluster_id": e.event_id,
        "source_country": e.source.country,
        "target_country": e.target.country,
        "source_code": e.source.code,
        "target_code": e.target.code,
        "source_sector": e.source.sector,
        "target_sector": e.target.sector,
        "cameo": e.cameo,
        "cameo_root": e.cameo[:2],
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "plover": e.plover,
        "modality": e.modality,
        "date_start": e.date.start,
        "date_end": e.date.end,
        "date_precision": e.date.precision,
        "first_event_id": e.event_id,
        "first_doc_id": e.doc_id,
        "num_mentions": 1,
        "num_articles": 1,
        "num_sources": 1,
        "confidence": e.confidence,
    }


def raise_revision(conn: Connection) -> None:
    """Mark the store changed (inside the change's own transaction)."""
    conn.execute(update(store_revision).values(revision=store_revision.c.revision + 1))


def read_revision(conn: Connection) -> int:
    """The store's revision: it moves whenever what the store holds changes."""
    return int(conn.execute(select(store_revision.c.revision)).scalar() or 0)


def start_run(conn: Connection, inputs: list[str]) -> int:
    """Record the start of an ingest run (with this process) and return its id; runs of
    this host still marked running whose process is gone become ``interrupted``."""
    host = socket.gethostname()[:255]
    running = conn.execute(
        select(ingest_runs.c.id, ingest_runs.c.pid).where(
            ingest_runs.c.status == "running", ingest_runs.c.host == host
        )
    ).all()
    gone = [run_id for run_id, pid in running if pid is not None and not _alive(pid)]
    if gone:
        conn.execute(
            update(ingest_runs).where(ingest_runs.c.id.in_(gone)).values(status="interrupted")
        )
    result = conn.execute(
        insert(ingest_runs).values(
            started_at=now(),
            inputs=json.dumps(inputs),
            status="running",
            pid=os.getpid(),
            host=host,
        )  # fmt: skip
    )
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("the store gave the new ingest run no id")
    return int(key[0])


def _alive(pid: int) -> bool:
    """True while a process of this host with that id exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def finish_run(conn: Connection, run_id: int, counts: dict[str, int], status: str) -> None:
    """Record the end of an ingest run with its counts."""
    conn.execute(
        update(ingest_runs)
        .where(ingest_runs.c.id == run_id)
        .values(finished_at=now(), status=status, **counts)
    )
