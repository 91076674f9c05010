"""Alembic environment of the county hub's database: always run on a connection handed over by app.hub.migrate."""

from app.db.migrate import run_env
from app.hub.store import HubBase

run_env(HubBase.metadata)
