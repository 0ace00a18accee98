# The README's two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= watchfloor.db

.PHONY: run test check lint install clean bench model score

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when the project's requirements change; constraints.txt pins what was tested.
# Everything a first-time user needs, the optional PostgreSQL and Dask extras included.
$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,postgres,dask]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/watchfloor run --db $(DB) --sample
	$(BIN)/watchfloor report --db $(DB) --out reports/sitrep.html

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

check: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

# Rebuild the shipped subjectivity model from NewsSD-ENG (../shared/data; fixed seed, same file).
model: $(STAMP)
	$(BIN)/python scripts/train_subjectivity.py

# Score the reading on the development data (../shared; tens of minutes) and record the figures
# in bench/scores.json, which tests/meta/test_floors.py holds against bench/floors.json.
score: $(STAMP)
	$(BIN)/python bench/floors.py record

# Every benchmark and evaluation (long: tens of minutes); see bench/README.md.
bench: $(STAMP)
	$(BIN)/python bench/eval_extract.py
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/ingest_scale.py
	$(BIN)/python bench/merge.py
	$(BIN)/python bench/eval_coref.py
	$(BIN)/python bench/serve.py
	$(BIN)/python bench/api_load.py

clean:
	rm -rf $(VENV) build src/*.egg-info
