"""Nothing trains on the development sets: the training inputs come from eventtrain only."""

from __future__ import annotations

import json

from tieline.eventtype.examples import TRAINING_FILES, fold_of, read_training_sentences


def _dev_rows(shared_data):
    rows = [
        json.loads(line)
        for line in (shared_data / "realsentences/sentences.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    rows += [
        json.loads(line)
        for line in (shared_data / "realnews/documents.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    return rows


def test_training_reads_only_the_eventtrain_files():
    assert TRAINING_FILES == ("cooperation.jsonl", "conflict.jsonl", "passages.jsonl")


def test_no_development_id_or_text_reaches_the_training_inputs(shared_data):
    training = read_training_sentences(shared_data / "eventtrain")
    assert len(training) == 866
    assert all(s.id.startswith("et-") for s in training)
    dev = _dev_rows(shared_data)
    dev_ids = {str(r["id"]) for r in dev}
    assert dev_ids and not dev_ids & {s.id for s in training}
    assert not dev_ids & {s.id.split(".")[0] for s in training}
    dev_texts = {str(r["text"]).strip() for r in dev}
    assert not dev_texts & {s.text.strip() for s in training}


def test_folds_keep_a_page_together(shared_data):
    training = read_training_sentences(shared_data / "eventtrain")
    folds = fold_of([s.group for s in training], 5)
    by_page: dict[str, set[int]] = {}
    for s, f in zip(training, folds, strict=True):
        by_page.setdefault(s.group, set()).add(f)
    assert all(len(f) == 1 for f in by_page.values())
    assert set(folds) == {0, 1, 2, 3, 4}
