"""Run a PETRARCH validation file (records with expected codings) through the coder."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from tieline.coding.coder import Coder
from tieline.coding.dictionaries import DictionarySet, LoadReport, read_petrarch_set
from tieline.errors import InputError
from tieline.evaluation import ratio, shown

Triple = tuple[str, str, str]


@dataclass
class Record:
    """One validation record: its text, date and expected (source, target, code) set."""

    id: str
    category: str
    date: str | None
    text: str
    expected: set[Triple]


@dataclass
class RecordResult:
    """A record with what the coder produced."""

    record: Record
    produced: set[Triple]

    @property
    def correct(self) -> bool:
        """True when the produced set equals the expected set."""
        return self.produced == self.record.expected


@dataclass
class SuiteResult:
    """All results of a run, with totals per category."""

    results: list[RecordResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def by_category(self) -> dict[str, tuple[int, int]]:
        """Category -> (correct, total)."""
        table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in self.results:
            table[r.record.category][0] += int(r.correct)
            table[r.record.category][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(table.items())}

    def totals(self) -> tuple[int, int, float | None, float | None]:
        """(correct, total, event precision, event recall)."""
        correct = sum(r.correct for r in self.results)
        tp = sum(len(r.produced & r.record.expected) for r in self.results)
        produced = sum(len(r.produced) for r in self.results)
        expected = sum(len(r.record.expected) for r in self.results)
        precision, recall = ratio(tp, produced), ratio(tp, expected)
        return correct, len(self.results), precision, recall

    def summary_line(self) -> str:
        """The closing line: records correct, event precision and recall."""
        correct, total, precision, recall = self.totals()
        return (
            f"petrarch-suite: {correct}/{total} records correct "
            f"({shown(ratio(correct, total), '.1%')}), "
            f"events precision {shown(precision)} recall {shown(recall)}"
        )


def _iso(date: str | None) -> str | None:
    if date and len(date) == 8 and date.isdigit():
        return f"{date[:4]}-{date[4:6]}-{date[6:]}"
    return None


def read_records(path: str | Path) -> tuple[list[Record], dict[str, list[str]]]:
    """Read records and the ``<Environment>`` dictionary file names of a validation file."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(str(path), f"cannot read validation file: {exc}") from exc
    env: dict[str, list[str]] = defaultdict(list)
    for el in root.iter("Environment"):
        for child in el:
            if child.text and child.tag.endswith("file"):
                env[child.tag].append(child.text.strip())
    records = []
    for s in root.iter("Sentence"):
        text = " ".join((s.findtext("Text") or "").split())
        if not text:
            continue
        expected: set[Triple] = set()
        for ec in s.findall("EventCoding"):
            if ec.get("sourcecode") and ec.get("eventcode"):
                expected.add(
                    (ec.get("sourcecode", ""), ec.get("targetcode", ""), ec.get("eventcode", ""))
                )
        records.append(
            Record(s.get("id", "?"), s.get("category", "?"), _iso(s.get("date")), text, expected)
        )
    return records, dict(env)


def load_environment(
    env: dict[str, list[str]], directory: Path, report: LoadReport
) -> DictionarySet:
    """Load the dictionaries a validation file's environment names from ``directory``."""

    def paths(tag: str) -> list[Path]:
        out = []
        for name in env.get(tag, []):
            p = directory / name
            if not p.exists():
                raise InputError(str(p), "dictionary named by the records file is missing")
            out.append(p)
        return out

    return read_petrarch_set(
        verbs=paths("Verbfile"),
        actors=paths("Actorfile"),
        agents=paths("Agentfile"),
        discards=paths("Discardfile"),
        issues=paths("Issuefile"),
        lenient=True,
        report=report,
    )


def run_suite(
    records_path: str | Path, dictionaries_dir: str | Path, model: str | None = None
) -> SuiteResult:
    """Code every record's text from scratch and compare with its expected codings."""
    records, env = read_records(records_path)
    report = LoadReport()
    dictionaries = load_environment(env, Path(dictionaries_dir), report)
    coder = Coder(dictionaries, model=model, temporal_discards=True)
    result = SuiteResult(warnings=report.warnings)
    texts = ((r.text, r) for r in records)
    for parsed, record in coder.nlp.pipe(texts, as_tuples=True, batch_size=64):
        produced: set[Triple] = set()
        for sent in parsed.sents:
            for raw in coder.code_sentence(sent, record.date):
                produced.add((raw.source.code, raw.target.code, raw.code))
        result.results.append(RecordResult(record, produced))
    return result
