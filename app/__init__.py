"""Fever Sentinel domain and services: pure Python, never Qt (see the import-linter contract)."""

# The one version number (issue 14): pyproject.toml reads it, and it is shown in About, `fever-sentinel
# --version`, the self-test, the bundle's file properties, and sent with every daily report. Bump it with every
# schema change and release, and add its section to CHANGELOG.md (with the same "Schema:" heads).
__version__ = "0.14.4"

# The Alembic heads this version ships: (clinic database, county hub database). tests/test_version.py fails
# when a migration is added and these (and so the version and the CHANGELOG) are not moved with it.
SCHEMA_HEADS = ("0023", "0004")
