"""Data layer: models, engine set-up, migrations."""
