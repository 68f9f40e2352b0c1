# Shortcuts for scripts/dev.py, which needs only Python 3.11+.
PY ?= python3

.PHONY: build test serve validate bench
build:
	$(PY) scripts/dev.py build
test:
	$(PY) scripts/dev.py test
serve:
	$(PY) scripts/dev.py serve
validate:
	$(PY) scripts/dev.py validate

# Link check (issue 4): needs a built site; the benchmark needs the bench extra (lychee).
.PHONY: links bench-links
links: build
	.venv/bin/python scripts/check_links.py
bench-links: build
	.venv/bin/python -m pip install --quiet --editable '.[bench]'
	.venv/bin/python scripts/bench_links.py

# Build-cost benchmark (issue 6): several minutes; installs the bench extra on first use.
bench:
	$(PY) scripts/dev.py bench
