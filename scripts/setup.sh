#!/usr/bin/env bash
# Set up a workstation or CI machine from a fresh checkout: system libraries Qt needs (Debian/Ubuntu,
# when run as root), the project's own virtual environment in .venv, and compiled translations.
# Usage: scripts/setup.sh [app|test]   ("test" adds the test tools, PostgreSQL, poppler and CUPS with cups-pdf)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-app}"

qt_libs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
         libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
         libxcb-render-util0 libxcb-image0 libxcb-xkb1 libx11-xcb1)
test_pkgs=(postgresql poppler-utils xvfb chromium cups cups-client printer-driver-cups-pdf)  # cups-pdf: real printing

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  wanted=("${qt_libs[@]}")
  [ "$mode" = test ] && wanted+=("${test_pkgs[@]}")
  missing=()
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
elif ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: not a Debian/Ubuntu machine; install Qt's system libraries yourself if the app does not start"
else
  echo "setup: not root; skipping system packages (${qt_libs[*]})"
fi

python_bin="${PYTHON:-python3}"
"$python_bin" - <<'PY' || { echo "setup: Python 3.11 or newer is needed (set PYTHON=...)"; exit 1; }
import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY
if [ ! -x .venv/bin/python ]; then
  "$python_bin" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
if [ "$mode" = test ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
fi
.venv/bin/python -m ui.i18n
# scripts/start.sh starts offline, without running this again, while pyproject.toml keeps this hash
sha256sum pyproject.toml | cut -c1-64 > .venv/.setup-stamp
echo "setup: ready (.venv)"
