"""The notebooks run from top to bottom, offline."""

from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    shown = [o.get("data", {}) for o in outputs if o.output_type in ("display_data", "execute_result")]
    if path.name in SHOWS:  # charts and maps appear in the notebook itself (#16), not only in files
        kinds = SHOWS[path.name]
        assert ("chart" not in kinds) or any("image/png" in d for d in shown)
        assert ("map" not in kinds) or any(
            "geoEvents.start(" in (h := d.get("text/html", "")) and "controlMap" in h for d in shown
        )


#: What each notebook shows inline.
SHOWS = {"quickstart.ipynb": ("chart", "map"), "mosul_offensive.ipynb": ("chart",)}


def test_there_are_notebooks():
    assert NOTEBOOKS
