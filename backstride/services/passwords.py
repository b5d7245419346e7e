"""Password hashing: Argon2id with OWASP's recommended minimum cost, through pwdlib."""

from functools import cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

ARGON2_MEMORY_KIB = 19_456
ARGON2_TIME_COST = 2
ARGON2_PARALLELISM = 1
"""OWASP Password Storage Cheat Sheet: Argon2id, 19 MiB of memory, 2 iterations, 1 lane."""


@cache
def _hasher() -> PasswordHash:
    return PasswordHash(
        (
            Argon2Hasher(
                time_cost=ARGON2_TIME_COST,
                memory_cost=ARGON2_MEMORY_KIB,
                parallelism=ARGON2_PARALLELISM,
            ),
        )
    )


def password_hash(password: str) -> str:
    """A salted Argon2id hash of a password, in the PHC string format."""
    return _hasher().hash(password)


def password_matches(password: str, stored_hash: str) -> bool:
    """Whether a password is the one a stored hash was made from."""
    try:
        return _hasher().verify(password, stored_hash)
    except Exception:  # a damaged hash verifies nothing
        return False


@cache
def decoy_hash() -> str:
    """A hash to verify against when the login is unknown, so both cases take as long."""
    return password_hash("backstride decoy password, never a real one")
