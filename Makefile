# Two commands a fresh machine needs: `make run` and `make test` (python3 and make only).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
YEARS ?= 2
SEED ?= 7

.PHONY: run test setup migrate demo serve lint typecheck format bench clean messages compilemessages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The compiled catalogues (.mo) are built here, never committed: every target that
# serves pages or runs the tests goes through setup. Pure Python (polib), no msgfmt.
setup: $(STAMP)
	$(BIN)/python manage.py compile_catalogues

compilemessages: setup

# Refreshes tracker/locale/*/LC_MESSAGES/django.po from the marked strings (templates,
# Python, advice's N_ markers). Needs GNU gettext (xgettext); translate the new
# entries, then `make compilemessages`. Obsolete entries are dropped.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l ru --no-obsolete --no-location --ignore '.venv/*' \
		--ignore 'tests/*' --ignore 'bench/*'

migrate: setup
	$(BIN)/python manage.py migrate --noinput

# Local development: DEBUG on (tracebacks, static files from the app folders); the
# web server and a task worker (imports run there), started and stopped together.
run: export DEBUG = true
run: migrate
	@echo "Stridewise is starting on http://$(HOST):$(PORT)/ with a task worker  (Ctrl+C stops both)"
	$(BIN)/python -m tracker.with_worker $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Both cores: each worker gets its own test database (and its own browser).
test: setup
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

# The demo runner is "demo", or USER=name given on the command line (the shell's own
# USER, the login name, is not used). An existing runner is left alone: REPLACE=1
# replaces their log.
DEMO_USER := demo
ifeq ($(origin USER),command line)
DEMO_USER := $(USER)
endif

demo: migrate
	$(BIN)/python manage.py seed_demo --user $(DEMO_USER) --years $(YEARS) --seed $(SEED) \
		--site http://$(HOST):$(PORT) $(if $(filter 1 yes true,$(REPLACE)),--replace)

# Production mode. Every step runs with DEBUG off, as the server does: collectstatic
# under DEBUG would skip the manifest that the server then looks every file up in.
serve: export DEBUG = false
serve: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput >/dev/null
	@echo "Stridewise (production mode) on $(HOST):$(PORT), $${WEB_CONCURRENCY:-3} web workers" \
		"and a task worker; it expects HTTPS in front (README, Deployment)"
	$(BIN)/python -m tracker.with_worker $(BIN)/gunicorn tracker.wsgi:application \
		--bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile -

lint: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

# mypy with django-stubs; advice/ is held to --strict (pyproject.toml).
typecheck: setup
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python bench/advice.py
	$(BIN)/python bench/advice_trust.py
	$(BIN)/python bench/dashboard.py
	$(BIN)/python bench/imports.py
	$(BIN)/python bench/import_budgets.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
