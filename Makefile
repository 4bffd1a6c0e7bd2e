# Civic Hub. Variables follow Pelican's quickstart Makefile.
PY ?= python3
BASEDIR = $(CURDIR)
INPUTDIR = $(BASEDIR)/content
OUTPUTDIR = $(BASEDIR)/output
CONFFILE = $(BASEDIR)/pelicanconf.py
PUBLISHCONF = $(BASEDIR)/publishconf.py
PELICANOPTS ?=
PORT ?= 8000
SERVER ?= 127.0.0.1
CHROMIUM ?= /usr/bin/chromium

VENV = $(BASEDIR)/.venv
PYTHON = $(VENV)/bin/python
RUN = PYTHONPATH=$(BASEDIR)/plugins $(PYTHON)
THEME = $(BASEDIR)/theme
CSS = $(THEME)/static/css/main.css
LUNR_JS = $(THEME)/static/vendor/lunr.min.js

.PHONY: help setup html publish serve devserver validate import-openreferral import-csv system-packages lint test clean lock

help:
	@echo 'make serve       set everything up, build the sample directory, serve it on http://localhost:$(PORT)'
	@echo 'make test        set everything up and run the whole test suite (browser tests included)'
	@echo 'make html        build with $(CONFFILE) into $(OUTPUTDIR)'
	@echo 'make publish     build with $(PUBLISHCONF) into $(OUTPUTDIR)'
	@echo 'make devserver   rebuild on every change and serve on http://localhost:$(PORT)'
	@echo 'make validate    check $(INPUTDIR) only; print path:line:col: problems'
	@echo 'make import-openreferral SRC=feed/  import Open Referral UK JSON (a file or a folder) into $(INPUTDIR)'
	@echo 'make import-csv SRC=services.csv    import a spreadsheet (docs/importing.md) into $(INPUTDIR)'
	@echo '                 FORCE=1 replaces entries already there; CATEGORY=slug (Open Referral only)'
	@echo '                 is the category of services none of whose terms is one of yours'
	@echo 'make lint        check the Python code with ruff (part of make test)'
	@echo 'make clean       remove $(OUTPUTDIR)'
	@echo 'make lock        re-pin the Python dependencies (requirements.in -> requirements.lock)'

# --- set-up: a virtual environment and the theme's assets, from lockfiles -----

$(VENV)/.installed: requirements.lock
	$(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

$(THEME)/node_modules/.installed: $(THEME)/package-lock.json
	cd $(THEME) && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

$(CSS): $(THEME)/node_modules/.installed $(wildcard $(THEME)/scss/*.scss)
	cd $(THEME) && npm run --silent build:css

$(LUNR_JS): $(THEME)/node_modules/.installed
	mkdir -p $(dir $@)
	cp $(THEME)/node_modules/lunr/lunr.min.js $@

setup: $(VENV)/.installed $(CSS) $(LUNR_JS)

# --- building -----------------------------------------------------------------

html: setup
	$(RUN) -m directory.commands.build $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

publish: setup
	$(RUN) -m directory.commands.build $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

validate: $(VENV)/.installed
	$(RUN) -m directory.commands.validate $(INPUTDIR) -s $(CONFFILE)

# --- importing: new entries into $(INPUTDIR), never over existing ones unless FORCE=1 --

IMPORT_OPTIONS = $(if $(filter 1 yes true,$(FORCE)),--force)

import-openreferral: $(VENV)/.installed
	@test -n "$(SRC)" || { echo 'Give the file or folder: make import-openreferral SRC=path/to/feed' >&2; exit 2; }
	$(RUN) -m directory.commands.import_openreferral "$(SRC)" $(INPUTDIR) -s $(CONFFILE) $(IMPORT_OPTIONS) $(if $(CATEGORY),--category "$(CATEGORY)")

import-csv: $(VENV)/.installed
	@test -n "$(SRC)" || { echo 'Give the file: make import-csv SRC=path/to/services.csv' >&2; exit 2; }
	$(RUN) -m directory.commands.import_csv "$(SRC)" $(INPUTDIR) -s $(CONFFILE) $(IMPORT_OPTIONS)

serve: html
	$(RUN) -m directory.commands.serve $(OUTPUTDIR) -p $(PORT) -b $(SERVER)

devserver: setup
	$(RUN) -m directory.commands.devserver $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) -b $(SERVER)

# --- tests ----------------------------------------------------------------------

# Debian packages the tests need: chromium (browser tests) and locales (a
# build under another locale); installed when run as root, else named
system-packages:
	@missing=""; \
	test -x $(CHROMIUM) || missing="$$missing chromium"; \
	test -e /usr/share/i18n/locales/fr_FR && command -v localedef >/dev/null || missing="$$missing locales"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "The tests need Debian's$$missing: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

# the linter and formatter (ruff, configured in pyproject.toml)
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check $(BASEDIR)
	$(VENV)/bin/ruff format --check $(BASEDIR)

test: setup system-packages lint
	CHROMIUM=$(CHROMIUM) $(RUN) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(OUTPUTDIR)

lock: $(VENV)/.installed
	$(PYTHON) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in
