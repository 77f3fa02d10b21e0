"""A pair's whole picture in one dict (the JSON of ``tieline dyad`` and the pair page)."""

from __future__ import annotations

from tieline.analysis.dyads import Window, channels, issues, meetings, pair_series
from tieline.store.eventstore import Store

SPARKS = "▁▂▃▄▅▆▇█"


def dyad_report(store: Store, w: Window, by: str = "month") -> dict:
    """Series, channels, issues and meetings of a pair, with its number of events."""
    series = pair_series(store, w, by)
    return {
        "pair": [w.a, w.b],
        "by": by,
        "since": w.since,
        "until": w.until,
        "modalities": list(w.modalities),
        "min_confidence": w.min_confidence,
        "total_events": sum(r["events"] for r in series),
        "series": series,
        "channels": channels(store, w, by),
        "issues": issues(store, w, by),
        "meetings": meetings(store, w),
    }


def sparkline(values: list[float | None], low: float = -10.0, high: float = 10.0) -> str:
    """A one-line chart of Goldstein means on the fixed -10..+10 scale (space = no events)."""
    out = []
    for v in values:
        if v is None:
            out.append(" ")
            continue
        share = (min(max(v, low), high) - low) / (high - low)
        out.append(SPARKS[min(int(share * len(SPARKS)), len(SPARKS) - 1)])
    return "".join(out)


def plot_report(report: dict, path: str) -> None:
    """Write the index, QuadClass and channel charts of a report to a PNG or SVG file."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    periods = [r["period"] for r in report["series"]]
    fig, (top, mid, low) = plt.subplots(3, 1, figsize=(10, 9), sharex=True)
    a, b = report["pair"]
    top.plot(periods, [r["goldstein_mean"] for r in report["series"]], marker="o", label="both")
    for key in (f"{a}->{b}", f"{b}->{a}"):
        top.plot(periods, [r["directions"][key]["goldstein_mean"] for r in report["series"]],
                 marker=".", linestyle="--", label=key)  # fmt: skip
    top.axhline(0, color="grey", linewidth=0.5)
    top.set_ylabel("mean Goldstein")
    top.set_title(f"{a}–{b}: cooperation–conflict index ({report['total_events']} events)")
    top.legend()
    bottom = [0] * len(periods)
    names = {
        "1": "verbal coop.",
        "2": "material coop.",
        "3": "verbal conflict",
        "4": "material conflict",
    }  # noqa: E501
    for q, name in names.items():
        values = [r["quad"][q] for r in report["series"]]
        mid.bar(periods, values, bottom=bottom, label=name)
        bottom = [x + y for x, y in zip(bottom, values, strict=True)]
    mid.set_ylabel("events")
    mid.legend(fontsize="small")
    chan = {r["period"]: r for r in report["channels"]}
    for kind in ("official", "unofficial"):
        low.plot(periods, [chan[p][kind]["events"] if p in chan else 0 for p in periods],
                 marker="o", label=kind)  # fmt: skip
    low.set_ylabel("events by channel")
    low.legend()
    for label in low.get_xticklabels():
        label.set_rotation(60)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
