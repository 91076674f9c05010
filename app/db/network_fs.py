"""Refuse SQLite files on network shares: SQLite's locking is unreliable there and data gets corrupted.

Clinics with several desks use PostgreSQL instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_FS_TYPES = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs", "ceph",
     "glusterfs", "fuse.glusterfs", "davfs", "fuse.davfs2", "fuse.rclone", "lustre", "ncpfs", "gfs2"}
)


def _linux_fs_type(path: Path, mounts_text: str) -> str | None:
    """Filesystem type of the longest mount point that contains ``path``."""
    best: tuple[int, str] | None = None
    target = str(path)
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        prefix = mount_point.rstrip("/") + "/"
        if target == mount_point or target.startswith(prefix) or mount_point == "/":
            if best is None or len(mount_point) > best[0]:
                best = (len(mount_point), fields[2])
    return best[1] if best else None


def _windows_is_remote(path: Path) -> bool:
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        return True
    import ctypes  # Windows only

    drive = os.path.splitdrive(text)[0]
    if not drive:
        return False
    DRIVE_REMOTE = 4
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE)  # type: ignore[attr-defined]


def is_network_path(path: Path, *, platform: str = sys.platform, mounts_text: str | None = None) -> bool:
    path = path.resolve() if platform == sys.platform else path
    if platform.startswith("win"):
        return _windows_is_remote(path)
    if platform.startswith("linux"):
        if mounts_text is None:
            try:
                mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
            except OSError:
                return False
        fs_type = _linux_fs_type(path, mounts_text)
        return fs_type in NETWORK_FS_TYPES if fs_type else False
    return False
