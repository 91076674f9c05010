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
cp build/packaging-assets/fever-sentinel.desktop build/packaging-assets/fever-sentinel.png dist/FeverSentinel/
echo "build: $(du -sh dist/FeverSentinel | cut -f1) in dist/FeverSentinel"
# The release archive and its checksum: one SHA-256 over the whole archive, in sha256sum's format
# ("<hex>  <name>"), so a clinic checks one value (Windows: certutil -hashfile NAME SHA256; docs/zh/install.md).
version=$("$py" -c "import app; print(app.__version__)")
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) platform=windows-x64 ;; *) platform="linux-$(uname -m)" ;; esac
release="FeverSentinel-$version-$platform"
rm -f "dist/$release.zip" "dist/$release.sha256"
"$py" -m zipfile -c "dist/$release.zip" dist/FeverSentinel
(cd dist && sha256sum "$release.zip" > "$release.sha256")
echo "release: dist/$release.zip ($(du -h "dist/$release.zip" | cut -f1)), checksum dist/$release.sha256"
