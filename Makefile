# One entry point for developers; CI runs .ci/run, which runs the same test suite.
PY ?= python

.PHONY: build test lint serve
build:
	budgetsite build
test:
	$(PY) -m pytest -q
lint:
	ruff check generator tests benchmarks && ruff format --check generator tests benchmarks && mypy generator
serve: build
	$(PY) -m http.server -d site 8000
