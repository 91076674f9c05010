"""Services: take a session factory (Database), return plain dataclasses, raise typed errors."""
