"""GeoPackage layers with the field types a GIS reads them by: dates as ``DATE``, counts as ``INTEGER``.

Written through pyogrio's Arrow path, which maps an Arrow ``date32`` column to
a GeoPackage ``DATE`` field and pandas' nullable ``Int64`` to ``INTEGER``:
QGIS's temporal controller then takes a layer's dates as they are, and a count
that is unknown is a null, not a real ``NaN``.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["write_layer", "from_gis"]


def write_layer(
    frame: Any, path: str | Path, layer: str, dates: Sequence[str] = (), integers: Sequence[str] = ()
) -> None:
    """Write a GeoDataFrame as a layer of a GeoPackage, with ``dates`` (ISO strings, dates or None) as ``DATE``
    fields and ``integers`` (numbers or None) as ``INTEGER`` ones.

    Examples
    --------
    >>> import tempfile, sqlite3, geopandas as gpd
    >>> from shapely.geometry import Point
    >>> frame = gpd.GeoDataFrame({"day": ["2016-04-14", None], "killed": [3, None]}, geometry=[Point(42.8, 33.6)] * 2,
    ...                          crs=4326)
    >>> path = Path(tempfile.mkdtemp()) / "x.gpkg"
    >>> write_layer(frame, path, "events", dates=["day"], integers=["killed"])
    >>> sql = sqlite3.connect(path).execute("select sql from sqlite_master where name = 'events'").fetchone()[0]
    >>> sql.endswith('"day" DATE, "killed" INTEGER)')
    True
    """
    import pandas as pd
    import pyarrow as pa

    frame = frame.copy()
    for column in dates:  # a layer with no rows has no columns yet: its fields are made, empty
        values = frame.get(column, [])
        frame[column] = pd.array([_day(v) for v in values], dtype=pd.ArrowDtype(pa.date32()))
    for column in integers:
        values = frame.get(column, [])
        frame[column] = pd.array([None if _blank(v) else int(v) for v in values], dtype="Int64")
    frame.to_file(path, layer=layer, driver="GPKG", engine="pyogrio", use_arrow=True)


def from_gis(value: Any) -> Any:
    """A field's value as read back by geopandas, as a record holds it: a date or time as ISO text (a date
    alone when it is midnight), a missing value (``NaT``, ``NaN``, ``<NA>``) as None.

    Examples
    --------
    >>> import pandas as pd
    >>> from_gis(pd.Timestamp("2016-04-14")), from_gis(pd.NaT), from_gis(float("nan")), from_gis(3)
    ('2016-04-14', None, None, 3)
    """
    if _blank(value):
        return None
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        return value.date().isoformat()
    return value.isoformat() if hasattr(value, "isoformat") else value


def _blank(value: Any) -> bool:
    import pandas as pd

    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array is no missing value
        return False


def _day(value: Any) -> datetime.date | None:
    if _blank(value) or value in ("", "None"):
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value)[:10])
