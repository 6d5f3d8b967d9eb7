# The README's two commands: `make report` and `make test`. Both set up .venv first, as any
# user (root is never needed), with the Python they already have.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.synced-stamp
# The uv that make bootstraps: the one pinned in pyproject.toml's dev group, so that
# `uv sync` finds it already at the locked version and keeps it.
UV_VERSION := $(shell sed -n 's/.*"uv==\([0-9.]*\)".*/\1/p' pyproject.toml)
# uv: UV=... if given; else one already on PATH, used as is; else one where uv's own installer
# puts it (~/.local/bin, ~/.cargo/bin); else the one make installs into .venv/bin.
UV ?= $(or $(shell command -v uv 2>/dev/null),$(wildcard $(HOME)/.local/bin/uv),$(wildcard $(HOME)/.cargo/bin/uv),$(BIN)/uv)
# uv reads no pip.conf: it resolves and downloads from PyPI, the index uv.lock names. It uses
# the venv's Python (never downloads one) and the venv make created, wherever it is run.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Python keeps the bytecode it compiles (in .venv and src/, both the project's): where
# PYTHONDONTWRITEBYTECODE is set (as on these machines) every process otherwise compiled
# pandas, matplotlib and the rest from source again, every kernel included (import pandas and
# matplotlib.pyplot: 3.0 s, not 0.85 s). Compiling everything at install instead
# (UV_COMPILE_BYTECODE) made set-up three times as long.
unexport PYTHONDONTWRITEBYTECODE
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: setup lock browser report test test-fast snapshots notebooks lab bench clean

# The venv, from the standard library, with this Python (--without-pip: Debian's Python lacks
# ensurepip unless python3-venv is installed, and uv installs everything else).
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || \
	  { echo "error: Python 3.11 or newer is needed; found: $$($(PYTHON) --version 2>&1). Run: make PYTHON=/path/to/python3.11"; exit 1; }
	@$(PYTHON) -m venv --without-pip $(VENV) || \
	  { echo "error: $(PYTHON) could not create a virtual environment in $(VENV) (see above)"; exit 1; }

# uv into the venv, only where no uv was found. This Python's pip installs it with
# --python, so the venv's own layout decides where the script goes (Debian's pip given
# --prefix writes to .venv/local/bin); a Python without pip uses the venv's ensurepip.
PIP_ARGS := install --quiet --disable-pip-version-check --no-warn-script-location "uv==$(UV_VERSION)"
$(BIN)/uv: | $(BIN)/python
	@echo "installing uv $(UV_VERSION) into $(VENV) with pip"
	@if $(PYTHON) -m pip --version >/dev/null 2>&1; then \
	  PIP_ROOT_USER_ACTION=ignore $(PYTHON) -m pip --python $(BIN)/python $(PIP_ARGS); \
	elif $(BIN)/python -m ensurepip >/dev/null 2>&1; then \
	  $(BIN)/python -m pip $(PIP_ARGS); \
	else \
	  echo "error: $(PYTHON) has no pip, so make cannot install uv. Install uv, then run make again:"; \
	  echo "  curl -LsSf https://astral.sh/uv/install.sh | sh    (or: brew install uv / pipx install uv / sudo apt-get install python3-pip)"; \
	  exit 1; \
	fi
	@test -x $@ || { found=$$(find $(VENV) -name uv -type f -perm -u+x | head -n 1); \
	  test -n "$$found" && ln -sf "$$(cd "$$(dirname "$$found")" && pwd)/uv" $@; }
	@test -x $@ || { echo "error: pip reported success but installed no uv executable under $(VENV)"; exit 1; }

# Exactly the locked versions (extra [test] included), into the venv made with $(PYTHON). The
# dev group (uv itself, pip) only where make installed uv into the venv: sync keeps it there.
$(STAMP): pyproject.toml uv.lock Makefile | $(BIN)/python $(UV)
	@$(UV) sync --locked --extra test --quiet $(if $(filter $(BIN)/uv,$(UV)),,--no-dev) || \
	  { echo "error: '$(UV) sync --locked' failed (uv $$($(UV) --version 2>/dev/null | cut -d' ' -f2); its message is above)."; \
	    echo "  'lock file needs to be updated': pyproject.toml changed; run: make lock"; \
	    echo "  a network error: the first set-up downloads from PyPI; run make again when online"; exit 1; }
	@touch $@

setup: $(STAMP)

# After a change to the dependencies in pyproject.toml: resolve again (newest versions the
# ranges allow, from PyPI) and write uv.lock; commit it. `make lock UPGRADE=pandas` lifts one.
lock: | $(UV)
	$(UV) lock $(if $(UPGRADE),--upgrade-package $(UPGRADE))

# For those who want the PDFs and the browser tests on Debian/Ubuntu, as root: Chromium, a
# CJK font for its screenshots, poppler-utils for the PDF tests. Nothing else runs apt-get.
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei poppler-utils; \
	else \
	  echo "make browser installs Debian's chromium as root; here, install a Chromium-family browser"; \
	  echo "yourself (or run: $(BIN)/python -m playwright install chromium) and poppler's pdftotext."; exit 1; \
	fi

# The main job: every notebook run in both languages, the site, decks and data; the PDFs when
# a browser is found (zhongyuan.build.browser), else one line saying how to get them.
report: setup
	$(BIN)/python -m zhongyuan.build

# Everything: lint, the unit and integration tests, and nbval on every notebook. --dist
# loadfile keeps each notebook's cells on one worker (nbval); --allow-hosts lets the tests
# reach nothing but loopback (pytest-socket).
test: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval --nbval-sanitize-with tests/sanitize.cfg \
	  --allow-hosts=127.0.0.1,::1

# While working: lint and the unit tests (no kernel, no browser, no build).
test-fast: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -n 2 tests/unit --allow-hosts=127.0.0.1,::1

# After a change meant to alter what readers see: build the site once (both editions) and
# record tests/snapshots/ again from it (notebook outputs, generated pages, decks); then read
# `git diff tests/snapshots/` and commit it (docs/testing.md).
snapshots: setup
	$(BIN)/python -m pytest tests/integration/test_snapshots.py --snapshot-update -q -p no:cacheprovider \
	  --allow-hosts=127.0.0.1,::1

# For maintainers: re-execute the committed notebooks in place after a change to data or src.
# ONLY="03 05" refreshes those notebooks alone.
notebooks: setup
	$(BIN)/python -m zhongyuan.build --refresh $(if $(ONLY),--only $(ONLY))

# JupyterLab on the notebooks, with the project's settings (no news fetched, no update
# check); --allow-root only for root. LAB_ARGS adds options (a port, --no-browser).
# To present live with RISE (Alt+R, "Render as Reveal slideshow"): `make lab LANG=zh` (or
# LANG=en), after `make report`, opens instead that edition's notebooks as the report executed
# them, in its language only, copied afresh to build/lab/LANG with every code cell's input
# hidden and every code cell without a slide type (or with nothing to show) set to be skipped
# (zhongyuan.build.rise), so the slideshow shows one language and no code. notebooks/ is not
# touched. Only a LANG given on make's command line counts (the locale's LANG does not), and it
# is taken out of the environment again before Python starts.
LAB_CONFIG := src/zhongyuan/build/lab
EDITION := $(if $(filter command line,$(origin LANG)),$(LANG))
lab: setup
	$(if $(EDITION),env -u LANG $(BIN)/python -m zhongyuan.build.rise $(EDITION) build/lab/$(EDITION))
	$(if $(EDITION),env -u LANG) $(BIN)/python -m jupyterlab --config=$(LAB_CONFIG)/jupyter_lab_config.py $(ROOT_FLAG) \
	  $(LAB_ARGS) $(if $(EDITION),build/lab/$(EDITION),notebooks/)

clean:
	rm -rf build .pytest_cache

# On demand, not in make test: prints the performance ratios with their targets.
bench: setup
	$(BIN)/python benchmarks/bench.py
