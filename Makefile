# The two commands of the README:
#   make run    set everything up, then serve the app on the demo data (http://127.0.0.1:8050)
#   make test   set everything up, then run every test (unit, callbacks, real browser)
# Both are idempotent: a second call skips what is already installed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# postgresql: the account and audit tests run against a real server too (a throwaway cluster
# the fixture starts on a private port; no systemd needed).
DEBIAN_PACKAGES := chromium chromium-driver redis-server fonts-dejavu-core poppler-utils postgresql
# plotly.js's French locale (modebar tooltips, date formats), from the npm registry at build
# time: the app serves it itself, no CDN. vendor/ is git-ignored.
PLOTLY_LOCALES_VERSION := 3.7.0
PLOTLY_FR := vendor/plotly.js-locales/fr.js
# regenerator-runtime, which the app loads instead of Dash's core-js polyfill (see app.py).
REGENERATOR_VERSION := 0.14.1
REGENERATOR := vendor/regenerator-runtime/runtime.js

.PHONY: run test setup system-packages plotly-bundle lint typecheck bench screenshot clean

run: setup
	$(BIN)/python app.py

# Tests run in parallel (pytest-xdist), one process per core up to 4: each worker starts its
# own servers and browser, so more would cost memory more than they save time.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)

test: setup
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

setup: system-packages $(STAMP) $(PLOTLY_FR) $(REGENERATOR) plotly-bundle

# Debian packages the browser tests and the Redis cache tests need, and npm (for the plotly
# locale) unless the machine already has a Node.js of its own. apt-get only runs when one is
# missing; as root directly, otherwise through sudo.
system-packages:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(STAMP)

# $(call npm-package,NAME,VERSION): the npm registry's package NAME@VERSION in vendor/NAME.
define npm-package
	mkdir -p vendor
	cd vendor && npm pack --silent $(1)@$(2) >/dev/null && rm -rf $(1) && mkdir $(1) && \
	  tar xzf $(1)-$(2).tgz -C $(1) --strip-components=1 && rm $(1)-$(2).tgz
endef

$(PLOTLY_FR):
	$(call npm-package,plotly.js-locales,$(PLOTLY_LOCALES_VERSION))

$(REGENERATOR):
	$(call npm-package,regenerator-runtime,$(REGENERATOR_VERSION))

# The app's own plotly.js bundle (scripts/build-plotly.sh: plotly.js's core and the trace types
# dashboard.render.charts draws, built from npm with esbuild), at the plotly.js version of the plotly
# package. Built again when either changes; the app checks both and otherwise serves Dash's
# full bundle.
plotly-bundle: $(STAMP)
	@args=$$($(BIN)/python -m dashboard.render.plotly_bundle) || exit 1; \
	if [ -n "$$args" ]; then echo "Building plotly.js: $$args"; scripts/build-plotly.sh $$args; fi

lint: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

typecheck: setup
	$(BIN)/mypy

bench: setup
	$(BIN)/python -m benchmarks --out benchmarks/results

# docs/overview.png and docs/overview-en.png, on the demo data (Debian's Chromium).
screenshot: setup
	$(BIN)/python scripts/screenshot.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
