# Shared set-up steps for scripts/run-demo.sh and scripts/test.sh (sourced, not run).
# Installs what a fresh Debian/Ubuntu machine lacks: system libraries for Qt, a Python
# virtual environment with the project (its compiled translations are committed).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${DESK_APP_VENV:-$ROOT/.venv}

# Libraries Qt needs even offscreen, plus fonts (without any font every glyph is a box;
# the visual check's references, tests/visual/references, are drawn in DejaVu Sans).
QT_PACKAGES="libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 fonts-dejavu-core"
# Extra libraries for a real window on X11.
QT_WINDOW_PACKAGES="libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-xinerama0 libxcb-xkb1"

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root rights to install system packages: $*" >&2; return 1; fi
}

install_system_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    echo "Installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Python 3.11 or newer is needed" >&2; return 1
}

setup_python() {  # $1: pip extras, e.g. "[dev]" or ""
  local python; python=$(find_python)
  if [[ ! -x $VENV/bin/python ]]; then
    "$python" -m venv "$VENV" 2>/dev/null || {
      install_system_packages python3-venv && rm -rf "$VENV" && "$python" -m venv "$VENV"; }
  fi
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e "$ROOT$1"
}
