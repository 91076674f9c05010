"""The log file in the data directory: every unexpected error with its traceback (issue 14).

``setup(root)`` (the CLI's ``main`` for every command and the desktop app; ``hub serve`` in its own data
directory) sends the log to ``<root>/logs/fever-sentinel.log``: UTF-8, rotated at 2 MB, five old files
kept (``.1`` … ``.5``), owner-only (app/files.py: the folder 0700, the files 0600, rotated ones too).
``install_hooks()`` adds uncaught exceptions of the main thread and of worker threads; the GUI adds Qt's
warnings (ui/app.py) and its runner's unexpected errors (ui/ops.py ``report_error``) log with
``exc_info``. What is logged: codes, counts, paths and tracebacks — never a patient's name or ID number
(the services' errors carry codes and field names, not values).

Logging must never stop the app: a full disk, a removed folder or a read-only file loses log lines,
never raises (``_SafeHandler.handleError``); a log folder that cannot be made leaves the app running
without a file (``setup`` returns None) and says so once on stderr.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
import zipfile
from pathlib import Path
from types import TracebackType
from typing import Any

from app import files
from app.disk_full import disk_full_as_error

LOG_DIR = "logs"
LOG_NAME = "fever-sentinel.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s [%(process)d %(threadName)s] %(name)s: %(message)s"

_current: Path | None = None
_handler: logging.Handler | None = None


def log_dir(root: Path) -> Path:
    return Path(root) / LOG_DIR


def current_path() -> Path | None:
    """The file this process logs to (for the error dialog and the maintenance page); None before set-up."""
    return _current


class _SafeHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler that never raises and keeps every file owner-only."""

    dropped = 0

    def _open(self) -> Any:
        files.create_private(self.baseFilename)  # 0600 before the first line, whatever the umask
        return super()._open()

    def doRollover(self) -> None:  # noqa: N802 - logging's name
        super().doRollover()
        for i in range(1, self.backupCount + 1):
            files.tighten(f"{self.baseFilename}.{i}")

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        """A line that cannot be written (full disk, folder gone) is dropped, not printed as a traceback."""
        type(self).dropped += 1
        if self.stream is not None:
            try:
                self.stream.close()
            except OSError:
                pass
            self.stream = None  # reopened at the next line (delay-style)


def setup(root: Path, *, level: int = logging.INFO) -> Path | None:
    """Log to ``<root>/logs/fever-sentinel.log`` from now on (once per process; calling again with another
    root moves the log there). Returns the file, or None when the folder cannot be made."""
    global _current, _handler
    path = log_dir(root) / LOG_NAME
    if _handler is not None and _current == path:
        return path
    try:
        files.private_dir(path.parent)
        handler: logging.Handler = _SafeHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8",
                                                delay=True)
    except OSError as exc:
        print(f"warning: no log file ({path.parent}: {exc.strerror or exc})", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    root_logger = logging.getLogger()
    if _handler is not None:
        root_logger.removeHandler(_handler)
        _handler.close()
    root_logger.addHandler(handler)
    if root_logger.level == logging.NOTSET or root_logger.level > level:
        root_logger.setLevel(level)
    _handler, _current = handler, path
    return path


def shutdown() -> None:
    """Stop logging to the file (tests; a process that moves its data directory)."""
    global _current, _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
    _handler = _current = None


def fallback_root() -> Path:
    """Where the log goes when there is no data directory to put it in (a command given a --data-dir
    that does not exist): a folder of this account's own in the temporary directory."""
    import getpass
    import tempfile

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        user = "user"
    return Path(tempfile.gettempdir()) / f"fever-sentinel-{user}"


def log_unexpected(message: str, exc: BaseException) -> None:
    """An unexpected error with its traceback, to the log file — set up in ``fallback_root()`` when there
    is none yet, so the traceback is kept, and never printed on the console instead."""
    if _handler is None:
        setup(fallback_root())
    logging.getLogger("fever_sentinel").error(message, exc_info=(type(exc), exc, exc.__traceback__))


def install_hooks() -> None:
    """Uncaught exceptions (main thread and threads) go to the log with their traceback, then on as before."""
    previous = sys.excepthook
    if getattr(previous, "_fever_sentinel", False):
        return

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            logging.getLogger("fever_sentinel").critical("uncaught exception", exc_info=(kind, exc, tb))
        previous(kind, exc, tb)

    hook._fever_sentinel = True  # type: ignore[attr-defined]
    sys.excepthook = hook
    previous_thread = threading.excepthook

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not SystemExit and args.exc_value is not None:
            logging.getLogger("fever_sentinel").critical(
                "uncaught exception in thread %s", getattr(args.thread, "name", "?"),
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        previous_thread(args)

    threading.excepthook = thread_hook


def log_files(root: Path) -> list[Path]:
    """The log files in ``root``'s log folder, newest first (the current file, then .1, .2 …)."""
    folder = log_dir(root)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and p.name.startswith(LOG_NAME)]
    return sorted(found, key=lambda p: (p.name != LOG_NAME, p.name))


def export(root: Path, destination: Path) -> Path:
    """Copy every log file into one zip (``destination``; ".zip" is added when missing), owner-only.

    For sending to whoever supports the clinic. Raises StorageError("disk_full") on a full disk; a half-
    written zip is removed."""
    destination = Path(destination)
    if destination.suffix.lower() != ".zip":
        destination = destination.with_name(destination.name + ".zip")
    if _handler is not None:
        _handler.flush()
    try:
        with disk_full_as_error(path=str(destination)):
            files.create_private(destination)
            with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for each in log_files(root):
                    archive.write(each, arcname=each.name)
    except BaseException:
        destination.unlink(missing_ok=True)
        raise
    return destination


def describe_location(root: Path) -> str:
    """The log file's path as shown to a person: the file this process writes, else where it would be."""
    return str(_current or (log_dir(root) / LOG_NAME))

