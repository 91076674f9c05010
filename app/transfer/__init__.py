"""Ambulance transfer to the designated hospital: 120 dispatch, handover, terminal disinfection."""
