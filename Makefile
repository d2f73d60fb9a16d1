# Two commands do all set-up on a fresh machine: `make run` and `make test`.
# The first Python 3.11 or newer on PATH builds .venv (Django 5.2 and our pins need it);
# a .venv made by an older Python is rebuilt. Set PYTHON=/path/to/python to choose.
PYTHON ?= $(shell for candidate in python3.11 python3.12 python3.13 python3.14 python3; do \
	command -v $$candidate >/dev/null 2>&1 && \
	$$candidate -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && \
	{ echo $$candidate; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# The local demo runs with DEBUG on; production never sets it (settings fail closed).
DEMO_ENV := DEBUG=1

ifneq ($(wildcard $(BIN)/python),)
ifneq ($(shell $(BIN)/python -c 'import sys; print(sys.version_info >= (3, 11))' 2>/dev/null),True)
$(info $(VENV) was made by a Python older than 3.11 (or is broken); rebuilding it.)
$(shell rm -rf $(VENV))
endif
endif

.PHONY: run reset demo test lint bench score

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "make: needs Python 3.11 or newer (python3.11, python3.12, ...)" \
		"on PATH; none was found. Install one (e.g. apt-get install python3.11 python3.11-venv)" \
		"or run: make PYTHON=/path/to/python3.11 ..." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

demo: $(VENV)/.installed
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py ingest seeds/
	$(DEMO_ENV) $(BIN)/python manage.py demo_users

run: demo
	$(DEMO_ENV) $(BIN)/python manage.py runserver $(HOST)

# Back to a fresh demo: the SQLite file is deleted and rebuilt (new demo passwords).
reset: $(VENV)/.installed
	@test -z "$(DATABASE_URL)" || { echo "make reset rebuilds the local SQLite demo only;" \
		"for $(DATABASE_URL) drop and create the database, then run make demo." >&2; exit 1; }
	rm -f db.sqlite3
	$(MAKE) demo

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# On SQLite the suite runs in 2 processes (pytest-xdist, a test file at a time each), which
# keeps both cores busy for ~5% more CPU (README "Tests"). On PostgreSQL it runs in one: some
# of its tests restart the server or count its connections, which a second would disturb.
TEST_WORKERS ?= $(if $(filter postgres%,$(DATABASE_URL)),0,2)

test: lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

score: $(VENV)/.installed
	$(BIN)/python -m tests.extraction_score

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py
