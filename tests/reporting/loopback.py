"""Test helpers: a real hub process on loopback, and a small HTTP proxy that loses answers."""

from __future__ import annotations

import os
import random
import socket
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class HubProcess:
    """``fever-sentinel hub serve`` in its own process, as the county runs it; with ``tls`` (certificate,
    key) over HTTPS, and ``ca`` is what this test process trusts to check that it is up."""

    def __init__(self, data_dir: Path, port: int | None = None, db_url: str | None = None, *,
                 tls: tuple[Path, Path] | None = None, ca: Path | None = None) -> None:
        self.data_dir, self.port = data_dir, port or free_port()
        self.tls, self.ca = tls, ca
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self.db_url = db_url or f"sqlite:///{data_dir / 'hub.sqlite3'}"
        self.proc: subprocess.Popen[bytes] | None = None
        self._viewer: httpx.Client | None = None

    def viewer(self) -> httpx.Client:
        """A client logged in as a county viewer (made on first use), for the dashboard, CSV and read API."""
        if self._viewer is None:
            from app.hub.store import open_hub
            from tests.reporting.hub_support import log_in, make_user

            db = open_hub(self.db_url)
            try:
                make_user(db, "county-viewer", "viewer")
            finally:
                db.dispose()
            self._viewer = self.client()
            assert log_in(self._viewer, self.url, "county-viewer").status_code == 303
        return self._viewer

    def client(self) -> httpx.Client:
        """A client that trusts the hub (the test's CA when it has one)."""
        return httpx.Client(verify=ssl.create_default_context(cafile=self.ca) if self.ca else True, timeout=5)

    def start(self) -> HubProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        tls = ["--tls-cert", str(self.tls[0]), "--tls-key", str(self.tls[1])] if self.tls else []
        self.proc = subprocess.Popen([sys.executable, "-m", "ui.launcher", "--data-dir", str(self.data_dir), "hub",
                                      "serve", "--port", str(self.port), "--db-url", self.db_url, *tls], cwd=ROOT,
                                     env={**os.environ},
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with self.client() as client:
                    client.get(f"{self.url}/api/v1/status", timeout=1)
                return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError(f"hub did not start: {self.proc.stderr.read() if self.proc.stderr else ''}")

    def stop(self) -> None:
        if self._viewer is not None:
            self._viewer.close()
            self._viewer = None
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


def _read_message(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


class LossyProxy:
    """One request per connection. ``lose_answers`` forwards the request, lets the hub store it,
    then drops the answer (a client killed before it saw the result, a link cut at the worst
    moment); ``flaky`` drops or delays at random. Loopback only; it stops with the test."""

    def __init__(self, upstream_port: int, *, lose_answers: int = 0, flaky: float = 0.0, seed: int = 1) -> None:
        self.upstream_port, self.lose_answers, self.flaky = upstream_port, lose_answers, flaky
        self.rng = random.Random(seed)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.lost = self.dropped = 0
        self._stop = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        self.server.settimeout(0.2)
        while not self._stop:
            try:
                client, _ = self.server.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket) -> None:
        with client:
            request = _read_message(client)
            if not request:
                return
            if self.flaky and self.rng.random() < self.flaky / 2:
                self.dropped += 1
                return  # dropped before the hub saw it
            if self.flaky and self.rng.random() < self.flaky / 2:
                time.sleep(self.rng.uniform(0.05, 0.3))
            request = request.replace(b"Connection: keep-alive", b"Connection: close")
            with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10) as upstream:
                upstream.sendall(request)
                answer = _read_message(upstream)
            if self.lose_answers > 0:
                self.lose_answers -= 1
                self.lost += 1
                return  # the hub stored it; the clinic never hears back
            if self.flaky and self.rng.random() < self.flaky / 2:
                self.lost += 1
                return
            client.sendall(answer)

    def close(self) -> None:
        self._stop = True
        self.server.close()
