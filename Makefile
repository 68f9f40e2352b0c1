# Shortcuts for scripts/dev.py, which needs only Python 3.11+.
PY ?= python3

.PHONY: build test serve validate
build:
	$(PY) scripts/dev.py build
test:
	$(PY) scripts/dev.py test
serve:
	$(PY) scripts/dev.py serve
validate:
	$(PY) scripts/dev.py validate
