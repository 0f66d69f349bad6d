#!/usr/bin/env bash
# Set up and start Salon Desk on the embedded default: a SQLite file in the user data
# directory, filled with a demo salon on first start, and a local demo gateway whose
# messages stay on this computer (mailbox page link in the status bar).
#   bash scripts/run-demo.sh            # start the window
#   DESK_APP_DATABASE_URL=... bash scripts/run-demo.sh   # another database
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_system_packages $QT_PACKAGES $QT_WINDOW_PACKAGES
setup_python ""
"$VENV/bin/desk-app" demo-data --if-empty
exec "$VENV/bin/desk-app" --demo-gateway "$@"
