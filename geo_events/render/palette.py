"""One colour-blind-safe palette (Okabe-Ito) for every map and legend."""

from __future__ import annotations

__all__ = ["CONTROLLER_COLORS", "CONTROLLER_LABELS", "EVENT_TYPE_COLORS", "SEQUENTIAL", "EMPTY"]

#: Controllers: blue government, orange Kurdish, black Islamic State, purple contested, grey unknown.
CONTROLLER_COLORS = {
    "government": "#0072B2",
    "kurdish": "#E69F00",
    "islamic_state": "#1A1A1A",
    "contested": "#CC79A7",
    "unknown": "#999999",
}
CONTROLLER_LABELS = {
    "government": "Iraqi government",
    "kurdish": "Kurdish forces",
    "islamic_state": "Islamic State",
    "contested": "Contested",
    "unknown": "Unknown",
}
#: ACLED event types.
EVENT_TYPE_COLORS = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#0072B2",
    "Violence against civilians": "#009E73",
    "Strategic developments": "#CC79A7",
}
#: Five sequential classes (viridis, reversed: light to dark), readable in grey and by colour-blind readers.
SEQUENTIAL = ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"]
#: Areas without data.
EMPTY = "#f0f0f0"
