"""Coding throughput against bare spaCy parsing on the same texts and batch size.

Prints docs/s and tokens/s for ``nlp.pipe`` alone and for tieline's end-to-end coding
(parse + actors + verbs + events), and their ratio. Usage:

    python benchmarks/throughput.py [--docs 500] [--batch-size 64]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from tieline import Coder, Document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def news_corpus(n_docs: int, seed: int = 7) -> list[Document]:
    """News-length documents (about 25 sentences) built from the example paragraphs."""
    from tieline.ingest.detect import read_document

    paragraphs: list[str] = []
    for path in sorted(EXAMPLES.iterdir()):
        paragraphs.extend(p for p in read_document(path).body.split("\n\n") if p.strip())
    rng = random.Random(seed)
    docs = []
    for i in range(n_docs):
        body = "\n\n".join(rng.choice(paragraphs) for _ in range(18))
        docs.append(Document(id=f"bench-{i}", body=body, published="2019-06-11"))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    coder = Coder()
    nlp = coder.nlp
    docs = news_corpus(args.docs)
    texts = [d.body for d in docs]
    list(nlp.pipe(texts[:20], batch_size=args.batch_size))  # warm up

    best_parse, best_code, tokens, events = float("inf"), float("inf"), 0, 0
    for _ in range(args.rounds):
        start = time.perf_counter()
        tokens = sum(len(d) for d in nlp.pipe(texts, batch_size=args.batch_size))
        best_parse = min(best_parse, time.perf_counter() - start)
        start = time.perf_counter()
        events = sum(len(r.events) for r in coder.code_documents(docs, args.batch_size))
        best_code = min(best_code, time.perf_counter() - start)

    n = len(docs)
    print(f"documents: {n}, tokens: {tokens}, batch size: {args.batch_size}, events: {events}")
    print(f"nlp.pipe only : {n / best_parse:8.1f} docs/s {tokens / best_parse:10.0f} tokens/s")
    print(f"tieline coding: {n / best_code:8.1f} docs/s {tokens / best_code:10.0f} tokens/s")
    print(f"ratio (coding rate / parsing rate): {best_parse / best_code:.3f}")


if __name__ == "__main__":
    main()
