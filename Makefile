# Two commands a fresh machine needs: `make run` and `make test` (python3 and make only).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
YEARS ?= 2
SEED ?= 7

.PHONY: run test setup migrate demo serve lint typecheck format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

migrate: setup
	$(BIN)/python manage.py migrate --noinput

run: migrate
	@echo "Stridewise is starting on http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Both cores: each worker gets its own test database (and its own browser).
test: setup
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

demo: migrate
	$(BIN)/python manage.py seed_demo --user demo --years $(YEARS) --seed $(SEED)

# Production mode. Every step runs with DEBUG off, as the server does: collectstatic
# under DEBUG would skip the manifest that the server then looks every file up in.
serve: export DEBUG = false
serve: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput >/dev/null
	@echo "Stridewise (production mode) on $(HOST):$(PORT), $${WEB_CONCURRENCY:-3} workers;" \
		"it expects HTTPS in front (README, Deployment)"
	$(BIN)/gunicorn tracker.wsgi:application --bind $(HOST):$(PORT) \
		--workers $${WEB_CONCURRENCY:-3} --access-logfile -

lint: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

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

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
