"""``geo-events gazetteer download|info|remove`` end to end, against a GeoNames mirror served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import io
import json
import re
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from gazetteer import Gazetteer, GazetteerDownloadError
from gazetteer.download import download, installed
from geo_events.cli import main

DATA = Path(__file__).parent / "data"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Iterator[Path]:
    """A cache folder of the test's own; ``Gazetteer.default()`` forgets what it read before and after."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("GEO_EVENTS_CACHE", str(folder))
    Gazetteer.default.cache_clear()
    yield folder
    Gazetteer.default.cache_clear()


def _mirror(folder: Path, dump: bytes | None = None) -> Path:
    """A folder laid out as GeoNames' export/dump: IQ.zip and alternatenames/IQ.zip, from the test samples."""
    (folder / "alternatenames").mkdir(parents=True)
    with zipfile.ZipFile(folder / "IQ.zip", "w") as zf:
        zf.writestr("readme.txt", "the sample dump")
        zf.writestr("IQ.txt", dump if dump is not None else (DATA / "IQ_sample.txt").read_bytes())
    with zipfile.ZipFile(folder / "alternatenames" / "IQ.zip", "w") as zf:
        zf.write(DATA / "alternateNames_sample.txt", "IQ.txt")
    return folder


@pytest.fixture
def server(tmp_path) -> Iterator[tuple[str, Path]]:
    """An HTTP server on 127.0.0.1 serving a mirror folder: its URL and the folder."""
    root = _mirror(tmp_path / "mirror")
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", root
    httpd.shutdown()
    httpd.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # no request lines in the test output
        pass


def cli(*argv: str) -> tuple[int, str, str]:
    out, log = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, log=log)
    return status, out.getvalue(), log.getvalue()


def test_download_extends_the_default_gazetteer_until_removed(cache, server):
    url, _ = server
    embedded = len(Gazetteer.embedded())
    before = Gazetteer.default().resolve("Qaryat Umm al Hasan")
    assert before is None or before.place.id != "geonames:1000001"

    status, out, _ = cli("gazetteer", "download", "--from", url)
    assert status == 0 and "installed GeoNames IQ" in out
    gz = Gazetteer.default()
    assert gz.resolve("Qaryat Umm al Hasan").place.id == "geonames:1000001"  # a place only the dump has
    assert gz.resolve("Emare").name == "Amarah"  # an alternate name, merged into the embedded place
    assert gz.resolve("Telafer").name == "Tal Afar"  # the embedded spellings stay

    status, out, _ = cli("gazetteer", "info", "--json")
    info = json.loads(out)
    assert status == 0 and info["places"] > embedded and info["names"] > info["places"]
    assert [s["name"] for s in info["sources"]] == ["embedded", f"GeoNames IQ from {url}"]
    assert info["sources"][1]["count"] == installed().places and info["sources"][1]["date"]

    status, out, _ = cli("resolve", "Qaryat Umm al Hasan")  # every command reads it
    assert status == 0 and "1 names: 1 resolved" in out

    status, out, _ = cli("gazetteer", "remove")
    assert status == 0 and "removed" in out and installed() is None
    assert len(Gazetteer.default()) == embedded
    assert cli("gazetteer", "remove")[1].startswith("no GeoNames IQ download")


def test_a_failed_download_keeps_the_data_installed_before(cache, server):
    url, root = server
    assert cli("gazetteer", "download", "--from", url)[0] == 0
    before = installed()

    (root / "alternatenames" / "IQ.zip").unlink()
    status, _, log = cli("gazetteer", "download", "--from", url)
    assert status == 1 and f"cannot fetch {url}alternatenames/IQ.zip: 404" in log

    (root / "IQ.zip").write_bytes(b"PK\x03\x04 not a zip at all")
    _mirror(root.parent / "again")  # a whole mirror again, for the names
    (root / "alternatenames").mkdir(exist_ok=True)
    (root / "alternatenames" / "IQ.zip").write_bytes((root.parent / "again" / "alternatenames" / "IQ.zip").read_bytes())
    status, _, log = cli("gazetteer", "download", "--from", url)
    assert status == 1 and "is not a GeoNames dump" in log and "Traceback" not in log

    assert installed() == before
    assert Gazetteer.default().resolve("Qaryat Umm al Hasan") is not None
    assert not [p for p in before.paths[0].parent.parent.iterdir() if p.name.startswith(".")]  # no leftovers


def test_offline_says_what_to_do_instead(cache):
    status, _, log = cli("gazetteer", "download", "--from", "http://127.0.0.1:9/")  # the discard port: refused
    assert status == 1 and "cannot fetch http://127.0.0.1:9/IQ.zip" in log and "--gazetteer FILE" in log
    assert installed() is None


def test_a_mirror_folder_and_progress(cache, tmp_path):
    seen: list[tuple[str, int, int | None]] = []
    found = download("iq", str(_mirror(tmp_path / "folder")), progress=lambda *a: seen.append(a))
    assert found.country == "IQ" and found.places == 7 and found.source.startswith("file://")
    assert {name for name, _, _ in seen} == {"IQ.zip", "alternatenames-IQ.zip"}
    assert all(received > 0 for _, received, _ in seen)


@pytest.mark.parametrize(
    ("country", "mirror", "message"),
    [
        ("Iraq", "file:///x", "'Iraq' is not a country code"),
        ("IQ", "ftp://example.org/dump/", "not an http(s):// or file:// URL"),
    ],
)
def test_bad_arguments(cache, country, mirror, message):
    with pytest.raises(GazetteerDownloadError, match=re.escape(message)):
        download(country, mirror)


def test_only_gazetteer_needs_a_file(cache):
    status, _, log = cli("gazetteer", "info", "--only-gazetteer")
    assert status == 2 and "--only-gazetteer needs --gazetteer PATH" in log
