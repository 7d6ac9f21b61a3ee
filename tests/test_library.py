"""Loading and validating the shipped data tables."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pandas as pd
import pytest

import gluteutils
from gluteutils import library
from gluteutils.data_docs import SAMPLE_FILES, data_readme
from gluteutils.errors import DataValidationError, Problem
from gluteutils.schema import SCHEMAS, Column, TableSchema

from .conftest import REPO

TOY = TableSchema(
    name="toy",
    filename="toy.csv",
    description="A table for the tests.",
    key="toy_id",
    columns=(
        Column("toy_id", "id", "Identifier."),
        Column("label", "text", "Free text."),
        Column("count", "integer", "A count.", minimum=0, maximum=10),
        Column("weight", "number", "A weight.", required=False, unit="kg", minimum=0),
        Column("colour", "choice", "A colour.", choices=("red", "blue")),
        Column("tags", "list", "Tags.", required=False, choices=("a", "b", "c")),
        Column("day", "date", "A day.", required=False),
        Column("link", "url", "A link.", required=False),
        Column("sources", "list", "Citations.", references="sources"),
    ),
)
HEADER = "toy_id,label,count,weight,colour,tags,day,link,sources\n"
GOOD_ROW = "one,NA,3,2.5,red,a|b,2025-03-01,https://example.org,lieberman_2006\n"


def parse(text: str) -> pd.DataFrame:
    return library.validate_frame(library.read_raw(text, TOY), TOY)


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(DataValidationError) as info:
        parse(text)
    return info.value.problems


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_shipped_table_loads_and_has_unique_keys(name: str) -> None:
    table = gluteutils.load_table(name)
    schema = SCHEMAS[name]
    assert list(table.columns) == schema.column_names
    assert len(table) > 0
    assert table[schema.key].is_unique


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_plain_columns_hold_the_values_of_the_table(name: str) -> None:
    table, columns = gluteutils.load_table(name), gluteutils.load_columns(name)
    assert list(columns) == SCHEMAS[name].column_names
    for column in table.columns:
        expected = [
            None if v is pd.NA or (isinstance(v, float) and v != v) else v for v in table[column]
        ]
        assert list(columns[column]) == expected, column
    columns.clear()  # a new dict each call: the cache is untouched
    assert list(gluteutils.load_columns(name)) == SCHEMAS[name].column_names


def test_all_tables_load_together_and_their_references_resolve() -> None:
    tables = gluteutils.load_all()
    assert set(tables) == set(SCHEMAS)


def test_every_data_file_has_a_schema_or_is_a_documented_sample() -> None:
    shipped = {p.name for p in (REPO / "data").glob("*.csv")}
    described = {s.filename for s in SCHEMAS.values()} | set(SAMPLE_FILES)
    assert shipped == described


@pytest.mark.parametrize("name", sorted(SAMPLE_FILES))
def test_every_sample_file_reads_with_its_own_reader(name: str) -> None:
    _, load = SAMPLE_FILES[name]
    assert load() is not None


def test_a_good_row_is_typed() -> None:
    frame = parse(HEADER + GOOD_ROW)
    row = frame.iloc[0]
    assert row["label"] == "NA"  # a name such as NA is kept, never turned into a missing value
    assert row["count"] == 3
    assert str(frame["count"].dtype) == "Int64"
    assert row["weight"] == pytest.approx(2.5)
    assert row["tags"] == ("a", "b")
    assert row["day"] == date(2025, 3, 1)
    assert row["sources"] == ("lieberman_2006",)


def test_optional_cells_may_be_empty_and_blank_rows_are_ignored() -> None:
    frame = parse(HEADER + "one,x,0,,blue,,,,s\n,,,,,,,,\n")
    assert len(frame) == 1
    assert frame.iloc[0]["tags"] == ()
    assert pd.isna(frame.iloc[0]["weight"])


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        ("One Two,x,1,,red,,,,s", "toy_id", "lower-case letters"),
        ("two,,1,,red,,,,s", "label", "must not be empty"),
        ("two,x,ten,,red,,,,s", "count", "whole number"),
        ("two,x,1.5,,red,,,,s", "count", "whole number"),
        ("two,x,11,,red,,,,s", "count", "at most 10"),
        ("two,x,1,-2,red,,,,s", "weight", "at least 0"),
        ("two,x,1,heavy,red,,,,s", "weight", "must be a number"),
        ("two,x,1,nan,red,,,,s", "weight", "finite"),
        ("two,x,1,,green,,,,s", "colour", "one of: red, blue"),
        ("two,x,1,,red,a|z,,,s", "tags", "z not allowed"),
        ("two,x,1,,red,a||b,,,s", "tags", "empty item"),
        ("two,x,1,,red,,01/03/2025,,s", "day", "YYYY-MM-DD"),
        ("two,x,1,,red,,,javascript:alert(1),s", "link", "https://"),
    ],
)
def test_a_bad_cell_is_named_by_file_row_and_column(row: str, column: str, fragment: str) -> None:
    problems = problems_of(HEADER + GOOD_ROW + row + "\n")
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.row, problem.column) == ("toy.csv", 3, column)
    assert fragment in problem.message
    assert f"toy.csv, row 3, column '{column}'" in str(problem)


def test_every_problem_is_reported_at_once() -> None:
    text = HEADER + "one,x,ten,,green,,,,s\none,,1,,red,,,,s\n"
    with pytest.raises(DataValidationError) as info:
        parse(text)
    found = {(p.row, p.column) for p in info.value.problems}
    assert found == {(2, "count"), (2, "colour"), (3, "label"), (3, "toy_id")}
    assert "4 problems" in str(info.value)
    assert "repeats the identifier already used in row 2" in str(info.value)


def test_missing_and_unexpected_columns_are_named() -> None:
    text = "toy_id,labl,count,weight,colour,tags,day,link,sources\n" + GOOD_ROW
    problems = problems_of(text)
    assert {(p.row, p.column, p.message) for p in problems} == {
        (1, "label", "required column is missing"),
        (1, "labl", "unexpected column (check its spelling)"),
    }


def test_a_ragged_row_is_refused_with_the_file_named() -> None:
    problems = problems_of(HEADER + GOOD_ROW + "two,x,1,,red,,,,s,extra,cells\n")
    assert problems[0].file == "toy.csv"
    assert "not a readable CSV file" in problems[0].message


def test_raw_reading_keeps_text_pads_short_rows_and_refuses_a_repeated_column() -> None:
    raw = library.read_raw("a,b,c\n\nNA,=1,\nx\n", TOY)
    assert raw.to_dict("list") == {"a": ["NA", "x"], "b": ["=1", ""], "c": ["", ""]}
    assert all(raw[c].dtype == object for c in raw.columns)
    assert list(library.read_raw("a,b\n", TOY).columns) == ["a", "b"]
    for text, reason in (("a,b,a\n1,2,3\n", "names 'a' more than once"), ("", "no header")):
        with pytest.raises(DataValidationError, match=reason):
            library.read_raw(text, TOY)


def test_references_must_resolve() -> None:
    frame = parse(HEADER + GOOD_ROW + "two,x,1,,red,,,,lieberman_2006|nobody_1999\n")
    sources = gluteutils.load_sources()
    with pytest.raises(DataValidationError) as info:
        _check_with_toy(sources, frame)
    problem = info.value.problems[0]
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "toy.csv",
        3,
        "sources",
        "nobody_1999",
    )
    assert "names no row of sources.csv" in problem.message


def _check_with_toy(sources: pd.DataFrame, frame: pd.DataFrame) -> None:
    original = dict(SCHEMAS)
    SCHEMAS["toy"] = TOY
    try:
        library.check_references({"sources": sources, "toy": frame})
    finally:
        SCHEMAS.clear()
        SCHEMAS.update(original)


def test_a_spreadsheet_byte_order_mark_is_accepted(tmp_path, monkeypatch) -> None:
    text = (REPO / "data" / "sources.csv").read_text(encoding="utf-8")
    (tmp_path / "sources.csv").write_text("\ufeff" + text, encoding="utf-8")
    monkeypatch.setattr(library, "data_dir", lambda: tmp_path)
    library._forget_loaded()
    try:
        assert next(iter(gluteutils.load_sources().columns)) == "source_id"
    finally:
        library._forget_loaded()


def test_a_broken_shipped_file_raises_naming_it(tmp_path, monkeypatch) -> None:
    lines = (REPO / "data" / "sources.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("article", "articel", 1)
    (tmp_path / "sources.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(library, "data_dir", lambda: tmp_path)
    library._forget_loaded()
    try:
        with pytest.raises(DataValidationError, match=r"sources.csv, row 3, column 'kind'"):
            gluteutils.load_sources()
    finally:
        library._forget_loaded()


def test_load_table_returns_a_copy_each_time() -> None:
    first = gluteutils.load_sources()
    first.loc[:, "title"] = "changed"
    assert (gluteutils.load_sources()["title"] != "changed").all()


def test_unknown_table_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match=r"known tables: .*sources"):
        gluteutils.load_table("sorces")


def test_cite_formats_a_reference() -> None:
    text = gluteutils.cite("lieberman_2006")
    assert text.startswith("Lieberman DE")
    assert "(2006)" in text
    assert "Journal of Experimental Biology" in text
    with pytest.raises(KeyError, match="no source"):
        gluteutils.cite("nobody")


def test_sources_table_lists_articles_first() -> None:
    table = gluteutils.sources_table()
    kinds = list(table["Kind"])
    assert kinds == sorted(kinds, key=lambda k: k != "article")
    assert len(table) == len(gluteutils.load_sources())
    assert table["Checked"].notna().all()


def test_data_readme_is_generated_from_the_schemas() -> None:
    readme = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    assert readme == data_readme(), "regenerate: python -m gluteutils data-docs > data/README.md"


def test_command_line_checks_the_data() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gluteutils", "check-data"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "sources:" in result.stdout
    assert "are valid" in result.stdout


def test_command_line_reports_bad_data_without_a_traceback(tmp_path, monkeypatch, capsys) -> None:
    from gluteutils.__main__ import main

    (tmp_path / "sources.csv").write_text("source_id\nBad Id\n", encoding="utf-8")
    monkeypatch.setattr(library, "data_dir", lambda: tmp_path)
    library._forget_loaded()
    try:
        assert main(["check-data"]) == 1
    finally:
        library._forget_loaded()
    err = capsys.readouterr().err
    assert err.startswith("error: sources.csv")
    assert "Traceback" not in err
