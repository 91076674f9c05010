"""Alembic environment of the clinic database: always run on a connection handed over by app.db.migrate."""

from app.db.migrate import run_env
from app.db.models import Base

run_env(Base.metadata)
