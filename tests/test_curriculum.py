"""Which notebooks teach from which source."""

from __future__ import annotations

import json

import pandas as pd

from gluteutils import sources_table
from gluteutils.curriculum import notebook_texts, sources_by_notebook, sources_overview

from .conftest import NOTEBOOKS_DIR


def test_a_source_is_taught_where_its_id_is_named() -> None:
    sources = pd.DataFrame({"Source": ["A", "B", "C"]}, index=["alpha_1", "beta", "alpha"])
    texts = {"01": "see alpha_1 and beta", "02": "only alpha here", "03": "alphabet"}
    table = sources_by_notebook(texts, sources)
    assert list(table["Taught in"]) == ["01", "01", "02"]
    assert "Taught in" not in sources.columns  # the input is left alone


def test_notebook_texts_reads_only_curriculum_notebooks(tmp_path) -> None:
    cell = {"cell_type": "markdown", "metadata": {}, "source": ["hello ", "world"]}
    for name in ("01_a.ipynb", "scratch.ipynb"):
        (tmp_path / name).write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    assert notebook_texts(tmp_path) == {"01": "hello world"}


def test_every_article_is_taught_in_some_notebook() -> None:
    overview = sources_overview(NOTEBOOKS_DIR)
    assert len(overview) == len(sources_table())
    articles = overview[overview["Kind"] == "article"]
    assert (articles["Taught in"] != "").all(), articles[articles["Taught in"] == ""]


def test_nbgitpuller_link_opens_the_start_notebook_on_the_hub() -> None:
    from urllib.parse import parse_qs, urlparse

    from gluteutils.curriculum import nbgitpuller_link

    link = nbgitpuller_link("https://hub.example.org/")
    parsed = urlparse(link)
    assert parsed.path == "/hub/user-redirect/git-pull"
    query = parse_qs(parsed.query)
    assert query["repo"] == ["https://github.com/glutes-for-runners/glutes-for-runners"]
    assert query["branch"] == ["main"]
    assert query["urlpath"] == ["lab/tree/glutes-for-runners/notebooks/00_start_here.ipynb"]
    app = nbgitpuller_link(
        "https://hub.example.org", "notebooks/05_plan_builder.ipynb", app="voila"
    )
    assert parse_qs(urlparse(app).query)["urlpath"] == [
        "voila/render/glutes-for-runners/notebooks/05_plan_builder.ipynb"
    ]


def test_nbgitpuller_link_refuses_odd_input() -> None:
    import pytest

    from gluteutils.curriculum import nbgitpuller_link

    with pytest.raises(ValueError, match="https"):
        nbgitpuller_link("javascript:alert(1)")
    with pytest.raises(ValueError, match="lab"):
        nbgitpuller_link("https://hub.example.org", app="shell")
