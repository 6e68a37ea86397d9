"""Readers of gazetteer files; each returns places and a ``LoadReport``."""

from gazetteer.sources.base import LoadReport, Skipped, SkippedRow
from gazetteer.sources.geonames import read_geonames
from gazetteer.sources.table import read_csv

__all__ = ["LoadReport", "Skipped", "SkippedRow", "read_geonames", "read_csv"]
