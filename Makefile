# The two commands of the README:
#   make run   - set up (first time) and start the chat app on http://127.0.0.1:7860
#   make test  - set up (first time) and run every test, browser tests included
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.stamp

.PHONY: run test index eval bench bench-backends browser clean

$(STAMP)-run: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e .
	touch $@

$(STAMP)-dev: pyproject.toml constraints/cpu.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -c constraints/cpu.txt -e '.[dev,st]'
	touch $@ $(STAMP)-run

run: $(STAMP)-run
	$(PY) app.py

# Debian's Chromium (browsers cannot be downloaded here) and CJK fonts for
# the browser tests; skipped when already present or when not root.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "note: install chromium and fonts-noto-cjk for the browser tests"; fi; \
	fi

test: $(STAMP)-dev browser
	$(PY) -m pytest

index: $(STAMP)-run
	$(VENV)/bin/policybot ingest

eval: $(STAMP)-run
	$(VENV)/bin/policybot eval

bench: $(STAMP)-run
	$(PY) benchmarks/bench.py

# search backends (local FAISS + bm25s, Milvus Lite) at 1k / 10k / 100k chunks
bench-backends: $(STAMP)-dev
	$(PY) benchmarks/backends.py

clean:
	rm -rf $(VENV) var .pytest_cache
