"""How sick, not only how risky (issue 17): vital signs, NEWS2 and the emergency triage level (急诊预检分级).

Pure Python, no Qt and no database for the computation: ``vitals`` (the readings, checked), ``news2`` (the
Royal College of Physicians' chart as data), ``triage_level`` (levels I–IV from the readings and NEWS2, the
mapping a clinic may change), ``observation`` (how often to repeat the readings, and when to alert) and
``rows`` (the ``fever-sentinel severity`` CSV). Their words live in app/vocabulary/severity.py.
"""
