"""The desks' named colours: the only place in ui/ where a colour is spelled as hex.

Pages say what a colour means (OK, DANGER, MUTED…), never which hex it is, so one change here recolours
every screen alike; tests/ui/test_widget_kit.py fails on a hex colour anywhere else in ui/.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

# ----- plain colours ------------------------------------------------------------------------------
TEXT = "#000000"
WHITE = "#ffffff"
OK = "#1b6e20"  # done, verified, online
OK_BG = "#e3f4e4"
OK_DARK = "#1b4d1f"  # text on OK_BG where it must read heavier (a verified signature)
DANGER = "#b3261e"  # failed, refused, overdue badge, error text
DANGER_BG = "#fde3e1"
LONG_WAIT_BG = "#fde0dc"  # a queue row waiting past three times the county's limit
OVERDUE = "#8c1d18"  # a clock or step past its deadline
OVERDUE_BG = "#f8c4be"
OVERDUE_ROW_BG = "#f8d0cc"  # a table row past its deadline (paler than a badge)
WARNING = "#8a4b00"  # soon due, a note to heed
WARNING_BG = "#ffe0a3"
AMBER = "#8a5a00"  # waiting, pending, not yet
ORANGE = "#b35c00"  # to the fever clinic, suspected
ORANGE_BG = "#fff0d6"
BROWN = "#6b3a00"  # requested, hand-overs waiting
HANDOVER_BG = "#fff4e0"
HANDOVER_BORDER = "#e0a030"
INFO = "#1b4f9c"  # neither good nor bad: already done, picked, leaving
BLUE = "#0d47a1"
BLUE_BG = "#e3f2fd"
PURPLE = "#8e24aa"
PURPLE_DARK = "#4a148c"
PURPLE_BG = "#f3e5f5"
SLATE = "#455a64"  # pending, idle
SLATE_DARK = "#263238"
SLATE_TEXT = "#37474f"  # explanations under a heading
NEUTRAL_BG = "#eceff1"
MUTED = "#5f6b73"  # secondary text: last updated, hints
HINT = "#555555"  # small print under a field
PLACEHOLDER = "#666666"
PLACEHOLDER_BORDER = "#bbbbbb"
GREY = "#777777"
NOT_IN_FORCE = "#8a8f94"
FAINT = "#9e9e9e"
FAINT_BG = "#f5f5f5"
BADGE_PLAIN = "#546e7a"
DEMO_BADGE_BG = "#e8a33d"

# ----- the gate station: large verdicts read from across a doorway ---------------------------------
GATE_ADMIT = "#1b7f2a"
ALARM = "#c62828"  # a big red banner: denied, overstaying
GATE_REPEAT = "#5e35b1"
GATE_OVERSTAY_EXIT = "#b34700"  # let out, but flagged
GATE_IDLE = "#607d8b"
OFFLINE_BG = "#ffb300"

# ----- the waiting-room display: light on dark, read from across a room ------------------------------
DISPLAY_BG = SLATE_DARK
DISPLAY_TEXT = WHITE
DISPLAY_CALLED = "#ffd54f"  # the number being called
DISPLAY_DIM = "#b0bec5"  # headings, masked names

# ----- colours by code ------------------------------------------------------------------------------
DECISION_COLORS: dict[str, str] = {"general": OK, "fever_clinic": ORANGE, "isolate": DANGER}
DECISION_BACKGROUNDS: dict[str, str] = {"general": OK_BG, "fever_clinic": ORANGE_BG, "isolate": DANGER_BG}
CLASSIFICATION_COLORS: dict[str, str] = {"pending": SLATE, "excluded": OK, "suspected": ORANGE,
                                         "confirmed": DANGER, "asymptomatic": PURPLE}
CLASSIFICATION_BACKGROUNDS: dict[str, str] = {"pending": NEUTRAL_BG, "excluded": OK_BG, "suspected": ORANGE_BG,
                                              "confirmed": DANGER_BG, "asymptomatic": PURPLE_BG}
# the emergency triage level (app.severity.vocab.Level): I red, II orange, III amber, IV green
TRIAGE_LEVEL_COLORS: dict[int, str] = {1: DANGER, 2: ORANGE, 3: WARNING, 4: OK}
TRIAGE_LEVEL_BACKGROUNDS: dict[int, str] = {1: DANGER_BG, 2: ORANGE_BG, 3: WARNING_BG, 4: OK_BG}
CLOCK_COLORS: dict[str, str] = {"ok": OK, "warning": WARNING, "overdue": OVERDUE}
CLOCK_BACKGROUNDS: dict[str, str] = {"ok": OK_BG, "warning": WARNING_BG, "overdue": OVERDUE_BG}
# the transfer state badge: (text, background)
TRANSFER_STATE_COLORS: dict[str, tuple[str, str]] = {
    "requested": (BROWN, ORANGE_BG),
    "dispatched": (BLUE, BLUE_BG),
    "departed": (PURPLE_DARK, PURPLE_BG),
    "handed_over": (OK, OK_BG),
    "closed": (SLATE_DARK, NEUTRAL_BG),
    "cancelled": (MUTED, FAINT_BG),
}
UNKNOWN_STATE: tuple[str, str] = (TEXT, WHITE)  # a state the badge has no colours for


def style(fg: str | None = None, bg: str | None = None, *, bold: bool = False, extra: str = "") -> str:
    """A style sheet from named colours: ``style(fg=DANGER, bold=True)`` → "color: #b3261e; font-weight: bold;"."""
    parts = []
    if bg is not None:
        parts.append(f"background: {bg};")
    if fg is not None:
        parts.append(f"color: {fg};")
    if bold:
        parts.append("font-weight: bold;")
    if extra:
        parts.append(extra)
    return " ".join(parts)


OK_STYLE = style(OK, bold=True)  # a short result line: saved, verified
BAD_STYLE = style(DANGER, bold=True)  # … or failed
WARN_STYLE = style(BROWN, ORANGE_BG, extra="padding: 6px; border-radius: 4px;")  # a note in a dialog to heed


def brush(color: str) -> QBrush:
    """A table cell's brush for a named colour."""
    return QBrush(QColor(color))
