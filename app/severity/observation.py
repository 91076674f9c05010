"""The observation round's rules, as data for it (issue 17, part 4): how often a patient under observation has
the vital signs taken again, and when a new set alerts the responsible doctor (``ObservationFigures``).

Frequency (NEWS2, Royal College of Physicians 2017, "frequency of monitoring": a total of 0 at least every 12 h,
1–4 at least every 4–6 h, 5–6 or a single parameter scoring 3 at least hourly, 7 or more continuous monitoring).
The defaults for a fever clinic's observation room: 0–4 every 4 hours (the nucleic-acid result takes 4–6 h, so
at least one round comes before it), 5–6 and any single 3 hourly, 7 or more continuously (0 minutes) with an
urgent review.

Alert: a rise of the total by ``alert_rise`` (2) or more since the previous set, or the total reaching
``alert_total`` (5: the RCP's threshold for an urgent response) from below — or at the first set. A partial
total is a floor: an alert it raises is real, and the missing readings should be taken.
"""

from __future__ import annotations

from app.severity.figures import ObservationFigures
from app.severity.news2 import News2
from app.severity.vocab import ObservationAlert, Risk

DEFAULT_FIGURES = ObservationFigures()


def observe_every_minutes(news2: News2, figures: ObservationFigures = DEFAULT_FIGURES) -> int:
    """Minutes until the next set of observations is due (0: continuous monitoring)."""
    if news2.risk == Risk.HIGH:
        return figures.observe_high_minutes
    if news2.risk in (Risk.MEDIUM, Risk.LOW_MEDIUM):
        return figures.observe_medium_minutes
    return figures.observe_low_minutes


def alerts(previous: int | None, current: int, figures: ObservationFigures = DEFAULT_FIGURES) -> tuple[str, ...]:
    """``ObservationAlert`` codes a new NEWS2 total raises after ``previous`` (None: the first set)."""
    found: list[str] = []
    if previous is not None and current - previous >= figures.alert_rise:
        found.append(ObservationAlert.NEWS2_ROSE.value)
    if current >= figures.alert_total and (previous is None or previous < figures.alert_total):
        found.append(ObservationAlert.NEWS2_REACHED.value)
    return tuple(found)
