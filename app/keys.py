"""Ed25519 signing keys kept as owner-only files: the clinic key (made at ``init``; it signs only the
enrolments of desk keys, see app/desk_keys.py) and this workstation's own desk key (made at first start,
``keys/desk.ed25519.pem``; it signs permits, transfer forms, receipts and hub submissions)."""

from __future__ import annotations

import base64
import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.errors import StorageError


DESK_KEY_FILE = "desk.ed25519.pem"


def key_id_of(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:16]


def public_key_text(public_raw: bytes) -> str:
    return base64.b64encode(public_raw).decode("ascii")


def load_public_key(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))


@dataclass(frozen=True)
class ClinicKey:
    private: Ed25519PrivateKey

    @property
    def public_raw(self) -> bytes:
        return self.private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    @property
    def key_id(self) -> str:
        return key_id_of(self.public_raw)

    @property
    def public_text(self) -> str:
        return public_key_text(self.public_raw)

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)

    def sign_text(self, data: bytes) -> str:
        """The signature as Base64 text (headers, JSON)."""
        return base64.b64encode(self.sign(data)).decode("ascii")


class KeyStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, clinic_code: str) -> Path:
        return self.directory / f"clinic-{clinic_code}.ed25519.pem"

    @property
    def desk_path(self) -> Path:
        return self.directory / DESK_KEY_FILE

    def has_clinic_key(self, clinic_code: str) -> bool:
        return self.path_for(clinic_code).is_file()

    def desk(self) -> ClinicKey:
        """This workstation's desk key, made on first use (owner-only); never overwritten."""
        return load_or_create(self.desk_path)

    def create(self, clinic_code: str) -> ClinicKey:
        """Generate and store a new key; never overwrites an existing one."""
        return _create(self.path_for(clinic_code))

    def load(self, clinic_code: str) -> ClinicKey:
        return _load(self.path_for(clinic_code))


def load_or_create(path: Path) -> ClinicKey:
    """The key in ``path``, made there on first use (owner-only; never overwritten, even by a second
    process starting at the same moment)."""
    if not path.exists():
        try:
            return _create(path)
        except StorageError as exc:
            if exc.code != "key_exists":
                raise
    return _load(path)


def _create(path: Path) -> ClinicKey:
    path.parent.mkdir(parents=True, exist_ok=True)
    if sys.platform != "win32":
        os.chmod(path.parent, 0o700)
    key = ClinicKey(Ed25519PrivateKey.generate())
    pem = key.private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise StorageError("key_exists", path=str(path)) from exc
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
        fh.flush()
        os.fsync(fh.fileno())
    return key


def _load(path: Path) -> ClinicKey:
    try:
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError as exc:
        raise StorageError("key_missing", path=str(path)) from exc
    except ValueError as exc:
        raise StorageError("key_invalid", path=str(path)) from exc
    if not isinstance(private, Ed25519PrivateKey):
        raise StorageError("key_invalid", path=str(path))
    if sys.platform != "win32" and path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)  # a key copied in with the wrong mode is made owner-only again
    return ClinicKey(private)
