#!/usr/bin/env bash
# Set up (idempotent) and run the whole test suite offscreen, including the data-layer tests on a
# real PostgreSQL server started here (skipped with a visible reason when PostgreSQL is missing).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test

# types (issue 15): mypy over app/ and ui/ with pyproject.toml's [tool.mypy], before the tests; any error fails the run
echo "test: checking types (mypy over app/ and ui/)"
if ! .venv/bin/python -m mypy; then
  echo "test: FAILED: mypy found type errors in app/ or ui/ (listed above); the tests were not run"
  exit 1
fi

export QT_QPA_PLATFORM=offscreen
on_exit=()  # clean-up commands for the throw-away servers started below, run in reverse on exit
trap 'for ((i=${#on_exit[@]}-1; i>=0; i--)); do eval "${on_exit[i]}"; done' EXIT

# the hub's log-in page is tested in a real headless Chromium (Debian's package; Playwright drives it, it never
# downloads a browser): setup.sh installs it as root; otherwise try here, and say so when it cannot be had
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium \
      >/dev/null) || echo "test: chromium could not be installed; the browser tests will be skipped"
  else
    echo "test: no chromium (install Debian's chromium); the browser tests will be skipped"
  fi
fi

if [ -z "${FEVER_SENTINEL_TEST_PG_URL:-}" ]; then
  pg_dir=$(mktemp -d /tmp/fs-pg.XXXXXX)
  port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  if url=$(bash scripts/pg-test-server.sh start "$pg_dir" "$port"); then
    export FEVER_SENTINEL_TEST_PG_URL="$url"
    on_exit+=("bash scripts/pg-test-server.sh stop '$pg_dir'")
    echo "test: PostgreSQL at $url"
  else
    echo "test: no PostgreSQL server; its tests will be skipped"
  fi
fi

# printing (issue 14): a private CUPS server with a cups-pdf queue (FS-PDF); tests/ui/test_real_printing.py prints
# the slips, the permit card and the A4 form through QPrinter to it. Needs root (cups-pdf is a root-only backend).
if [ -z "${FEVER_SENTINEL_TEST_CUPS_SERVER:-}" ]; then
  cups_dir=$(mktemp -d /tmp/fs-cups.XXXXXX)
  if cups=$(bash scripts/cups-test-queue.sh start "$cups_dir"); then
    read -r cups_socket cups_out _cups_queue <<<"$cups"
    export FEVER_SENTINEL_TEST_CUPS_SERVER="$cups_socket" FEVER_SENTINEL_TEST_CUPS_OUT="$cups_out"
    on_exit+=("bash scripts/cups-test-queue.sh stop '$cups_dir'")
    echo "test: CUPS test queue FS-PDF at $cups_socket"
  else
    bash scripts/cups-test-queue.sh stop "$cups_dir"
    echo "test: no CUPS test queue (see the line above); the real-printing tests will be skipped"
  fi
fi

.venv/bin/python -m pytest "$@"

# ----- packaging (issue 8): build the Linux bundle, run its self-test offscreen, measure its start-up -----
# Installs PyInstaller into .venv for this step only; any failure (build, self-test, bench) fails the run.
echo "test: building the bundle with packaging/build.sh"
bash packaging/build.sh
dist/FeverSentinel/fever-sentinel --data-dir "$(mktemp -d /tmp/fs-selftest-home.XXXXXX)" self-test
.venv/bin/python packaging/size_report.py dist/FeverSentinel
.venv/bin/python -m pytest tests/bench/test_bench_startup.py -s -q
