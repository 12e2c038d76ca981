# Joined Up: `make demo` builds the demo world and serves it; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STATIC := src/joinedup/web/static
ASSETS := $(STATIC)/govuk/govuk-frontend.min.css
PORT ?= 8000

.PHONY: setup assets system-deps demo serve test lint types layers pytest bench clean

setup: $(STAMP) $(ASSETS)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# The official GOV.UK Frontend and Swagger UI assets come from the npm registry at set-up.
$(ASSETS): node_modules/.package-lock.json
	rm -rf $(STATIC)/govuk $(STATIC)/swagger
	mkdir -p $(STATIC)/govuk $(STATIC)/swagger
	cp -r node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css \
	      node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js \
	      node_modules/govuk-frontend/dist/govuk/assets $(STATIC)/govuk/
	cp node_modules/swagger-ui-dist/swagger-ui.css \
	   node_modules/swagger-ui-dist/swagger-ui-bundle.js $(STATIC)/swagger/

assets: $(ASSETS)

system-deps:
	./scripts/install-system-deps.sh

demo: setup
	$(BIN)/joinedup demo --port $(PORT)

serve: setup
	$(BIN)/joinedup serve

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

types: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

# Every test, on SQLite and on a PostgreSQL server the fixtures start, Spark in local mode and
# Chromium for the browser tests; JOINEDUP_TEST_STRICT turns a missing part into a failure.
pytest: setup system-deps
	JOINEDUP_TEST_STRICT=1 $(BIN)/pytest

test: lint types layers pytest

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) node_modules $(STATIC)/govuk $(STATIC)/swagger .mypy_cache .ruff_cache .pytest_cache
