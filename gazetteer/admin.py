"""Administrative areas: governorate polygons, districts, point-in-polygon.

The package ships Iraq's 18 governorates from Natural Earth (public domain),
with ISO 3166-2 codes, in ``gazetteer/data/governorates.geojson``. Users may
supply finer boundaries, such as OCHA's COD-AB districts, with
``AdminAreas.from_file``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from gazetteer.exceptions import GazetteerDataError
from gazetteer.normalize import name_key

__all__ = ["AdminArea", "AdminAreas", "GOVERNORATE_CODES"]

#: ISO 3166-2 code of each governorate, by its transliteration key, so that
#: any common spelling in a user's boundary file maps to the code.
GOVERNORATE_CODES: dict[str, str] = {
    name_key(name): code
    for code, names in {
        "IQ-AN": ("Anbar",),
        "IQ-AR": ("Erbil", "Arbil", "Irbil"),
        "IQ-BA": ("Basra", "Basrah"),
        "IQ-BB": ("Babil", "Babylon"),
        "IQ-BG": ("Baghdad",),
        "IQ-DA": ("Dahuk", "Duhok", "Dohuk"),
        "IQ-DI": ("Diyala",),
        "IQ-DQ": ("Dhi Qar", "Thi Qar"),
        "IQ-KA": ("Karbala", "Kerbala"),
        "IQ-KI": ("Kirkuk", "Tamim", "At-Ta'mim"),
        "IQ-MA": ("Maysan", "Missan"),
        "IQ-MU": ("Muthanna", "Al-Muthannia"),
        "IQ-NA": ("Najaf",),
        "IQ-NI": ("Ninawa", "Nineveh", "Ninewa"),
        "IQ-QA": ("Qadisiyah", "Qadissiya", "Diwaniyah"),
        "IQ-SD": ("Salah ad Din", "Salahuddin", "Sala ad-Din"),
        "IQ-SU": ("Sulaymaniyah", "Sulaimaniya"),
        "IQ-WA": ("Wasit",),
    }.items()
    for name in names
}

#: How far (degrees) outside every polygon a point may lie and still be given
#: the nearest area: coarse coastlines and borders cut off real towns.
DEFAULT_TOLERANCE = 0.1


@dataclass(frozen=True)
class AdminArea:
    """One administrative area with its polygon (WGS84).

    Parameters
    ----------
    code : str
        ISO 3166-2 code for governorates (``IQ-NI``); the file's code
        (an OCHA P-code such as ``IQG15Q02``) for districts.
    name : str
        English name.
    level : int
        1 for governorates, 2 for districts.
    geometry : shapely geometry
        Polygon or MultiPolygon in WGS84 (lon, lat).
    governorate : str or None
        ISO code of the governorate a district lies in.
    names : tuple of str
        Other names (Arabic, alternate spellings).

    Examples
    --------
    >>> AdminAreas.default().get("IQ-AN").name
    'Al Anbar'
    """

    code: str
    name: str
    level: int
    geometry: BaseGeometry = field(repr=False, compare=False)
    governorate: str | None = None
    names: tuple[str, ...] = field(default=(), repr=False)


class AdminAreas(Sequence[AdminArea]):
    """A set of administrative areas with a spatial index.

    Parameters
    ----------
    areas : sequence of AdminArea
        Areas of one level.
    source : str
        Where they came from, for messages.

    Examples
    --------
    >>> gov = AdminAreas.default()
    >>> gov.locate(43.78, 33.35).code   # lon, lat of Fallujah
    'IQ-AN'
    >>> gov.locate(51.42, 35.69) is None  # Tehran
    True
    """

    def __init__(self, areas: Sequence[AdminArea], source: str = "") -> None:
        if not areas:
            raise GazetteerDataError(f"{source or 'boundaries'}: no polygons to use")
        self._areas = list(areas)
        self._by_code = {a.code: a for a in self._areas}
        self._tree = shapely.STRtree([a.geometry for a in self._areas])
        for area in self._areas:
            shapely.prepare(area.geometry)
        self.source = source

    def __getitem__(self, i):
        return self._areas[i]

    def __len__(self) -> int:
        return len(self._areas)

    def __iter__(self) -> Iterator[AdminArea]:
        return iter(self._areas)

    @classmethod
    @cache
    def default(cls) -> AdminAreas:
        """The packaged governorates of Iraq (Natural Earth, public domain).

        Returns
        -------
        AdminAreas
            18 governorates with ISO 3166-2 codes, loaded once.

        Examples
        --------
        >>> len(AdminAreas.default())
        18
        """
        text = resources.files("gazetteer").joinpath("data/governorates.geojson").read_text("utf-8")
        areas = [
            AdminArea(
                code=f["properties"]["iso_3166_2"],
                name=f["properties"]["name"],
                level=1,
                geometry=shape(f["geometry"]),
                governorate=f["properties"]["iso_3166_2"],
                names=tuple(f["properties"]["alt_names"]),
            )
            for f in json.loads(text)["features"]
        ]
        return cls(areas, source="Natural Earth admin-1")

    @classmethod
    def from_file(cls, path: str | Path, level: int | None = None) -> AdminAreas:
        """Read user-supplied boundaries, such as OCHA COD-AB GeoJSON.

        Any format GDAL reads works; other CRSs are reprojected to WGS84 and
        invalid polygons repaired. Name and code fields are found by OCHA's
        conventions (``ADM2_EN``, ``ADM2_PCODE``, ``ADM1_EN``...) or common
        ones (``name``, ``NAME_2``, ``shapeName``).

        Parameters
        ----------
        path : str or Path
            The boundary file.
        level : int, optional
            1 (governorates) or 2 (districts); guessed from the fields if omitted.

        Returns
        -------
        AdminAreas
            Governorates carry ISO codes; districts carry the ISO code of
            their governorate.

        Raises
        ------
        GazetteerDataError
            If the file cannot be read, has no usable polygon, or its
            coordinates are not degrees of longitude and latitude once
            reprojected (a file in metres without a CRS, or a GeoJSON in metres).

        Examples
        --------
        >>> districts = AdminAreas.from_file("irq_admbnda_adm2_cso_20190603.geojson")  # doctest: +SKIP
        >>> districts.locate(43.78, 33.35).name  # doctest: +SKIP
        'Al-Falluja'
        """
        import geopandas as gpd

        path = Path(path)
        try:
            frame = gpd.read_file(path)
        except Exception as exc:  # pyogrio raises several types; all mean "unreadable"
            raise GazetteerDataError(
                f"{path}: cannot read boundaries ({exc}); pass a GeoJSON, GeoPackage or Shapefile"
            ) from None
        frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
        if frame.empty:
            raise GazetteerDataError(f"{path}: the file has no polygons")
        declared = frame.crs
        if frame.crs is not None and frame.crs.to_epsg() != 4326:
            frame = frame.to_crs(4326)
        _check_degrees(path, frame.total_bounds, declared)
        frame = frame.set_geometry(shapely.make_valid(frame.geometry.values))
        frame = frame[frame.geom_type.isin(["Polygon", "MultiPolygon", "GeometryCollection"])]
        columns = {c.upper(): c for c in frame.columns}
        if level is None:
            level = 2 if "ADM2_EN" in columns or "NAME_2" in columns else 1
        name_col = _first(columns, (f"ADM{level}_EN", f"NAME_{level}", "SHAPENAME", "NAME_EN", "NAME"))
        if name_col is None:
            raise GazetteerDataError(f"{path}: no name field (expected ADM{level}_EN or name)")
        code_col = _first(columns, (f"ADM{level}_PCODE", f"GID_{level}", "SHAPEID", "CODE"))
        alt_cols = [c for c in frame.columns if c.upper().startswith(f"ADM{level}_AR")]
        default = cls.default()
        areas = []
        for i, row in enumerate(frame.itertuples(index=False)):
            rec = row._asdict()
            geom = rec[frame.geometry.name]
            name = str(rec[name_col])
            gov = _governorate_of(rec, level, columns, geom, default)
            code = gov if level == 1 and gov else str(rec[code_col]) if code_col else f"{path.stem}:{i}"
            names = tuple(str(rec[c]) for c in alt_cols if rec.get(c))
            areas.append(AdminArea(code, name, level, geom, gov, names))
        return cls(areas, source=str(path))

    def get(self, code: str) -> AdminArea:
        """The area with this code.

        Raises
        ------
        KeyError
            If no area has that code.

        Examples
        --------
        >>> AdminAreas.default().get("IQ-NI").name
        'Ninawa'
        """
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(f"no area with code {code!r} in {self.source}") from None

    def locate(self, lon: float, lat: float, tolerance: float = DEFAULT_TOLERANCE) -> AdminArea | None:
        """The area containing a point (note: ``lon`` first, as in GeoJSON).

        Parameters
        ----------
        lon, lat : float
            WGS84 longitude and latitude.
        tolerance : float
            A point outside every polygon but within this many degrees of one
            gets the nearest area; farther away it is outside.

        Returns
        -------
        AdminArea or None
            None when the point lies outside all areas.

        Examples
        --------
        >>> AdminAreas.default().locate(43.11889, 36.335).code  # Mosul
        'IQ-NI'
        """
        return self.locate_many([lon], [lat], tolerance)[0]

    def locate_many(self, lons, lats, tolerance: float = DEFAULT_TOLERANCE) -> list[AdminArea | None]:
        """``locate`` for arrays of points at once (vectorised; lon first).

        Examples
        --------
        >>> [a.code for a in AdminAreas.default().locate_many([43.78, 44.39], [33.35, 35.47])]
        ['IQ-AN', 'IQ-KI']
        """
        points = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
        out: list[AdminArea | None] = [None] * len(points)
        if not len(points):
            return out
        for i, j in zip(*self._tree.query(points, predicate="intersects"), strict=True):
            if out[int(i)] is None:
                out[int(i)] = self._areas[int(j)]
        missing = np.array([i for i, a in enumerate(out) if a is None], dtype=int)
        if tolerance > 0 and len(missing):
            near = self._tree.query_nearest(points[missing], max_distance=tolerance)
            for i, j in zip(*near, strict=True):
                if out[int(missing[i])] is None:
                    out[int(missing[i])] = self._areas[int(j)]
        return out

    @property
    def outline(self) -> BaseGeometry:
        """The union of all areas (Iraq's outline for the default set).

        Examples
        --------
        >>> AdminAreas.default().outline.geom_type
        'Polygon'
        """
        return _union(tuple(a.geometry for a in self._areas))


@cache
def _union(geoms: tuple[BaseGeometry, ...]) -> BaseGeometry:
    return shapely.union_all(geoms)


def _check_degrees(path: Path, bounds: Sequence[float], crs: object) -> None:
    """Raise ``GazetteerDataError`` unless ``bounds`` (minx, miny, maxx, maxy, WGS84) are longitudes and latitudes.

    ``crs`` is the CRS the file declares (None if it declares none).
    """
    minx, miny, maxx, maxy = (float(b) for b in bounds)
    if -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90:
        return
    extent = f"x {minx:.6g} to {maxx:.6g}, y {miny:.6g} to {maxy:.6g}"
    declared = "the file has no CRS" if crs is None else f"the file declares {getattr(crs, 'name', crs)}"
    raise GazetteerDataError(
        f"{path}: {declared} but its coordinates ({extent}) are not degrees of longitude and latitude "
        f"(metres?); set the CRS they are in, e.g. ogr2ogr -a_srs EPSG:32638 fixed.gpkg {path.name} "
        "for UTM zone 38N, and pass the fixed file"
    )


def _first(columns: dict[str, str], wanted: Sequence[str]) -> str | None:
    return next((columns[w] for w in wanted if w in columns), None)


def _governorate_of(rec: dict, level: int, columns: dict[str, str], geom, default: AdminAreas) -> str | None:
    """ISO code for a row: by its governorate name, else by where it lies."""
    col = (
        _first(columns, ("ADM1_EN", "NAME_1"))
        if level == 2
        else _first(columns, ("ADM1_EN", "NAME_1", "SHAPENAME", "NAME_EN", "NAME"))
    )
    if col and rec.get(col):
        code = GOVERNORATE_CODES.get(name_key(str(rec[col])))
        if code:
            return code
    point = geom.representative_point()
    area = default.locate(point.x, point.y)
    return area.code if area else None
