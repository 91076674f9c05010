#!/usr/bin/env bash
# Build the one-folder bundle dist/FeverSentinel/ (FeverSentinel = the desktop app, fever-sentinel = the
# admin commands). Linux here; the Windows steps are the same three commands, see packaging/README.md.
# Installs PyInstaller into .venv for the build only (it is not a dependency of the app).
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
[ -x "$py" ] || bash scripts/setup.sh app
"$py" -m pip install -q --disable-pip-version-check "pyinstaller>=6.10,<7"
"$py" -m ui.i18n                      # .ts → .qm (the bundle carries only the compiled catalogues)
"$py" packaging/make_assets.py        # icon (.ico/.png) and the Windows version resource
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/fever_sentinel.spec
cp packaging/fever-sentinel.desktop build/packaging-assets/fever-sentinel.png dist/FeverSentinel/
echo "build: $(du -sh dist/FeverSentinel | cut -f1) in dist/FeverSentinel"
