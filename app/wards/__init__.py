"""Wards, inpatients, escort and visitor permits, and the gate station that checks them."""
