"""Fever Sentinel domain and services: pure Python, never Qt (see the import-linter contract)."""

__version__ = "0.1.0"
