"""Fever clinic casework: first-diagnosis responsibility, tests and results, deadline clocks, timeline."""
