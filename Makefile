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

# GOV.UK Frontend and Swagger UI come from the npm registry at set-up. GOV.UK Frontend is compiled
# from its Sass with a system font stack (scss/govuk.scss): the GOV.UK crown, logotype, images and
# GDS Transport font are for services on GOV.UK only, so none of them is copied or served.
$(ASSETS): node_modules/.package-lock.json src/joinedup/web/scss/govuk.scss
	rm -rf $(STATIC)/govuk $(STATIC)/swagger
	mkdir -p $(STATIC)/govuk $(STATIC)/swagger
	node_modules/.bin/sass --quiet-deps --quiet --no-source-map --style=compressed \
	    --load-path=node_modules src/joinedup/web/scss/govuk.scss $@
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(STATIC)/govuk/
	cp node_modules/swagger-ui-dist/swagger-ui.css \
	   node_modules/swagger-ui-dist/swagger-ui-bundle.js $(STATIC)/swagger/

assets: $(ASSETS)

system-deps:
	./scripts/install-system-deps.sh

demo: setup
	$(BIN)/joinedup demo --port $(PORT)

serve: setup
	$(BIN)/joinedup db upgrade
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
	JOINEDUP_TEST_STRICT=1 $(BIN)/pytest -n 2

test: lint types layers pytest

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) node_modules $(STATIC)/govuk $(STATIC)/swagger .mypy_cache .ruff_cache .pytest_cache
