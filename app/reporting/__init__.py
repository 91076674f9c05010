"""Daily and zero reports, multi-point early warning, and the county hub."""
