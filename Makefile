# Two commands do all the set-up on a fresh clone (see README):
#   make run   installs, migrates, loads the demo data, starts the background worker and serves
#   make test  installs and runs the whole suite (migrations check included)
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run serve test lint format messages lock bench bench-smoke clean

help:
	@echo "make run    - cài đặt, migrate, nạp dữ liệu mẫu, chạy worker và máy chủ tại http://$(HOST):$(PORT)"
	@echo "make test   - cài đặt và chạy toàn bộ bộ kiểm thử"
	@echo "make bench  - đo hiệu năng trên PostgreSQL với BENCH_N hồ sơ (mặc định 1.000.000), kết quả ở bench/results/"
	@echo "make lint   - ruff (lint + format check) and mypy on the services, selectors and permissions"
	@echo "make messages - cập nhật và biên dịch bản dịch tiếng Việt"
	@echo "make lock   - tạo lại requirements/*.txt (có hash) từ pyproject.toml"

$(STAMP): requirements/dev.txt
	@python=$$(scripts/find-python) || exit 1; \
	  if [ ! -x $(PY) ]; then echo "Tạo virtualenv bằng $$python"; "$$python" -m venv $(VENV) || exit 1; fi
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
	@touch $(STAMP)

install: $(STAMP)

# The demo server runs with DEBUG on unless told otherwise; production never uses make run.
run: export DJANGO_DEBUG ?= 1
run: install
	@mkdir -p var/static
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@HOST=$(HOST) PORT=$(PORT) PY=$(PY) scripts/serve

# The suite runs on every core (pytest-xdist); each worker gets its own test database.
test: install
	$(PY) manage.py makemigrations --check --dry-run --settings=config.settings.test
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

# The benchmark on the local PostgreSQL (issue 7): a fresh database, the national-scale data and
# every measurement, written to bench/results/. N nominations (a million by default; hours).
BENCH_N ?= 1000000
bench: install
	scripts/bench $(BENCH_N)

# The same at small sizes, as CI runs it.
bench-smoke: install
	scripts/bench --smoke

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	scripts/messages

lock:
	@python=$$(scripts/find-python) || exit 1; \
	  "$$python" -m venv var/lock-tools && var/lock-tools/bin/pip install --quiet pip-tools==7.6.2
	var/lock-tools/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements/prod.txt pyproject.toml
	var/lock-tools/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links --extra dev -o requirements/dev.txt pyproject.toml

clean:
	rm -rf $(VENV) var/*.sqlite3 var/media
