# The README's two commands: `make report` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup browser report test notebooks lab bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "error: Python 3.11 or newer is needed; found $$($(PYTHON) --version 2>&1). Set PYTHON=..."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

setup: $(STAMP)

# The browser tests drive Debian's chromium (no browser download); Chinese in its
# screenshots needs a system CJK font. Installed here when missing and we are root.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei; \
	  else \
	    echo "error: the browser tests need Debian's chromium and a CJK font:"; \
	    echo "  sudo apt-get install chromium fonts-wqy-microhei"; exit 1; \
	  fi; \
	fi

report: setup
	$(BIN)/python -m zhongyuan.run

# --dist loadfile keeps each notebook's cells on one worker (nbval); --allow-hosts lets the
# tests reach nothing but loopback (pytest-socket).
test: setup browser
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval --nbval-sanitize-with tests/sanitize.cfg \
	  --allow-hosts=127.0.0.1,::1

# For maintainers: re-execute the committed notebooks in place after a change to data or src.
notebooks: setup
	$(BIN)/python -m zhongyuan.run --refresh

lab: setup
	$(BIN)/python -m jupyter lab notebooks/

clean:
	rm -rf build .pytest_cache

# On demand, not in make test: prints the performance ratios with their targets.
bench: setup
	$(BIN)/python benchmarks/bench.py
