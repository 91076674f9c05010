"""When a day's report is due: read by the clinic's automatic submission (app.reporting.daily) and by the county
hub's lateness and silence (app.hub.store), which must not load the report's counting to know it."""

from __future__ import annotations

from datetime import time

#: "病例零报告、日报告": the day's report by the next morning, clinic time; after it the desks submit it themselves
#: and the hub counts a report first arriving later as late.
AUTO_SUBMIT_AT = time(9, 0)
