"""Password hashing with argon2id (argon2-cffi), never below OWASP's floor.

Parameters are a value, so a clinic can raise them later: a login with an old hash rehashes.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.errors import ValidationError

OWASP_MIN_MEMORY_KIB = 19 * 1024
OWASP_MIN_TIME_COST = 2
MIN_PASSWORD_LENGTH = 8


@dataclass(frozen=True)
class Argon2Params:
    time_cost: int = 3
    memory_cost_kib: int = 64 * 1024
    parallelism: int = 4

    def __post_init__(self) -> None:
        if self.memory_cost_kib < OWASP_MIN_MEMORY_KIB or self.time_cost < OWASP_MIN_TIME_COST:
            raise ValueError("argon2 parameters below the OWASP minimum (m=19 MiB, t=2)")


PRODUCTION = Argon2Params()  # argon2-cffi's RFC 9106 low-memory profile
OWASP_FLOOR = Argon2Params(time_cost=2, memory_cost_kib=OWASP_MIN_MEMORY_KIB, parallelism=1)


class Passwords:
    def __init__(self, params: Argon2Params = PRODUCTION) -> None:
        self._hasher = PasswordHasher(
            time_cost=params.time_cost, memory_cost=params.memory_cost_kib, parallelism=params.parallelism,
            type=Type.ID,
        )

    def hash(self, password: str) -> str:
        check_strength(password)
        return self._hasher.hash(password)

    def verify(self, stored_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(stored_hash)
        except InvalidHashError:
            return True


def check_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("password_too_short", field="password", minimum=MIN_PASSWORD_LENGTH)
    if len(set(password)) < 4:
        raise ValidationError("password_too_simple", field="password")
