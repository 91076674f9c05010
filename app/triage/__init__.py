"""Pre-triage desk: screening rules, patients, registrations, escorted hand-offs, pharmacy register."""
