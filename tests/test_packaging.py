"""The built wheel carries the data and works from anywhere in a fresh environment."""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

import pytest

from gluteutils import __version__
from gluteutils.schema import SCHEMAS

from .conftest import REPO
from .venvs import isolated_env, make_venv, run

PROBE = """
import json, gluteutils
tables = gluteutils.load_all()
print(json.dumps({
    "module": gluteutils.__file__,
    "data": str(gluteutils.data_dir()),
    "rows": {name: len(frame) for name, frame in tables.items()},
    "version": gluteutils.__version__,
}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--wheel", "--outdir", out, REPO], cwd=REPO)
    (built,) = out.glob("gluteutils-*.whl")
    return built


@pytest.mark.slow
def test_wheel_contains_every_data_file_and_the_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for schema in SCHEMAS.values():
        assert f"gluteutils/data/{schema.filename}" in names
    assert "gluteutils/__init__.py" in names
    assert "gluteutils/data/README.md" in names
    # the front ends of the radio groups and status lines (run by anywidget)
    front_ends = ("radio_group.js", "radio_group.css", "status_line.js")
    assert {f"gluteutils/static/{name}" for name in front_ends} <= names
    # enables the server extension that lets uploads over 10 MB reach the forms
    config = (
        f"gluteutils-{__version__}.data/data/etc/jupyter/jupyter_server_config.d/gluteutils.json"
    )
    assert config in names
    enabled = json.loads(zipfile.ZipFile(wheel).read(config))
    assert enabled == {"ServerApp": {"jpserver_extensions": {"gluteutils.server_extension": True}}}
    assert not any(n.startswith(("tests/", "notebooks/", "data/")) for n in names)


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_loads_the_data_from_outside_the_repo(
    wheel: Path, tmp_path: Path
) -> None:
    python = make_venv(tmp_path / "venv")
    run([python, "-m", "pip", "install", "--quiet", wheel], cwd=tmp_path)
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    report = json.loads(run([python, "-c", PROBE], cwd=elsewhere, env=isolated_env()))
    venv_root = (tmp_path / "venv").resolve()
    assert Path(report["module"]).resolve().is_relative_to(venv_root)
    assert Path(report["data"]).resolve().is_relative_to(venv_root)
    assert not Path(report["data"]).resolve().is_relative_to(REPO)
    from gluteutils import load_all

    assert report["rows"] == {name: len(frame) for name, frame in load_all().items()}
    # Jupyter servers of that environment load the extension (it raises the upload cap)
    listed = run(
        [python, "-m", "jupyter", "server", "extension", "list"],
        cwd=elsewhere,
        env=isolated_env(),
        stderr=True,
    )
    plain = re.sub(r"\x1b\[[0-9;]*m", "", listed)
    assert re.search(r"gluteutils\.server_extension\s+enabled", plain), plain
    assert re.search(r"gluteutils\.server_extension\s+OK", plain), plain
