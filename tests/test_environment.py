"""The set-up check the start notebook shows."""

from __future__ import annotations

from gluteutils import check_environment


def test_every_runtime_requirement_is_reported_ok_here() -> None:
    report = check_environment()
    packages = set(report["package"])
    assert {"python", "jupyterlab", "ipywidgets", "pandas", "matplotlib", "voila"} <= packages
    assert "pytest" not in packages, "test-only extras must not be listed"
    assert (report["status"] == "OK").all(), report.to_string()


def test_a_missing_package_is_reported(monkeypatch) -> None:
    from importlib import metadata

    real_version = metadata.version

    def fake_version(name: str) -> str:
        if name == "voila":
            raise metadata.PackageNotFoundError(name)
        if name == "pandas":
            return "1.0.0"
        return real_version(name)

    monkeypatch.setattr(metadata, "version", fake_version)
    report = check_environment().set_index("package")
    assert report.loc["voila", "status"] == "missing"
    assert report.loc["pandas", "status"] == "too old or too new"
