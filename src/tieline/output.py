"""Rendering results for the terminal: the contract's JSON, JSON lines, and tables."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from tieline.analysis.dyads import period_of
from tieline.model import CodingResult

if TYPE_CHECKING:
    from tieline.analysis.records import DyadReport
    from tieline.evaluation.petrarch import SuiteResult


def print_results(results: list[CodingResult], fmt: str, many: bool) -> None:
    """Print coding results as ``json``, ``jsonl`` or ``table``."""
    if fmt == "json":
        payload = [r.to_dict() for r in results] if many else results[0].to_dict()
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "jsonl":
        for r in results:
            for e in r.events:
                sys.stdout.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
    else:
        for r in results:
            _events_table(r)


EVENT_COLUMNS = ("date", "source", "event", "target", "modality", "sentence")


def date_shown(start: str | None, end: str | None, precision: str | None) -> str:
    """An event's date at its precision: 2023, 2023-01, 2023-Q1, 2023-01-05, a…b."""
    if not start:
        return ""
    if precision in {"year", "quarter", "month"}:
        return period_of(start, precision)  # the analysis's own period labels
    if precision == "week":
        iso = date.fromisoformat(start).isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    if precision in {"day", None} or not end or end == start:
        return start
    return f"{start}…{end}"


def print_table(title: str, columns: Sequence[str], rows: list[list[str]]) -> None:
    """A table for a terminal; tab-separated lines, words whole, when output is piped."""
    console = Console()
    if not console.is_terminal:
        sys.stdout.write("\t".join(columns) + "\n")
        for row in rows:
            sys.stdout.write("\t".join(" ".join(c.split()) for c in row) + "\n")
        return
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _short(sentence: str) -> str:
    return sentence if len(sentence) < 160 else sentence[:157] + "..."


def _events_table(result: CodingResult) -> None:
    doc = result.document
    title = f"{doc.source_path or doc.id[:12]} - {doc.title or ''} ({len(result.events)} events)"
    rows = [
        [
            date_shown(e.date.start, e.date.end, e.date.precision),
            f"{e.source.text} [{e.source.code}]",
            f"{e.cameo} {e.cameo_name}",
            f"{e.target.text} [{e.target.code}]",
            e.modality,
            _short(e.sentence),
        ]
        for e in result.events
    ]
    print_table(title, EVENT_COLUMNS, rows)


def print_suite(result: SuiteResult, show_errors: bool) -> None:
    """Print a validation run: a table per category, then the summary line last."""
    console = Console()
    table = Table(title="PETRARCH validation records", title_justify="left")
    for column in ("category", "correct", "records", "%"):
        table.add_column(column, justify="right" if column != "category" else "left")
    for category, (correct, total) in result.by_category().items():
        table.add_row(category, str(correct), str(total), f"{100.0 * correct / total:.1f}")
    console.print(table)
    if show_errors:
        for r in result.results:
            if not r.correct:
                console.print(
                    f"{r.record.id}: expected {sorted(r.record.expected)} got {sorted(r.produced)}",
                    markup=False,
                )
    if result.warnings:
        print(f"{len(result.warnings)} dictionary lines skipped", file=sys.stderr)
    print(result.summary_line())


def print_event_rows(rows: list[dict], page: int) -> None:
    """Print stored events as a table."""
    table = [
        [
            date_shown(r.get("date_start"), r.get("date_end"), r.get("date_precision")),
            f"{r['source_text']} [{r['source_code']}]",
            f"{r['cameo']} {r['cameo_name'] or ''}",
            f"{r['target_text']} [{r['target_code']}]",
            r["modality"],
            _short(r.get("sentence") or ""),
        ]
        for r in rows
    ]
    print_table(f"events, page {page} ({len(rows)} shown)", EVENT_COLUMNS, table)


def print_dyad(report: DyadReport, plot: str | None) -> None:
    """Print a pair's report: sparkline, series table, channels, issues, meetings."""
    from tieline.analysis.report import sparkline

    console = Console()
    a, b = report.pair
    series = report.series
    spark = sparkline([r.goldstein_mean for r in series])
    modalities = ", ".join(report.modalities)
    console.print(
        f"[bold]{a}–{b}[/bold]: {report.total_events} events ({modalities}), by {report.by}"
    )
    if series:
        console.print(f"index  {series[0].period} {spark} {series[-1].period}  (-10 ▁ … █ +10)")
    table = Table(title="cooperation–conflict", title_justify="left")
    for column in ("period", "events", "coop.", "conflict", "Goldstein", f"{a}→{b}", f"{b}→{a}"):
        table.add_column(column, justify="right")
    for r in series:
        q = r.quad
        fwd = r.directions[f"{a}->{b}"].goldstein_mean
        back = r.directions[f"{b}->{a}"].goldstein_mean
        table.add_row(
            r.period, str(r.events), str(q["1"] + q["2"]), str(q["3"] + q["4"]),
            _fmt(r.goldstein_mean), _fmt(fwd), _fmt(back),
        )  # fmt: skip
    console.print(table)
    channels = Table(title="channels (events)", title_justify="left")
    for column in ("period", "official", "unofficial"):
        channels.add_column(column, justify="right")
    for c in report.channels:
        channels.add_row(c.period, str(c.official.events), str(c.unofficial.events))
    console.print(channels)
    top = ", ".join(f"{i.issue} ({i.events})" for i in report.issues.top) or "none"
    console.print(f"issues: {top}")
    for m in report.meetings:
        stated = "".join(
            f"; the text says {s.count} times from {s.start} to {s.end}" for s in m.stated_counts
        )
        console.print(
            f"meetings {' – '.join(m.leaders)}: {m.total} ({len(m.coded_meetings)} coded{stated})",
            markup=False, highlight=False, soft_wrap=True,
        )  # fmt: skip
    if plot:
        console.print(f"chart written to {plot}")


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:+.2f}"


def print_explanation(record: dict[str, Any]) -> None:
    """Print one document's ``tieline explain`` record for people."""
    print(f"document {record['document']}" + (f": {record['title']}" if record["title"] else ""))
    for s in record["sentences"]:
        print(f"\n[{s['sentence_index']}] {s['text']}")
        arcs = " ".join(f"{t['text']}/{t['dep']}>{t['head']}" for t in s["tokens"])
        print(f"  parse: {arcs}")
        for cue in s["date_cues"]:
            print(f"  date: {cue['text']!r} -> {cue['start']}..{cue['end']} ({cue['precision']})")
        for v in s["verbs"]:
            line = f"  verb {v['verb']!r} ({v['family']}): {v.get('decision', '')}"
            if v.get("pattern"):
                line += f"; pattern {v['pattern']}"
            print(line)
            if v.get("clause"):
                print(f"    clause: {v['clause']}")
            for src in v.get("sources", []):
                print(f"    source {src['text']!r} = {src['code']} ({src['how']})")
        for verb, cues in s["modality_cues"].items():
            if cues:
                print(f"  modality cues of {verb!r}: {', '.join(cues)}")
        for e in s["events"]:
            ev = e["evidence"]
            print(
                f"  EVENT {e['source']['code']} {e['cameo']} {e['target']['code']} "
                f"{e['modality']} {e['date']['start']}: source {ev['source_resolved']}; "
                f"target {ev['target_resolved']}; pattern {ev['pattern']}"
                + ("; from the event-type model" if ev.get("from") == "model" else "")
            )


def plot_report(report: DyadReport, path: str) -> None:
    """Write the index, QuadClass and channel charts of a report to a PNG or SVG file."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    periods = [r.period for r in report.series]
    fig, (top, mid, low) = plt.subplots(3, 1, figsize=(10, 9), sharex=True)
    a, b = report.pair
    top.plot(periods, [r.goldstein_mean for r in report.series], marker="o", label="both")
    for key in (f"{a}->{b}", f"{b}->{a}"):
        top.plot(periods, [r.directions[key].goldstein_mean for r in report.series],
                 marker=".", linestyle="--", label=key)  # fmt: skip
    top.axhline(0, color="grey", linewidth=0.5)
    top.set_ylabel("mean Goldstein")
    top.set_title(f"{a}–{b}: cooperation–conflict index ({report.total_events} events)")
    top.legend()
    bottom = [0] * len(periods)
    names = {
        "1": "verbal coop.",
        "2": "material coop.",
        "3": "verbal conflict",
        "4": "material conflict",
    }  # noqa: E501
    for q, name in names.items():
        values = [r.quad[q] for r in report.series]
        mid.bar(periods, values, bottom=bottom, label=name)
        bottom = [x + y for x, y in zip(bottom, values, strict=True)]
    mid.set_ylabel("events")
    mid.legend(fontsize="small")
    chan = {r.period: r for r in report.channels}
    official = [chan[p].official.events if p in chan else 0 for p in periods]
    unofficial = [chan[p].unofficial.events if p in chan else 0 for p in periods]
    for kind, counts in (("official", official), ("unofficial", unofficial)):
        low.plot(periods, counts, marker="o", label=kind)
    low.set_ylabel("events by channel")
    low.legend()
    for label in low.get_xticklabels():
        label.set_rotation(60)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
