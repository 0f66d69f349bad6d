#!/usr/bin/env bash
# Set up and run the full test suite on a fresh Debian/Ubuntu machine:
# system packages (Qt libraries, PostgreSQL server), the virtual environment, static
# checks, the sdist and wheel installed into a fresh virtual environment (the end-to-end
# tests run its commands, not the checkout), then pytest against SQLite files and a
# throwaway PostgreSQL server on loopback.
#   bash scripts/test.sh [extra pytest arguments]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

# chromium + chromium-driver: the online booking page is filled in by a real browser.
# systemd: systemd-analyze verifies the gateway's unit (packaging/gateway/).
install_system_packages $QT_PACKAGES postgresql chromium chromium-driver systemd
setup_python "[dev]"

echo "== static checks"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
"$VENV/bin/lint-imports" --no-cache
"$VENV/bin/mypy"
"$VENV/bin/python" scripts/translations.py check

echo "== what users install: sdist, wheel, a fresh virtual environment"
DIST_DIR=$(mktemp -d /tmp/desk-app-dist.XXXXXX)
PG_DIR=$(mktemp -d /tmp/desk-app-pg.XXXXXX)
trap 'bash "$ROOT/scripts/test-postgres.sh" stop "$PG_DIR"; rm -rf "$DIST_DIR"' EXIT
DESK_E2E_BIN=$("$VENV/bin/python" scripts/build_dist.py "$DIST_DIR")
export DESK_E2E_BIN
echo "end-to-end tests run $DESK_E2E_BIN/desk-app and desk-gateway"

echo "== PostgreSQL for the tests"
PG_PORT=${DESK_APP_TEST_PG_PORT:-$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
export DESK_APP_TEST_POSTGRES_URL=$(bash "$ROOT/scripts/test-postgres.sh" start "$PG_DIR" "$PG_PORT")
export DESK_APP_REQUIRE_POSTGRES=1
# Installed above: the browser tests must run, not skip.
export DESK_APP_REQUIRE_BROWSER=1
echo "PostgreSQL running on 127.0.0.1:$PG_PORT"

echo "== tests"
# Two workers: the machines have two cores. Pass -n 0 to run in one process. worksteal:
# a worker that runs out takes tests queued for the other, so a long test near the end
# does not leave one core idle.
"$VENV/bin/python" -m pytest -n 2 --dist worksteal "$@"
