# Civic Hub. Variables follow Pelican's quickstart Makefile.
#
# Two folders: SOFTWARE, the one holding this Makefile (the plugin, the theme, the
# tests, the locked dependencies), and BASEDIR, the folder make runs in (the
# council's content and settings). Here they are the same; a council's own
# repository includes this file from its civic-hub/ submodule (make new-council).
SOFTWARE := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
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

VENV = $(SOFTWARE)/.venv
PYTHON = $(VENV)/bin/python
RUN = PYTHONPATH=$(SOFTWARE)/plugins $(PYTHON)
THEME = $(SOFTWARE)/theme
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
	@echo 'make check       the content checks: validate, build, html-validate, axe, links, size budgets'
	@echo 'make import-openreferral SRC=feed/  import Open Referral UK JSON (a file or a folder) into $(INPUTDIR)'
	@echo 'make import-csv SRC=services.csv    import a spreadsheet (docs/importing.md) into $(INPUTDIR)'
	@echo '                 FORCE=1 replaces entries already there; CATEGORY=slug (Open Referral only)'
	@echo '                 is the category of services none of whose terms is one of yours'
	@echo 'make validate FORMAT=github     the same problems as GitHub annotations (::error file=,line=,col=::)'
	@echo 'make diff BASE=main             what the working tree changes in $(INPUTDIR) compared with BASE, in words'
	@echo 'make new KIND=service NAME="Friday Lunch Club" [ORG=slug]  write a new entry file, explained and valid'
	@echo 'make report [FORMAT=markdown]   stale entries, services nobody can contact, unowned organisations, empty terms'
	@echo 'make codeowners  write .github/CODEOWNERS from the organisations'"'"' and the council'"'"'s maintainers'
	@echo 'make cms         the web editor: /admin/ on http://localhost:$(PORT) against this working copy'
	@echo 'make lint        check the Python code with ruff (part of make test)'
	@echo 'make clean       remove $(OUTPUTDIR)'
	@echo 'make lock        re-pin the Python dependencies (requirements.in -> requirements.lock)'

# --- set-up: a virtual environment and the theme's assets, from lockfiles -----

$(VENV)/.installed: $(SOFTWARE)/requirements.lock
	$(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes -r $(SOFTWARE)/requirements.lock
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

# what is built to be looked at here links to this machine's server, on whatever
# PORT; make publish uses the council's own site_url (directory.commands.cli)
html serve devserver cms: export CIVIC_HUB_LOCAL_URL = http://localhost:$(PORT)

html: setup
	$(RUN) -m directory.commands.build $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

publish: setup
	$(RUN) -m directory.commands.build $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

validate: $(VENV)/.installed
	$(RUN) -m directory.commands.validate $(if $(FORMAT),--format $(FORMAT)) $(INPUTDIR) -s $(CONFFILE)

# the content checks a pull request that changes only content runs (docs/publishing.md):
# they hold for any valid directory, so they need none of the software's tests
.PHONY: check
check: setup
	CHROMIUM=$(CHROMIUM) $(RUN) -m directory.commands.check $(INPUTDIR) -s $(CONFFILE)

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
	$(VENV)/bin/ruff check $(SOFTWARE)
	$(VENV)/bin/ruff format --check $(SOFTWARE)

test: setup system-packages lint
	cd $(SOFTWARE) && CHROMIUM=$(CHROMIUM) $(RUN) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(OUTPUTDIR) $(dir $(abspath $(OUTPUTDIR))).$(notdir $(abspath $(OUTPUTDIR))).cache

lock: $(VENV)/.installed
	$(PYTHON) -m pip install --quiet pip-tools
	cd $(SOFTWARE) && $(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in

# --- ownership, new entries, freshness (docs/maintainers.md) ----------------------

.PHONY: codeowners new report

# .github/CODEOWNERS from the organisations' maintainers and the council's
# (on GitLab: make codeowners CODEOWNERS=.gitlab/CODEOWNERS)
CODEOWNERS ?= $(BASEDIR)/.github/CODEOWNERS
codeowners: $(VENV)/.installed
	$(RUN) -m directory.commands.codeowners $(INPUTDIR) -s $(CONFFILE) -o $(CODEOWNERS)

# make new KIND=service NAME="Friday Lunch Club" [ORG=st-marys-church-eastgate]: the
# values reach the command through the environment as written ($(value): a $ stays a $),
# so no quote or dollar in a name can break the line
new: export NEW_KIND = $(value KIND)
new: export NEW_NAME = $(value NAME)
new: export NEW_ORG = $(value ORG)
new: $(VENV)/.installed
	@test -n "$$NEW_KIND" -a -n "$$NEW_NAME" || { echo 'Give the kind and the name: make new KIND=service NAME="Friday Lunch Club"' >&2; exit 2; }
	@$(RUN) -m directory.commands.new --kind "$$NEW_KIND" --name "$$NEW_NAME" --organisation "$$NEW_ORG" $(INPUTDIR) -s $(CONFFILE)

# make report [FORMAT=markdown] [REPOSITORY=owner/name]: what needs someone's attention
report: export REPORT_FORMAT = $(or $(FORMAT),text)
report: export REPORT_REPOSITORY = $(value REPOSITORY)
report: $(VENV)/.installed
	@$(RUN) -m directory.commands.report --format "$$REPORT_FORMAT" $${REPORT_REPOSITORY:+--repository "$$REPORT_REPOSITORY"} $(INPUTDIR) -s $(CONFFILE)

# --- the web editor: Decap CMS at /admin/ (docs/cms.md) ---------------------------

.PHONY: cms

DECAP_DIR = $(THEME)/static/vendor/decap
DECAP_JS = $(DECAP_DIR)/decap-cms.js
CMS_PORT ?= 8081

# Decap's browser bundle, the chunks it loads and its licences, from npm: the build
# copies theme/static into the site, so /admin/ loads nothing from anywhere else
$(DECAP_JS): $(THEME)/node_modules/.installed
	rm -rf $(DECAP_DIR) && mkdir -p $(DECAP_DIR)
	cp $(THEME)/node_modules/decap-cms/dist/[0-9]*.decap-cms.js $(THEME)/node_modules/decap-cms/dist/decap-cms.js.LICENSE.txt $(DECAP_DIR)/
	cp $(THEME)/node_modules/decap-cms/dist/decap-cms.js $@

setup: $(DECAP_JS)

# edit $(INPUTDIR) in the browser: Decap's local backend (decap-server, port $(CMS_PORT))
# writes what you save into it; the devserver rebuilds and serves http://localhost:$(PORT)/admin/
cms: setup
	$(RUN) -m directory.commands.cms $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) -b $(SERVER) --backend-port $(CMS_PORT)

# --- what a change does to the directory (make diff BASE=main) ---------------------

.PHONY: diff

# make diff BASE=main (or HEAD~1, a tag, a commit id): the change from BASE to the
# working tree's $(INPUTDIR), in words, as Markdown (a pull request's job summary);
# BASE reaches the command through the environment as written, so no quote or
# dollar in it can break the line
diff: export DIFF_BASE = $(value BASE)
diff: $(VENV)/.installed
	@test -n "$$DIFF_BASE" || { echo 'Give the commit to compare with: make diff BASE=main (a branch, a tag, HEAD~1 or a commit id)' >&2; exit 2; }
	@$(RUN) -m directory.commands.diff --base "$$DIFF_BASE" $(INPUTDIR) -s $(CONFFILE)

# --- a new council's own directory repository (README: Adopting) ----------------------

.PHONY: new-council

# make new-council DIR=../our-directory [NAME=… SITE_NAME=… URL=… EMAIL=… COLOUR=…
# REPOSITORY=… MAINTAINERS="@a @b" LOGO=file SHARE_IMAGE=file]: what is not given is
# asked for; the values reach the command through the environment as written
new-council: export NC_DIR = $(value DIR)
new-council: export NC_NAME = $(value NAME)
new-council: export NC_SITE_NAME = $(value SITE_NAME)
new-council: export NC_URL = $(value URL)
new-council: export NC_EMAIL = $(value EMAIL)
new-council: export NC_COLOUR = $(value COLOUR)
new-council: export NC_REPOSITORY = $(value REPOSITORY)
new-council: export NC_MAINTAINERS = $(value MAINTAINERS)
new-council: export NC_LOGO = $(value LOGO)
new-council: export NC_SHARE_IMAGE = $(value SHARE_IMAGE)
new-council: $(VENV)/.installed
	@test -n "$$NC_DIR" || { echo 'Name the new repository'"'"'s folder: make new-council DIR=../our-directory' >&2; exit 2; }
	@$(RUN) -m directory.commands.new_council "$$NC_DIR" --council-name "$$NC_NAME" --site-name "$$NC_SITE_NAME" \
	  --site-url "$$NC_URL" --contact-email "$$NC_EMAIL" --brand-colour "$$NC_COLOUR" \
	  --repository-url "$$NC_REPOSITORY" --maintainers "$$NC_MAINTAINERS" \
	  $${NC_LOGO:+--logo "$$NC_LOGO"} $${NC_SHARE_IMAGE:+--share-image "$$NC_SHARE_IMAGE"} $(if $(SOFTWARE_URL),--software-url "$(SOFTWARE_URL)")
