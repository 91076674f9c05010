#!/usr/bin/env bash
# Set up (idempotent) and start the desktop app on its embedded SQLite database.
# The first run opens a set-up wizard that can also create a demo clinic. Extra arguments go to
# fever-sentinel, e.g. scripts/start.sh --data-dir /tmp/fs-demo
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh app
exec .venv/bin/fever-sentinel "$@"
