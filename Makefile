# IOP-registret. A newcomer needs two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip

.PHONY: run serve test test-deep lint format check-python install install-dev lock browser messages clean bench bench-smoke bench-national rehearse

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
	  echo "IOP-registret needs Python 3.12 or newer (Django 6); '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.13 (the repo's .python-version) or run: make PYTHON=python3.13 ..."; exit 1; }

$(PY): | check-python
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# requirements.txt and requirements-dev.txt are locks made by `make lock` from the .in files: every
# package of the closure pinned with its hashes, so pip installs exactly what was tested, or
# nothing (--require-hashes refuses a file that differs from the one locked, or a package that
# is not in the lock). requirements-dev.txt holds the runtime closure too.
$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet --require-hashes -r requirements-dev.txt
	touch $@ $(VENV)/.installed

# Regenerate the locks after changing a pin in requirements.in or requirements-dev.in: pip-tools,
# in its own virtualenv (.venv-lock) so the lock never holds the tool. It keeps every other pin
# that still fits; `make lock UPGRADE=1` moves the unpinned (transitive) packages to their newest
# releases. Run it with Python 3.13 on Linux x86_64, the target: the closure depends on both.
LOCK_VENV    := .venv-lock
PIP_TOOLS    := pip-tools==7.7.0
LOCK_OPTIONS := --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links \
                --no-emit-trusted-host $(if $(UPGRADE),--upgrade)
$(LOCK_VENV)/bin/pip-compile: | check-python
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet $(PIP_TOOLS)

lock: $(LOCK_VENV)/bin/pip-compile
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile $(LOCK_OPTIONS) -o requirements.txt requirements.in
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile $(LOCK_OPTIONS) -o requirements-dev.txt requirements-dev.in
	@# One line a package, its hashes beside its pin (pip reads either form): a reader, or a
	@# check that reads line by line, sees every line pinned.
	sed -i -e ':a' -e '/\\$$/N; s/ *\\\n */ /; ta' requirements.txt requirements-dev.txt

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# System packages the tests need: Debian's Chromium for the browser tests (Playwright's own
# browser download does not work here), GNU gettext for the translation check, Pango for WeasyPrint.
browser:
	@missing=""; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	command -v xgettext >/dev/null || missing="$$missing gettext"; \
	ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi

run: install
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(PY) manage.py load_demo
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:$${PORT:-8000}

# Production mode on this machine (README, Production): gunicorn on 127.0.0.1:8000 and a task
# worker, started again 5 s after it exits, as systemd's Restart=always does in production
# (it outlives a database restart by itself: operations/worker.py), settings from the environment (or .env). Without a SECRET_KEY one is made and kept in
# .env. Plain HTTP here, so no redirect to HTTPS unless SECURE_SSL_REDIRECT=1 is given (behind
# the TLS proxy it is on, as the README says). With the application role that owns no tables as
# DATABASE_URL (README, "The database role without table ownership"), `migrate` cannot create
# them: give the owner's URL as MIGRATE_DATABASE_URL, used for `migrate` alone.
serve: install
	@test -n "$$SECRET_KEY" || grep -qs '^SECRET_KEY=' .env || { \
	  echo "SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" >> .env; \
	  echo "No SECRET_KEY given: wrote a new one to .env (every server of one installation needs the same)."; }
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} SECURE_COOKIES=$${SECURE_COOKIES:-0} $(PY) manage.py collectstatic --noinput -v0
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} SECURE_COOKIES=$${SECURE_COOKIES:-0} \
	  env $${MIGRATE_DATABASE_URL:+DATABASE_URL="$$MIGRATE_DATABASE_URL"} $(PY) manage.py migrate --noinput
	@export SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} SECURE_COOKIES=$${SECURE_COOKIES:-0}; \
	( trap 'kill $$child 2>/dev/null; wait $$child 2>/dev/null; exit 0' INT TERM; \
	  while :; do \
	    $(PY) manage.py run_worker --no-reload & child=$$!; wait $$child; \
	    echo '{"level": "WARNING", "name": "make serve", "message": "The task worker exited; starting it again in 5 s"}' >&2; \
	    sleep 5; \
	  done ) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn -c gunicorn.conf.py

# The suite runs on every core, at most 8 (pytest-xdist; each worker has its own test database
# and Redis database). xdist's default distribution keeps each worker's tests in pytest-django's
# order, transactional tests after the others; `--dist worksteal` does not, and a database test
# run after a transactional one finds the migrations' rows flushed. `make test TEST_WORKERS=0`
# runs it in one process; a single file is quicker without workers: `.venv/bin/pytest path/to/test_x.py`.
TEST_WORKERS ?= auto
# Bytecode is kept for the tests even where the environment says not to write it
# (PYTHONDONTWRITEBYTECODE=1 on these machines): every worker and every server a test starts
# would otherwise compile the project and rewrite the test modules again, about 5 s each.
test: export PYTHONDONTWRITEBYTECODE :=
test: install-dev browser lint
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run >/dev/null || { echo "Models changed without a migration."; exit 1; }
	$(PY) -m pytest -n $(TEST_WORKERS) --maxprocesses 8

# The two crash guards at full budget on both databases, nightly-style (README, Development):
# tests/test_every_form.py at 300 examples a form and tests/test_no_server_errors.py with every
# input, first on PostgreSQL (DEEP_DATABASE_URL), then on SQLite. `make test` (and .ci/run) runs
# them at CI's budget: in full where each finds most, reduced on the other database. CI is unset
# so that hypothesis draws new examples each night instead of CI's fixed ones; a failing example
# is printed and kept in .hypothesis/, so the next run tries it first.
DEEP_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/iop_registry
DEEP_FORM_EXAMPLES ?= 300
GUARDS := tests/test_every_form.py tests/test_no_server_errors.py
test-deep: export PYTHONDONTWRITEBYTECODE :=
test-deep: install-dev browser
	env -u CI DATABASE_URL=$(DEEP_DATABASE_URL) FORM_EXAMPLES=$(DEEP_FORM_EXAMPLES) ABSURD_INPUTS=all \
	  $(PY) -m pytest -n $(TEST_WORKERS) --maxprocesses 8 $(GUARDS)
	env -u CI -u DATABASE_URL FORM_EXAMPLES=$(DEEP_FORM_EXAMPLES) ABSURD_INPUTS=all \
	  $(PY) -m pytest -n $(TEST_WORKERS) --maxprocesses 8 $(GUARDS)

# ruff (ruff.toml): lint rules E, F, I, B, DJ, UP and the formatter; `make format` applies both.
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# After changing UI text: collect it, translate in locale/sv/LC_MESSAGES/django.po, compile.
messages: install-dev
	DEBUG=1 $(PY) manage.py makemessages -l sv --no-location --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=static/vendor
	DEBUG=1 $(PY) manage.py compilemessages -l sv --ignore=.venv

clean:
	rm -rf $(VENV) $(LOCK_VENV) staticfiles .pytest_cache

# Benchmarks (bench/README.md): `make bench` measures every target of issues 10 and 22 on PostgreSQL
# (BENCH_DATABASE_URL, a database it drops and recreates); `make bench-smoke` runs every step at
# tiny sizes on a throwaway SQLite file, for CI. Neither asserts a timing.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/iop_bench
bench: install-dev
	$(PY) bench/run.py --database-url $(BENCH_DATABASE_URL)

bench-smoke: install-dev
	$(PY) bench/run.py --smoke

# Issue 22's national scale: 6,000 agreements, 180,000 participants, 600,000 placements and
# 10 million access-log rows (COPY, then ANALYZE), every page's p50/p95 and queries, gallra,
# backup and restore. A database of its own; BENCH_FRACTION=0.01 tries it at a hundredth.
BENCH_NATIONAL_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/iop_bench_national
BENCH_FRACTION ?= 1
bench-national: install-dev
	$(PY) bench/run.py --national --fraction $(BENCH_FRACTION) --database-url $(BENCH_NATIONAL_DATABASE_URL)

# The production rehearsal (README, Production; deploy/rehearsal/rehearse.py): the Production
# section run as written on 127.0.0.1 and free ports (a PostgreSQL cluster of its own with the two
# roles, Redis, S3 (moto), an SMTP sink, the OpenID mock, two gunicorns, the worker, Debian's
# nginx with deploy/nginx.conf), then faults, each a PASS/FAIL line; everything stopped at the end.
# Needs Debian's nginx, redis-server and PostgreSQL server binaries (installed here if missing).
rehearse: install-dev
	@missing=""; \
	command -v nginx >/dev/null || test -x /usr/sbin/nginx || missing="$$missing nginx"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi
	PATH="$$PATH:/usr/sbin" $(PY) deploy/rehearsal/rehearse.py
