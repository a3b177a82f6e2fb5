# Beteiligungsportal – `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for `make test` (0 runs in one process).
TEST_WORKERS ?= 2

.PHONY: help
help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

$(PY):
	@scripts/find-python.sh >/dev/null
	$$(scripts/find-python.sh) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml requirements.lock
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	@touch $@

.PHONY: install
install: $(VENV)/.installed ## Create the virtual environment and install (pinned by requirements.lock)

.PHONY: lock
lock: $(PY) ## Re-resolve dependencies and rewrite requirements.lock
	$(PY) -m pip install --quiet --upgrade -e ".[dev]"
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e ' > requirements.lock

.PHONY: messages
messages: install ## Compile translations (locale/*/LC_MESSAGES/django.mo)
	$(MANAGE) compilemessages --ignore "$(VENV)" -v 0

.PHONY: run
run: install messages ## Set up SQLite, load demo content and serve on http://127.0.0.1:8000 (HOST, PORT)
	$(MANAGE) migrate --no-input -v 0
	WAGTAILADMIN_BASE_URL=$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)} $(MANAGE) load_demo_content
	WAGTAILADMIN_BASE_URL=$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)} $(MANAGE) runserver $(HOST):$(PORT)

.PHONY: test
test: install messages ## Run the whole test suite against PostgreSQL (browser tests in Chromium)
	@$(PY) scripts/check_test_services.py
	@scripts/install-browser.sh >/dev/null
	TEST_WORKERS=$(TEST_WORKERS) PYTEST=$(BIN)/pytest scripts/run-tests.sh $(PYTEST_ARGS)

.PHONY: lint
lint: install ## ruff check, ruff format --check, import contracts, migrations and system checks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check

.PHONY: format
format: install ## Format and autofix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

.PHONY: makemessages
makemessages: install ## Update the German and English message catalogues
	$(MANAGE) makemessages -l de -l en --ignore "$(VENV)/*" --ignore "build/*" --no-obsolete --add-location file

.PHONY: clean
clean: ## Remove the virtual environment, SQLite database and generated media
	rm -rf $(VENV) db.sqlite3 media .test-media staticfiles

# --- polls: ballot benchmark (not part of the test suite) ---
.PHONY: bench-votes
bench-votes: install ## Benchmark ballots under gunicorn + PostgreSQL; prints one summary line
	@$(PY) scripts/check_test_services.py
	$(PY) bench/votes/run.py $(BENCH_ARGS)

# --- comments: thread benchmark (not part of the test suite) ---
.PHONY: bench-comments
bench-comments: install ## Benchmark a 10,000-comment thread under gunicorn (HTML, API first/deep page)
	@$(PY) scripts/check_test_services.py
	$(PY) bench/comments/run.py $(BENCH_ARGS)
	$(PY) bench/comments/run.py --no-cache $(BENCH_ARGS)

# --- figures: the city dashboard over 1M comments and 2M ballots (not part of the test suite) ---
.PHONY: bench-figures
bench-figures: install ## Benchmark the figures dashboard (500 projects, 1M comments, 2M ballots)
	@$(PY) scripts/check_test_services.py
	$(PY) bench/figures/run.py $(BENCH_ARGS)

# --- proposals: the listing of 20,000 proposals with 200,000 supports (not part of the test suite) ---
.PHONY: bench-proposals
bench-proposals: install ## Benchmark the proposals listing (every order x filter, first and deep page) and 1,000 concurrent supports
	@$(PY) scripts/check_test_services.py
	$(PY) bench/proposals/run.py $(BENCH_ARGS)

# --- newsletters: queue one newsletter for 100,000 recipients (not part of the test suite) ---
.PHONY: bench-newsletters
bench-newsletters: install ## Benchmark queueing a newsletter for 100,000 recipients (rows/s, peak memory)
	@$(PY) scripts/check_test_services.py
	$(PY) bench/newsletters/run.py $(BENCH_ARGS)

# --- notifications: fan-out to 100,000 followers and sending through a local SMTP sink ---
.PHONY: bench-notifications
bench-notifications: install ## Fan out one event to N followers (default 10,000) and send every mail through aiosmtpd
	@$(PY) scripts/check_test_services.py
	$(PY) bench/notifications/run.py $(BENCH_ARGS)

# --- search: a million contributions, portal search vs Wagtail's stock backend ---
.PHONY: bench-search
bench-search: install ## Benchmark search on 1M synthetic contributions (own tuned PostgreSQL; root)
	$(PY) bench/search/run.py all --own-server $(BENCH_ARGS)

# --- search: the German relevance set (recall@10 per phenomenon and backend) ---
.PHONY: search-quality
search-quality: install ## Run the German relevance set on every search backend and print the tables
	@$(PY) scripts/check_test_services.py
	$(BIN)/pytest tests/search/test_relevance.py -p no:xdist -s -q $(PYTEST_ARGS)

# --- headless API: the committed OpenAPI contract ---
.PHONY: openapi-snapshot
openapi-snapshot: install ## Rewrite tests/api/openapi.snapshot.json after a deliberate API change
	$(PY) -m portal.api.snapshot

# --- visual regression: the reference screenshots the browser tests compare with ---
.PHONY: update-screenshots
update-screenshots: install messages ## Rewrite the visual references (tests/browser/visual/reference/) after a deliberate change
	@$(PY) scripts/check_test_services.py
	@scripts/install-browser.sh >/dev/null
	UPDATE_SCREENSHOTS=1 $(BIN)/pytest tests/browser/visual/test_visual_regression.py -p no:xdist --reuse-db -q $(PYTEST_ARGS)
	@git status --short -- tests/browser/visual/reference/ 2>/dev/null || true

# --- operations: backups (README "Backups and restore") ---
.PHONY: backup
backup: install ## Back up database and media into BACKUP_ROOT/<timestamp>/ (manage.py backup)
	$(MANAGE) backup $(BACKUP_ARGS)

.PHONY: restore
restore: install ## Restore BACKUP=<dir> into an empty database and MEDIA_ROOT, then verify
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/<timestamp>"; exit 2; }
	$(MANAGE) restore "$(BACKUP)" $(RESTORE_ARGS)

# --- resilience: storms under faults (not part of the test suite) ---
.PHONY: bench-faults
bench-faults: install ## Ballot and comment storms while DB connections, a worker and Redis fail
	@$(PY) scripts/check_test_services.py
	$(PY) bench/faults/run.py $(BENCH_ARGS)

# --- pages: page speed, cache off and on, anonymous and signed in (not part of the test suite) ---
.PHONY: bench-pages
bench-pages: install ## Page speed on the demo content: cache off/on, anonymous/signed in, Varnish, ballots; one table
	@$(PY) scripts/check_test_services.py
	$(PY) bench/pages/run.py $(BENCH_ARGS)
