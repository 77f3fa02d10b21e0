"""Bloc alignment: does a country track its bloc partners toward a third country?"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sqlalchemy import func, select

from tieline.analysis.dyads import period_of
from tieline.analysis.records import Alignment, AlignmentPeriod
from tieline.errors import InputError
from tieline.store.eventstore import Store
from tieline.store.schema import event_clusters


@lru_cache(maxsize=4)
def load_blocs(path: str | None = None) -> dict[str, tuple[str, ...]]:
    """Bloc name -> member countries, from ``path``, ``TIELINE_BLOCS`` or the shipped file."""
    path = path or os.environ.get("TIELINE_BLOCS")
    if path:
        text = Path(path).read_text("utf-8")
    else:
        text = resources.files("tieline.data").joinpath("blocs.json").read_text("utf-8")
    data = json.loads(text)
    return {k.upper(): tuple(v) for k, v in data.items() if not k.startswith("_")}


def _profiles(store: Store, sources: tuple[str, ...], target: str, by: str, modality: str) -> dict:
    c = event_clusters.c
    out: dict[str, dict] = defaultdict(lambda: {"n": 0, "quad": [0, 0, 0, 0], "g": 0.0})
    month = func.substr(c.date_start, 1, 7).label("month")
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(month, c.quad_class, func.count(), func.sum(c.goldstein))
            .where(
                c.source_country.in_(sources),
                c.target_country == target,
                c.modality == modality,
                c.date_start.is_not(None),
            )
            .group_by(month, c.quad_class)
        )
        for label, quad, n, g in rows:
            cell = out[period_of(label + "-01", by)]
            cell["n"] += n
            cell["quad"][quad - 1] += n
            cell["g"] += float(g or 0.0)
    return out


def _share(cell: dict) -> list[float]:
    return [q / cell["n"] for q in cell["quad"]] if cell["n"] else [0.0] * 4


def distance(a: dict, b: dict) -> float:
    """0 = the same profile, 1 = opposite: mean of the total-variation distance between
    QuadClass shares and the difference of mean Goldstein scores (scaled to 0-1)."""
    tv = 0.5 * sum(abs(x - y) for x, y in zip(_share(a), _share(b), strict=True))
    g = abs(a["g"] / a["n"] - b["g"] / b["n"]) / 20.0
    return round((tv + g) / 2.0, 3)


def _words(country: str, bloc: str, target: str, period: str, d: float, a: dict, b: dict) -> str:
    ga, gb = a["g"] / a["n"], b["g"] / b["n"]
    if d < 0.15:
        stance = f"tracked its {bloc} partners closely"
    elif d < 0.35:
        stance = f"broadly followed its {bloc} partners"
    else:
        stance = f"went its own way from its {bloc} partners"
    lean = "more cooperative" if ga > gb else "more confrontational"
    return f"{period}: {country} {stance} toward {target} (distance {d:.2f}; {lean}, mean Goldstein {ga:+.1f} vs {gb:+.1f})."  # noqa: E501


def bloc_alignment(
    store: Store,
    country: str,
    bloc: str,
    target: str,
    by: str = "year",
    modality: str = "asserted",
    blocs: dict[str, tuple[str, ...]] | None = None,
) -> Alignment:
    """A country's event profile toward a target against its bloc partners', per period."""
    country, bloc, target = country.upper(), bloc.upper(), target.upper()
    known = blocs or load_blocs()
    if bloc not in known:
        raise InputError(bloc, f"unknown bloc; known: {', '.join(sorted(known))}")
    partners = tuple(m for m in known[bloc] if m not in {country, target})
    mine = _profiles(store, (country,), target, by, modality)
    theirs = _profiles(store, partners, target, by, modality)
    periods = []
    for period in sorted(set(mine) | set(theirs)):
        a, b = mine.get(period), theirs.get(period)
        row = AlignmentPeriod(
            period=period,
            country_events=a["n"] if a else 0,
            bloc_events=b["n"] if b else 0,
        )
        if a and b and a["n"] and b["n"]:
            d = distance(a, b)
            row = replace(
                row,
                distance=d,
                summary=_words(country, bloc, target, period, d, a, b),
                country_goldstein_mean=round(a["g"] / a["n"], 3),
                bloc_goldstein_mean=round(b["g"] / b["n"], 3),
            )
        periods.append(row)
    return Alignment(
        country=country, bloc=bloc, target=target, partners=partners, periods=tuple(periods)
    )
