#!/usr/bin/env bash
# Set up and run the full test suite on a fresh Debian/Ubuntu machine:
# system packages (Qt libraries, PostgreSQL server), the virtual environment, static
# checks, the sdist and wheel installed into a fresh virtual environment (the end-to-end
# tests run its commands, not the checkout), then pytest against SQLite files and a
# throwaway PostgreSQL server on loopback; meanwhile the Linux desktop bundle is built
# from the same wheel and its self-test run outside any virtual environment.
#   bash scripts/test.sh [extra pytest arguments]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

# chromium + chromium-driver: the online booking page is filled in by a real browser.
# systemd: systemd-analyze verifies the gateway's unit (packaging/gateway/).
# binutils: PyInstaller reads and strips the libraries; the validators check the
# bundle's desktop entry and AppStream metadata; Qt's X11 libraries go into the bundle
# (without them the bundle would rely on the target PC having them).
install_system_packages $QT_PACKAGES $QT_WINDOW_PACKAGES postgresql chromium chromium-driver \
  systemd binutils desktop-file-utils appstream
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
BUNDLE_PID=
trap 'if [[ -n $BUNDLE_PID ]]; then kill -- -"$BUNDLE_PID" 2>/dev/null || true; fi; bash "$ROOT/scripts/test-postgres.sh" stop "$PG_DIR"; rm -rf "$DIST_DIR"' EXIT
DESK_E2E_BIN=$("$VENV/bin/python" scripts/build_dist.py "$DIST_DIR")
export DESK_E2E_BIN
echo "end-to-end tests run $DESK_E2E_BIN/desk-app and desk-gateway"

echo "== the Linux desktop bundle: built from that wheel and self-tested, beside the tests"
# About 100 s of CPU (venv, PyInstaller, the self-test): in the background beside the
# tests (its own process group, ended with the script), its result after them.
BUNDLE_LOG="$DIST_DIR/bundle.log"
setsid "$VENV/bin/python" scripts/build_bundle.py "$DIST_DIR/bundle" \
  --wheel "$(echo "$DIST_DIR"/from-sdist/*.whl)" >"$BUNDLE_LOG" 2>&1 &
BUNDLE_PID=$!

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
# --durations: the slowest tests in every run's log, to keep the CI run in its budget.
TESTS_STATUS=0
"$VENV/bin/python" -m pytest -n 2 --dist worksteal --durations=30 "$@" || TESTS_STATUS=$?

echo "== the Linux desktop bundle"
BUNDLE_WAIT=$SECONDS
BUNDLE_STATUS=0
wait "$BUNDLE_PID" || BUNDLE_STATUS=$?
BUNDLE_PID=
if ((BUNDLE_STATUS)); then
  grep -v "is ignored: it is neither" "$BUNDLE_LOG" || true  # all of it, but pip's noise
  echo "the desktop bundle FAILED (exit code $BUNDLE_STATUS)"
else
  grep -E "^(self-test|window ready|bundle |desktop-file-validate|appstreamcli)" "$BUNDLE_LOG" || true
fi
echo "waited $((SECONDS - BUNDLE_WAIT)) s for the bundle after the tests"
((TESTS_STATUS == 0 && BUNDLE_STATUS == 0))
