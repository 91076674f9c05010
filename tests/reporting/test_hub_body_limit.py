"""A 300 MB POST to a real hub process (issue 13: it took the hub from 62 MB to 649 MB): the hub answers 413
after MAX_BODY and its peak memory (VmHWM) stays where it was — chunked, and with a declared Content-Length."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reporting.loopback import HubProcess

MB = 2**20
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/PID/status (Linux)")


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubProcess]:
    process = HubProcess(tmp_path / "hub").start()
    yield process
    process.stop()


def peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def post_300_mb(port: int, *, chunked: bool) -> tuple[bytes, int]:
    """Send up to 300 MB (stopping when the hub closes); the answer's first bytes and how much was sent."""
    head = (b"POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Clinic: XH01\r\nX-Idempotency-Key: k\r\n"
            + (b"Transfer-Encoding: chunked\r\n" if chunked else b"Content-Length: %d\r\n" % (300 * MB)) + b"\r\n")
    block = b"x" * MB
    piece = b"%x\r\n%s\r\n" % (len(block), block) if chunked else block
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head)
        try:
            for _ in range(300):
                sock.sendall(piece)
                sent += len(block)
            if chunked:
                sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the hub answered and closed: it stopped reading
        try:
            answer = sock.recv(200)
        except OSError:
            answer = b""
    return answer, sent


@pytest.mark.slow
def test_a_300_mb_post_does_not_grow_the_hub(hub: HubProcess) -> None:
    assert hub.proc is not None
    before = peak_kib(hub.proc.pid)
    for chunked in (True, False):
        answer, sent = post_300_mb(hub.port, chunked=chunked)
        assert answer == b"" or answer.startswith(b"HTTP/1.1 413"), answer
    grown_mb = (peak_kib(hub.proc.pid) - before) / 1024
    assert grown_mb < 40, f"the hub's peak memory grew by {grown_mb:.0f} MB"
    with hub.client() as client:  # and it still answers
        assert client.get(f"{hub.url}/api/v1/status").status_code == 401
