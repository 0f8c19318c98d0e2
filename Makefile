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
# every budget of the corpus, one file each (北京’s two files are imported together below; 决算 and templates apart)
# every 决算 of the corpus (not the blank template), each under its unit's slug with -juesuan after it
FINALS = $(wildcard sources/corpus/*-juesuan.pdf)
CORPUS = $(filter-out %-fj1-shuoming.pdf %-fj2-baobiao.pdf %-juesuan.pdf %-moban-2024.pdf %-shuoming-only.pdf,\
  $(wildcard sources/corpus/*.pdf))
packages:
	$(PY) -m generator import sources/xinzhou-shebao-2023.txt --unit xinzhou-shebao --year 2023 --out datapackages --force
	for y in 2023 2024 2025; do $(PY) -m generator import sources/pdf/shanghai-putuo-wanli-$$y-dept-budget.pdf \
	  --unit shanghai-putuo-wanli --out datapackages --force || exit 1; done
	for f in $(CORPUS); do n=$$(basename $$f); \
	  $(PY) -m generator import $$f --unit $$(echo $$n | sed -E 's/-20[0-9]{2}-.*//') --out datapackages --force || exit 1; done
	for f in $(FINALS); do n=$$(basename $$f); \
	  $(PY) -m generator import $$f --unit $$(echo $$n | sed -E 's/-20[0-9]{2}-.*//')-juesuan --out datapackages --force || exit 1; done
	$(PY) -m generator import sources/corpus/beijing-shenjiju-2026-bumen-yusuan-fj1-shuoming.pdf \
	  sources/corpus/beijing-shenjiju-2026-bumen-yusuan-fj2-baobiao.pdf \
	  --unit beijing-shenjiju --unit-name 北京市审计局 --out datapackages --force
