# Chronicle: `make demo` sets everything up and builds the sample corpus; `make test` runs the suite.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out
SEEDS  ?= ../shared/seeds

.PHONY: demo test bench install clean

$(BIN)/chronicle: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[nlp,parquet,ray,test]"
	@touch $@

install: $(BIN)/chronicle

demo: install
	@mkdir -p $(OUT)
	$(BIN)/chronicle build examples/articles $(wildcard $(SEEDS)) --db $(OUT)/chronicle.db
	$(BIN)/chronicle documents --db $(OUT)/chronicle.db --format csv > $(OUT)/documents.csv
	$(BIN)/chronicle documents --db $(OUT)/chronicle.db --format json > $(OUT)/documents.json
	$(BIN)/chronicle events --db $(OUT)/chronicle.db --format csv > $(OUT)/events.csv
	$(BIN)/chronicle actors --db $(OUT)/chronicle.db --format csv > $(OUT)/actors.csv
	$(BIN)/chronicle report --db $(OUT)/chronicle.db --out $(OUT)/report.html
	@echo
	@echo "Outputs:"
	@echo "  store      $(OUT)/chronicle.db   (SQLite; try: $(BIN)/chronicle documents --db $(OUT)/chronicle.db)"
	@echo "  listing    $(OUT)/documents.csv, $(OUT)/documents.json"
	@echo "  events     $(OUT)/events.csv, actors: $(OUT)/actors.csv"
	@echo "             (try: $(BIN)/chronicle events --db $(OUT)/chronicle.db --dyad Abe,Trump)"
	@echo "  search     $(BIN)/chronicle search 'summit' --db $(OUT)/chronicle.db"
	@echo "  report     $(OUT)/report.html   (open it in a browser; works offline)"

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/ingest_bench.py --out bench/results
	$(BIN)/python bench/time_bench.py --out bench/results
	$(BIN)/python bench/language_bench.py --out bench/results
	$(BIN)/python bench/dedup_bench.py --out bench/results
	$(BIN)/python bench/event_dedup_bench.py --out bench/results
	$(BIN)/python bench/web_bench.py --out bench/results
	$(BIN)/python bench/scale_bench.py --out bench/results

clean:
	rm -rf $(OUT) bench/results test-artifacts .pytest_cache
