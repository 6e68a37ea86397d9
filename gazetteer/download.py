"""GeoNames country dumps downloaded into the cache, which extend the embedded gazetteer from then on.

``geo-events gazetteer download`` fetches ``IQ.zip`` and ``alternatenames/IQ.zip``
from GeoNames' export folder (or a mirror laid out the same way), checks that
they read as a dump, and installs them in the cache folder
(``$GEO_EVENTS_CACHE/geonames/IQ``) in one rename, so that an interrupted or
failed download leaves the data installed before it as it was.
``Gazetteer.default()`` then extends the embedded places with them.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import hashlib
import json
import os
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from gazetteer.exceptions import GazetteerDataError, GazetteerDownloadError

__all__ = ["DEFAULT_MIRROR", "Download", "download", "installed", "remove", "folder"]

#: GeoNames' export folder: ``IQ.zip`` and ``alternatenames/IQ.zip``.
DEFAULT_MIRROR = "https://download.geonames.org/export/dump/"
#: Most bytes a downloaded file may have (IQ.zip is some 2 MB, its alternate names less).
MAX_DOWNLOAD_BYTES = 256 * 2**20
#: Seconds a stalled connection is waited for.
TIMEOUT = 60
_CHUNK = 2**16
_INFO = "download.json"
#: What a progress callback is told: a file's name, bytes received, its size (None if not announced).
Progress = Callable[[str, int, "int | None"], None]


@dataclass(frozen=True)
class Download:
    """A country dump installed in the cache.

    Attributes
    ----------
    country : str
        ISO 3166-1 alpha-2 code of the dump.
    source : str
        The mirror it came from.
    date : str
        When it was downloaded (UTC, ISO 8601).
    places : int
        Places the dump gave (rows loaded).
    files : dict of str to str
        SHA-256 of each file.
    """

    country: str
    source: str
    date: str
    places: int
    files: dict[str, str]

    @property
    def paths(self) -> tuple[Path, Path]:
        """The dump and its alternate names, in the cache."""
        where = folder(self.country)
        return where / f"{self.country}.zip", where / f"alternatenames-{self.country}.zip"


def folder(country: str = "IQ") -> Path:
    """Where a country's download is installed (``$GEO_EVENTS_CACHE/geonames/IQ``).

    Examples
    --------
    >>> folder("IQ").parts[-2:]
    ('geonames', 'IQ')
    """
    from gazetteer.gazetteer import _cache_dir  # the one cache folder of the package

    return _cache_dir() / "geonames" / _country(country)


def installed(country: str = "IQ") -> Download | None:
    """The installed download of a country, or None (nothing installed, or an unreadable record).

    Examples
    --------
    >>> installed("ZZ") is None
    True
    """
    try:
        record = json.loads((folder(country) / _INFO).read_text("utf-8"))
        found = Download(**record)
    except (OSError, ValueError, TypeError):
        return None
    return found if all(p.is_file() for p in found.paths) else None


def download(country: str = "IQ", mirror: str = DEFAULT_MIRROR, progress: Progress | None = None) -> Download:
    """Fetch a country's dump and alternate names from ``mirror``, check them and install them.

    Parameters
    ----------
    country : str
        ISO 3166-1 alpha-2 code (GeoNames names the files by it).
    mirror : str
        An ``http(s)://`` or ``file://`` URL, or a folder, laid out as GeoNames'
        export folder: ``IQ.zip`` and ``alternatenames/IQ.zip``.
    progress : callable, optional
        Called as bytes arrive (see ``Progress``).

    Returns
    -------
    Download
        What was installed.

    Raises
    ------
    GazetteerDownloadError
        The mirror cannot be reached, a file is missing (404), too large, or not a
        dump, or the disk is full. The data installed before stays as it was.

    Examples
    --------
    >>> download("IQ", "file:///nowhere")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gazetteer.exceptions.GazetteerDownloadError: cannot fetch file:///nowhere/IQ.zip: ...
    """
    from gazetteer.sources.geonames import read_geonames

    country = _country(country)
    base = _base_url(mirror)
    target = folder(country)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{country}-", dir=target.parent))
    try:
        dump = staging / f"{country}.zip"
        names = staging / f"alternatenames-{country}.zip"
        _fetch(f"{base}{country}.zip", dump, progress)
        _fetch(f"{base}alternatenames/{country}.zip", names, progress)
        try:
            places, _ = read_geonames(dump, names)
        except GazetteerDataError as exc:
            raise GazetteerDownloadError(f"the download from {base} is not a GeoNames dump: {exc}") from None
        record = Download(
            country,
            base,
            datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            len(places),
            {p.name: _sha256(p) for p in (dump, names)},
        )
        (staging / _INFO).write_text(json.dumps(asdict(record), indent=1), "utf-8")
        _swap(staging, target)
    except GazetteerDownloadError:
        raise
    except OSError as exc:
        raise GazetteerDownloadError(_disk_message(exc, target)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _forget_default()
    return record


def remove(country: str = "IQ") -> bool:
    """Delete a country's download; True if there was one.

    Examples
    --------
    >>> remove("ZZ")
    False
    """
    target = folder(country)
    if not target.exists():
        return False
    shutil.rmtree(target)
    _forget_default()
    return True


def _country(code: str) -> str:
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise GazetteerDownloadError(f"{code!r} is not a country code (two letters, such as IQ)")
    return code.upper()


def _base_url(mirror: str) -> str:
    """The mirror as a URL ending in '/'; a folder becomes a file:// URL."""
    scheme = urllib.parse.urlsplit(mirror).scheme.lower()
    if scheme not in ("http", "https", "file"):
        if len(scheme) > 1:
            raise GazetteerDownloadError(f"{mirror}: not an http(s):// or file:// URL, nor a folder")
        mirror = Path(mirror).resolve().as_uri()
    return mirror if mirror.endswith("/") else mirror + "/"


def _fetch(url: str, path: Path, progress: Progress | None) -> None:
    """Copy ``url`` (its scheme checked by ``_base_url``) to ``path``, at most ``MAX_DOWNLOAD_BYTES``."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response, path.open("wb") as out:
            size = response.headers.get("Content-Length")
            total = int(size) if size and size.isdigit() else None
            if total is not None and total > MAX_DOWNLOAD_BYTES:
                raise GazetteerDownloadError(_too_large(url))
            received = 0
            while chunk := response.read(_CHUNK):
                received += len(chunk)
                if received > MAX_DOWNLOAD_BYTES:
                    raise GazetteerDownloadError(_too_large(url))
                out.write(chunk)
                if progress is not None:
                    progress(path.name, received, total)
    except urllib.error.HTTPError as exc:
        raise GazetteerDownloadError(f"cannot fetch {url}: {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        offline = (
            ""
            if url.startswith("file:")
            else ". Without the network, pass a GeoNames dump you have with --gazetteer FILE "
            "(or Gazetteer.from_geonames(path) in Python)"
        )
        raise GazetteerDownloadError(f"cannot fetch {url}: {reason}{offline}") from None


def _too_large(url: str) -> str:
    return f"{url} is larger than {MAX_DOWNLOAD_BYTES // 2**20} MiB, far more than a country dump: not downloaded"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(2**20):
            digest.update(chunk)
    return digest.hexdigest()


def _swap(staging: Path, target: Path) -> None:
    """Put ``staging`` where ``target`` is, in renames: the old data stays whole until the new is in place."""
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    try:
        os.replace(staging, target)
    except OSError:
        if old.exists():
            os.replace(old, target)  # put the previous data back
        raise
    shutil.rmtree(old, ignore_errors=True)


def _disk_message(exc: OSError, target: Path) -> str:
    what = "the disk is full" if exc.errno == errno.ENOSPC else str(exc)
    return f"cannot write the download to {target.parent}: {what}; the data installed before is kept"


def _forget_default() -> None:
    """Make ``Gazetteer.default()`` read the cache again in this process."""
    from gazetteer.gazetteer import Gazetteer

    with contextlib.suppress(AttributeError):
        Gazetteer.default.cache_clear()  # type: ignore[attr-defined]
