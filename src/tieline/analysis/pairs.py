"""The busiest pairs of the store and how their index moved: the home page's view."""

from __future__ import annotations

from sqlalchemy import func, select

from tieline.analysis.dyads import Window, pair_series
from tieline.analysis.records import PairSummary
from tieline.store.eventstore import Store
from tieline.store.schema import event_clusters


def is_organisation(code: str) -> bool:
    """An intergovernmental organisation's code (IGOUNO, IGOEU...), not a state's."""
    return code.upper().startswith("IGO")


def busiest_pairs(store: Store, top: int = 12) -> list[PairSummary]:
    """Pairs with the most events and how their index moved in their last two years."""
    c = event_clusters.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(c.source_country, c.target_country, func.count())
            .where(c.source_country.is_not(None), c.target_country.is_not(None))
            .group_by(c.source_country, c.target_country)
            .order_by(func.count().desc())
            .limit(top * 3)
        ).all()
    pairs: dict[tuple[str, str], int] = {}
    for a, b, n in rows:
        key = tuple(sorted((a, b)))
        pairs[key] = pairs.get(key, 0) + n
    out: list[PairSummary] = []
    for (a, b), n in sorted(pairs.items(), key=lambda kv: -kv[1])[:top]:
        years = pair_series(store, Window.of(a, b), "year")
        change = None
        last_mean = years[-1].goldstein_mean if years else None
        if len(years) >= 2 and last_mean is not None:
            change = round(last_mean - (years[-2].goldstein_mean or 0.0), 2)
        out.append(PairSummary(a=a, b=b, events=n, change=change,
                               last=years[-1].period if years else None,
                               organisation=is_organisation(a) or is_organisation(b)))  # fmt: skip
    out.sort(key=lambda p: -abs(p.change or 0.0))
    return out
