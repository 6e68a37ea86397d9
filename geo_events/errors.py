"""Exceptions raised by geo_events.

Every exception derives from ``GeoEventsError`` and from the built-in it
resembles, so callers may catch either (as geopy and the gazetteer do: a
``GazetteerError`` is a gazetteer's, this tree is the events'). Bad input
inside a file (an article, an event row) is no exception: readers return it
as ``Skipped``.

::

    GeoEventsError
     ├── ArgumentError (ValueError)             an argument geo-events cannot use
     │    └── UnknownFormatError                a file extension it neither reads nor writes
     ├── CoordinateError (ValueError)           not a WGS84 point, which GeoJSON requires
     ├── UnreadableFileError (ValueError)       an events or control file that cannot be read
     │    └── MissingFileError (FileNotFoundError)
     ├── RuleError (ValueError)                 a bad row of a rule table: its file, line and column
     ├── ClusterError (RuntimeError)            a Dask cluster that cannot be reached or failed mid-run
     ├── StoreError (RuntimeError)              a server's database that cannot be opened or used
     └── CommandError                           the command line: printed without a traceback
"""

from __future__ import annotations

__all__ = [
    "GeoEventsError",
    "ArgumentError",
    "UnknownFormatError",
    "CoordinateError",
    "UnreadableFileError",
    "MissingFileError",
    "RuleError",
    "ClusterError",
    "StoreError",
    "CommandError",
]


class GeoEventsError(Exception):
    """Base class of every error geo_events raises.

    Examples
    --------
    >>> from geo_events.io import read_events
    >>> try:
    ...     read_events("no/such/events.geojson")
    ... except GeoEventsError as exc:
    ...     print(exc)
    no/such/events.geojson: cannot read events (no such file)
    """


class ArgumentError(GeoEventsError, ValueError):
    """An argument has a value geo-events cannot use (a layer it does not draw, a metric it does not count).

    Examples
    --------
    >>> from geo_events.control import ControlTimeline
    >>> from geo_events.io import write_control
    >>> write_control(ControlTimeline.default(), "control.geojson", layer="roads")
    Traceback (most recent call last):
    ...
    geo_events.errors.ArgumentError: unknown layer 'roads'; use places, areas, front_lines or stats
    """


class UnknownFormatError(ArgumentError):
    """A file name whose extension names a format geo-events does not read or write; the message lists those it does.

    Examples
    --------
    >>> from geo_events.io import write_events
    >>> write_events([], "events.xlsx")
    Traceback (most recent call last):
    ...
    geo_events.errors.UnknownFormatError: events.xlsx: unknown output format '.xlsx'; use .geojson, .json, ...
    """


class CoordinateError(GeoEventsError, ValueError):
    """Coordinates that are not a WGS84 point (not finite, or out of range): RFC 7946 allows no other.

    Examples
    --------
    >>> from gazetteer import Place
    >>> from geo_events.io import place_feature
    >>> place_feature(Place("x:1", "Nowhere", 123.0, 44.0))
    Traceback (most recent call last):
    ...
    geo_events.errors.CoordinateError: Nowhere: coordinates (123.0, 44.0) are not a WGS84 point
    """


class UnreadableFileError(GeoEventsError, ValueError):
    """A file of events or control intervals that cannot be read at all (not JSON, not the layout expected).

    A file that can be read but holds bad rows is no error: they come back
    as ``Skipped``, each with its reason.

    Examples
    --------
    >>> from geo_events.io import read_control
    >>> read_control("tests/data/articles/wire_hit.txt")
    Traceback (most recent call last):
    ...
    geo_events.errors.UnreadableFileError: tests/data/articles/wire_hit.txt: not a control file written by ...
    """


class MissingFileError(UnreadableFileError, FileNotFoundError):
    """The file is not there; an ``OSError`` as ``open`` would raise, and a ``ValueError`` as it always was.

    Examples
    --------
    >>> from geo_events.io import read_events
    >>> read_events("no/such/events.geojson")
    Traceback (most recent call last):
    ...
    geo_events.errors.MissingFileError: no/such/events.geojson: cannot read events (no such file)
    """


class CommandError(GeoEventsError):
    """A problem the user of the ``geo-events`` command can fix; printed without a traceback.

    Examples
    --------
    >>> import io
    >>> from geo_events.cli import main
    >>> log = io.StringIO()
    >>> main(["control", "--at", "someday", "--out", "control.geojson"], log=log)
    2
    >>> print(log.getvalue(), end="")
    geo-events control: error: cannot read --at 'someday' as a date: it does not parse (use YYYY-MM-DD)
    """


class RuleError(GeoEventsError, ValueError):
    """A row of a rule table (``geo_events/lang``, ``--rules DIR``) that cannot be used; the message names
    its file, line and column."""


class ClusterError(GeoEventsError, RuntimeError):
    """A Dask cluster that extraction cannot use: its scheduler cannot be reached, no worker joins it, a worker
    lacks this version of geo-events, or the cluster failed mid-run (``iter_events(..., client=...)``)."""


class StoreError(GeoEventsError, RuntimeError):
    """A database ``geo-events serve`` cannot open or use (``geo_events.serve.EventStore``): a folder, a file
    that is not a database or is another program's, no such folder."""
