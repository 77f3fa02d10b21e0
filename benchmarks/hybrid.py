"""Ablation of the hybrid coder on the development sets, in one run.

Prints the time to load the shipped model, then, on ../shared/data/realsentences
(sentences) and ../shared/data/realnews (documents): the rules alone, the event-type
model alone (root accuracy: the top label of each of the sentence's own spaCy sentences,
"no event" counting as no root) and the hybrid (rules + the model's second opinion):
events recall, precision, root accuracy, false-event rate, must-recall; then the
throughput ratio against bare spaCy parsing for the rules and for the hybrid (on the
benchmark corpus of benchmarks/throughput.py).

The development sets are only measured here: the model is trained on eventtrain and the
thresholds were chosen on its folds (benchmarks/hybrid_cv.py). Usage:

    python benchmarks/hybrid.py [--data ../shared/data] [--docs 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tieline.coding.coder import Coder
from tieline.evaluation.realtext import (
    evaluate_documents,
    evaluate_sentences,
    json_rows,
    sentence_document,
)
from tieline.eventtype.classifier import NONE, EventTypeModel, shipped_model
from tieline.eventtype.hybrid import SecondOpinion
from tieline.eventtype.training import top_label

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


def model_alone_root(path: Path, coder: Coder, model: EventTypeModel) -> tuple[int, int]:
    """Sentences whose gold roots include the model's top root, and sentences with events."""
    rows = [r for r in json_rows(path, ("id", "text", "events"), "a sentence") if r["events"]]
    prepared = [sentence_document(r) for r in rows]
    hits = 0
    for row, doc in zip(rows, coder.nlp.pipe([d.body for d, _ in prepared]), strict=True):
        offset = prepared[rows.index(row)][1]
        tops = {top_label(model.probabilities(s)) for s in doc.sents if s.start_char >= offset}
        roots = {c[:2] for g in row["events"] for c in g["cameo_any"]}
        hits += bool((tops - {NONE}) & roots)
    return hits, len(rows)


def throughput(coders: dict[str, Coder], n_docs: int) -> dict[str, float]:
    """docs/s of bare parsing and of each coder, best of two rounds."""
    from throughput import news_corpus

    docs = news_corpus(n_docs)
    nlp = next(iter(coders.values())).nlp
    texts = [d.body for d in docs]
    list(nlp.pipe(texts[:20]))
    best = {"parse": float("inf")} | {name: float("inf") for name in coders}
    for _ in range(2):
        start = time.perf_counter()
        list(nlp.pipe(texts, batch_size=64))
        best["parse"] = min(best["parse"], time.perf_counter() - start)
        for name, coder in coders.items():
            start = time.perf_counter()
            for _result in coder.code_documents(docs, 64):
                pass
            best[name] = min(best[name], time.perf_counter() - start)
    return {name: n_docs / seconds for name, seconds in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    parser.add_argument("--docs", type=int, default=200)
    args = parser.parse_args()
    sentences = args.data / "realsentences/sentences.jsonl"
    documents = args.data / "realnews/documents.jsonl"
    gold = args.data / "realnews/gold"
    start = time.perf_counter()
    model = shipped_model()  # the start-up cost the hybrid adds: read and unpack the file
    print(f"loading the event-type model: {time.perf_counter() - start:.3f} s")
    rules = Coder()
    hybrid = Coder(rules.dictionaries, nlp=rules.nlp, second_opinion=SecondOpinion(model))
    print("development sentences (realsentences):")
    print(f"  rules   {evaluate_sentences(sentences, rules).summary_line()}")
    hits, total = model_alone_root(sentences, rules, model)
    print(f"  model   root {hits / total:.2f} ({hits}/{total}) (root accuracy only)")
    print(f"  hybrid  {evaluate_sentences(sentences, hybrid).summary_line()}")
    print("development documents (realnews):")
    print(f"  rules   {evaluate_documents(documents, gold, rules).summary_line()}")
    print("  model   (no per-sentence roots in the document gold files)")
    print(f"  hybrid  {evaluate_documents(documents, gold, hybrid).summary_line()}")
    rates = throughput({"rules": rules, "hybrid": hybrid}, args.docs)
    for name in ("rules", "hybrid"):
        print(
            f"throughput {name:6s} {rates[name]:7.1f} docs/s; parse only {rates['parse']:7.1f} "
            f"docs/s; ratio {rates[name] / rates['parse']:.2f}"
        )


if __name__ == "__main__":
    main()
