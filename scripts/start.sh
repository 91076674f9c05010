#!/usr/bin/env bash
# Start the desktop app on its embedded SQLite database — offline once set up (issue 14).
# Set-up (scripts/setup.sh: system libraries, .venv, pip install) runs only when .venv is missing or
# pyproject.toml changed since the last set-up (its SHA-256 is kept in .venv/.setup-stamp); otherwise
# nothing here touches the network. Translations changed since they were compiled are recompiled (offline).
# The first run opens a set-up wizard that can also create a demo clinic. Extra arguments go to
# fever-sentinel, e.g. scripts/start.sh --data-dir /tmp/fs-demo
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=.venv/.setup-stamp
wanted="$(sha256sum pyproject.toml | cut -c1-64)"
if [ -x .venv/bin/fever-sentinel ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  for ts in resources/translations/*.ts; do
    if [ ! -f "${ts%.ts}.qm" ] || [ "$ts" -nt "${ts%.ts}.qm" ]; then
      .venv/bin/python -m ui.i18n >/dev/null
      break
    fi
  done
else
  bash scripts/setup.sh app
fi
exec .venv/bin/fever-sentinel "$@"
