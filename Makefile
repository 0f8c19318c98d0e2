# One entry point for developers; CI runs .ci/run, which runs the same test suite.
PY ?= python

.PHONY: build test lint serve packages
build:
	budgetsite build
test:
	$(PY) -m pytest -q
lint:
	ruff check generator tests benchmarks && ruff format --check generator tests benchmarks && mypy generator
serve: build
	$(PY) -m http.server -d site 8000

# Re-import every bundled source into datapackages/ (after a change to the importer); the tests compare them.
CORPUS_2026 = $(filter-out %-fj1-shuoming.pdf %-fj2-baobiao.pdf %-juesuan.pdf,$(wildcard sources/corpus/*-2026-*.pdf))
packages:
	budgetsite import sources/xinzhou-shebao-2023.txt --unit xinzhou-shebao --year 2023 --out datapackages --force
	for y in 2023 2024 2025; do budgetsite import sources/pdf/shanghai-putuo-wanli-$$y-dept-budget.pdf \
	  --unit shanghai-putuo-wanli --out datapackages --force || exit 1; done
	for f in $(CORPUS_2026); do n=$$(basename $$f); \
	  budgetsite import $$f --unit $${n%%-2026-*} --out datapackages --force || exit 1; done
	budgetsite import sources/corpus/beijing-shenjiju-2026-bumen-yusuan-fj1-shuoming.pdf \
	  sources/corpus/beijing-shenjiju-2026-bumen-yusuan-fj2-baobiao.pdf \
	  --unit beijing-shenjiju --unit-name 北京市审计局 --out datapackages --force
