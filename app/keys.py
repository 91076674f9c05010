"""The clinic's Ed25519 signing key (permits, hub submissions), kept as an owner-only file."""

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

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


class KeyStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, clinic_code: str) -> Path:
        return self.directory / f"clinic-{clinic_code}.ed25519.pem"

    def create(self, clinic_code: str) -> ClinicKey:
        """Generate and store a new key; never overwrites an existing one."""
        self.directory.mkdir(parents=True, exist_ok=True)
        if sys.platform != "win32":
            os.chmod(self.directory, 0o700)
        key = ClinicKey(Ed25519PrivateKey.generate())
        pem = key.private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        path = self.path_for(clinic_code)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError as exc:
            raise StorageError("key_exists", path=str(path)) from exc
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
            fh.flush()
            os.fsync(fh.fileno())
        return key

    def load(self, clinic_code: str) -> ClinicKey:
        path = self.path_for(clinic_code)
        try:
            private = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except FileNotFoundError as exc:
            raise StorageError("key_missing", path=str(path)) from exc
        if not isinstance(private, Ed25519PrivateKey):
            raise StorageError("key_invalid", path=str(path))
        return ClinicKey(private)
