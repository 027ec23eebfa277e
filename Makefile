# conflict-kg: `make run` builds the default graph from seeds/ and serves it,
# `make test` runs the whole test suite. Both create .venv and install what they need.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KG := $(VENV)/bin/kg
STORE ?= data/store
HOST ?= 127.0.0.1
PORT ?= 5000
DEVDATA ?= ../shared/devdata
STAMP := $(VENV)/.installed

.PHONY: install run seed test eval bench clean system-deps screens

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,model]'
	$(PY) -m kg.extract.geo build
	touch $(STAMP)

install: $(STAMP)

seed: $(STAMP)
	$(KG) ingest seeds --store $(STORE)

run: seed
	$(KG) serve --store $(STORE) --host $(HOST) --port $(PORT)

# Browser tests drive Debian's chromium; remote-store tests start Virtuoso; the load benchmark uses wrk. Installed when missing
# and we may (root, apt-get present); otherwise those tests say why they are skipped.
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v wrk >/dev/null 2>&1 || ! command -v virtuoso-t >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium wrk virtuoso-opensource >/dev/null; \
		else echo "note: chromium/wrk/virtuoso-opensource missing and cannot be installed here; browser and Virtuoso tests will be skipped"; fi; \
	fi

test: $(STAMP) system-deps
	$(PY) -m pytest

# Screenshots of every page at desktop and phone width for the README (docs/screens/), from the seeds.
screens: $(STAMP) system-deps
	$(PY) docs/screens.py

eval: $(STAMP)
	@mkdir -p data
	@echo "== seeds/ (expected events from seeds/README.md)"
	@$(PY) eval/seed_gold.py > data/seed-gold.jsonl
	@$(KG) extract seeds > data/seed-system.jsonl
	@if [ -f "$(DEVDATA)/../eval/score.py" ]; then \
		$(PY) $(DEVDATA)/../eval/score.py --gold data/seed-gold.jsonl --system data/seed-system.jsonl; \
	else echo "(the scorer $(DEVDATA)/../eval/score.py is not here; seed events are in data/seed-system.jsonl)"; fi
	@if [ -d "$(DEVDATA)" ]; then \
		echo "== dev set: $(DEVDATA)"; \
		$(KG) extract $(DEVDATA)/articles.jsonl > data/eval-system.jsonl && \
		$(PY) $(DEVDATA)/../eval/score.py --gold $(DEVDATA)/gold.jsonl --system data/eval-system.jsonl; \
		echo "== ACLED dev split: $(DEVDATA)/acled_sample.csv"; \
		$(PY) $(DEVDATA)/../eval/acled_notes.py articles $(DEVDATA)/acled_sample.csv data/acled.jsonl && \
		$(KG) extract data/acled.jsonl --format jsonl > data/acled-system.jsonl && \
		$(PY) $(DEVDATA)/../eval/acled_notes.py score $(DEVDATA)/acled_sample.csv data/acled-system.jsonl data/acled.jsonl; \
	else echo "make eval: $(DEVDATA) not found; the dev set is not part of this repository"; fi
	@if [ -f "$(DEVDATA)/../eval/score.py" ]; then \
		echo "== team-written articles: eval/team (written blind; read for error analysis since 2026-12-03, see eval/team/README.md)"; \
		$(KG) extract eval/team/articles.jsonl > data/team-system.jsonl && \
		$(PY) $(DEVDATA)/../eval/score.py --gold eval/team/gold.jsonl --system data/team-system.jsonl; \
		echo "== team-written articles: eval/team2 (measured blind first; read since 3a6eca5, see eval/team2/README.md)"; \
		$(KG) extract eval/team2/articles.jsonl > data/team2-system.jsonl && \
		$(PY) $(DEVDATA)/../eval/score.py --gold eval/team2/gold.jsonl --system data/team2-system.jsonl; \
		echo "== team-written articles: eval/team3 (written blind 2026-12-03, held out: do not read its errors, see eval/team3/README.md)"; \
		$(KG) extract eval/team3/articles.jsonl > data/team3-system.jsonl && \
		$(PY) $(DEVDATA)/../eval/score.py --gold eval/team3/gold.jsonl --system data/team3-system.jsonl; \
	fi
	@echo "== behavioural suite: tests/behaviour/cases.tsv"
	@$(PY) eval/behaviour.py --summary

clean:
	rm -rf $(VENV) data build *.egg-info
