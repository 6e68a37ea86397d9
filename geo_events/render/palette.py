"""One colour-blind-safe palette (Okabe-Ito) for every map and legend."""

from __future__ import annotations

__all__ = ["CONTROLLER_COLORS", "AREA_OPACITY", "CONTROLLER_LABELS", "EVENT_TYPE_COLORS", "SEQUENTIAL", "EMPTY"]

#: Controllers: blue government, orange Kurdish, black Islamic State, purple contested, white (drawn hollow)
#: unknown. No grey: the Islamic State's dark areas are never taken for unknown ones.
CONTROLLER_COLORS = {
    "government": "#0072B2",
    "kurdish": "#E69F00",
    "islamic_state": "#1A1A1A",
    "contested": "#CC79A7",
    "unknown": "#FFFFFF",
}
#: How opaque each controller's areas are drawn: the Islamic State's darker than the others' so that its black
#: does not fade into a grey.
AREA_OPACITY = {"government": 0.32, "kurdish": 0.38, "islamic_state": 0.55, "contested": 0.45, "unknown": 0.0}
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
