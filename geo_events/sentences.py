"""Deprecated: moved (see ``geo_events._moved``); this alias goes in the next release."""

from geo_events._moved import alias

globals().update(alias(__name__))
