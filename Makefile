# Shortcuts for scripts/dev.py, which needs only Python 3.11+.
PY ?= python3

.PHONY: build test serve bench
build:
	$(PY) scripts/dev.py build
test:
	$(PY) scripts/dev.py test
serve:
	$(PY) scripts/dev.py serve
bench:
	$(PY) scripts/dev.py bench
