"""The shared CSV-reading layer in gluteutils.files: decode, sniff, split, walk the records."""

from __future__ import annotations

import mmap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gluteutils.errors import DataValidationError, Problem
from gluteutils.files import (
    decode_bytes,
    detect_encoding,
    file_error,
    iter_records,
    normalise_header,
    read_csv_rows,
    sniff_delimiter,
    source_buffer,
    source_bytes,
    source_label,
)
from gluteutils.plan_columns import PLAN_COLUMNS, require_plan_columns

# --- decoding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Zoë,Müller\r\n".encode(), "utf-8"),
        ("Zoë,Müller\r\n".encode("utf-8-sig"), "utf-8-sig"),
        ("Zoë,Müller\r\n".encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + "Zoë,Müller\r\n".encode("utf-16-be"), "utf-16"),
        ("Zoë,Müller\r\n".encode("cp1252"), "cp1252"),
    ],
)
def test_decode_bytes_reads_each_encoding_and_says_which(data: bytes, encoding: str) -> None:
    text, used = decode_bytes(data, "log.csv")
    assert (text, used) == ("Zoë,Müller\r\n", encoding)
    assert detect_encoding(data, "log.csv") == encoding


def test_a_bom_is_never_part_of_the_text() -> None:
    text, used = decode_bytes(b"\xef\xbb\xbfdate,km\r\n", "run.csv")
    assert text.startswith("date")
    assert used == "utf-8-sig"


def test_bytes_no_encoding_decodes_give_one_clear_error() -> None:
    # 0x81 is undefined in Windows-1252 and invalid as UTF-8
    with pytest.raises(DataValidationError, match="not text in UTF-8, UTF-16 or Windows-1252"):
        decode_bytes(b"a\x81b", "log.csv")


def test_a_utf8_only_format_refuses_windows_1252() -> None:
    with pytest.raises(DataValidationError, match="is not UTF-8 text") as caught:
        decode_bytes("Zoë".encode("cp1252"), "profile", encodings=("utf-8",))
    assert caught.value.problems == [Problem("profile", None, None, None, "is not UTF-8 text")]


def test_detect_encoding_checks_characters_split_across_its_pieces() -> None:
    # a two-byte character straddles the 1 MiB piece boundary
    data = b"a" * ((1 << 20) - 1) + "ë".encode() + b"z"
    assert detect_encoding(data, "big.csv") == "utf-8"


def _reference_encoding(data: bytes) -> str | None:
    """The encoding detect_encoding should find, from whole-file decodes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        attempts: tuple[str, ...] = ("utf-16",)
    else:
        attempts = ("utf-8", "cp1252")
    for encoding in attempts:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return "utf-8-sig" if encoding == "utf-8" and data.startswith(b"\xef\xbb\xbf") else encoding
    return None


@given(
    st.lists(
        st.one_of(st.binary(max_size=6), st.text(max_size=4).map(str.encode)), max_size=12
    ).map(b"".join)
)
@example(b"ab\xc3" + b"abc" + b"\xa9")  # a character left open across an ASCII piece
def test_detect_encoding_in_small_pieces_agrees_with_decoding_the_whole_file(data: bytes) -> None:
    # pieces of 3 bytes: ASCII pieces are skipped, characters straddle the pieces
    from gluteutils import files

    original = files._CHUNK
    files._CHUNK = 3
    try:
        expected = _reference_encoding(data)
        if expected is None:
            with pytest.raises(DataValidationError):
                detect_encoding(data, "x.csv")
        else:
            assert detect_encoding(data, "x.csv") == expected
    finally:
        files._CHUNK = original


@given(st.text())
def test_any_utf8_text_decodes_to_itself(text: str) -> None:
    assert decode_bytes(text.encode(), "x.csv")[0] == text


# --- the separator -------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_sniff_picks_the_separator_that_splits_the_header_into_known_columns(
    delimiter: str,
) -> None:
    text = delimiter.join(["Date", "Reps", "Notes"]) + "\r\n2025-03-03,5;6\t7\r\n"
    assert sniff_delimiter(text, {"date", "reps", "notes"}) == delimiter


def test_sniff_never_splits_a_single_column_file_on_a_letter() -> None:
    # csv.Sniffer picks "t" here (pandas#53035); we only ever pick , ; or tab
    assert sniff_delimiter("notes\r\nthat\r\nthis\r\n") == ","


def test_sniff_without_names_prefers_the_most_cells() -> None:
    assert sniff_delimiter("a;b;c,d\r\n1;2;3,4\r\n") == ";"


# --- reading rows ---------------------------------------------------------------------------


def test_read_csv_rows_reads_paths_bytes_and_memoryviews(tmp_path: Path) -> None:
    data = "a;b\r\n1,5;Zoë\r\n".encode("cp1252")
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    for source in (path, str(path), data, bytearray(data), memoryview(data)):
        rows, encoding = read_csv_rows(source, "x.csv", columns={"a", "b"})
        assert rows == [["a", "b"], ["1,5", "Zoë"]]
        assert encoding == "cp1252"


def test_cells_keep_na_words_leading_zeros_and_spaces() -> None:
    rows, _ = read_csv_rows(b"name,code\r\nNA, 007 \r\nnull,\r\n", "x.csv")
    assert rows[1:] == [["NA", " 007 "], ["null", ""]]


def test_an_empty_file_gives_no_rows() -> None:
    assert read_csv_rows(b"", "x.csv") == ([], "utf-8")


def test_unreadable_csv_is_one_clear_error() -> None:
    huge = b"a\r\n" + b"x" * 200_000 + b"\r\n"  # longer than csv's field limit
    with pytest.raises(DataValidationError, match="is not a readable CSV file"):
        read_csv_rows(huge, "x.csv")


def test_a_file_too_large_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"a\r\n" + b"1\r\n" * 600)

    def never(*args: object) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", never)
    with pytest.raises(DataValidationError, match=r"is 0\.0 MB; files over 0\.001 MB are refused"):
        source_bytes(path, "big.csv", max_bytes=1000)
    with pytest.raises(DataValidationError, match="are refused"):
        read_csv_rows(b"x" * 1001, "up.csv", max_bytes=1000)


def test_source_label_names_paths_by_their_file_name(tmp_path: Path) -> None:
    assert source_label(tmp_path / "log.csv", "upload") == "log.csv"
    assert source_label(b"data", "upload") == "upload"
    assert source_label(memoryview(b"data"), "upload") == "upload"


def test_normalise_header() -> None:
    assert normalise_header("\ufeff  Exercise Name ") == "exercise name"


def test_file_error_names_the_file_only() -> None:
    error = file_error("log.csv", "is empty")
    assert error.problems == [Problem("log.csv", None, None, None, "is empty")]


# --- walking the records --------------------------------------------------------------------


def test_iter_records_skips_empty_rows_and_repeated_headers_and_numbers_rows() -> None:
    text = b'a,b\r\n1,"two\r\nlines"\r\n\r\n , \r\nA , B\r\n3,4,5\r\n6\r\n7,8\r\n'
    rows, _ = read_csv_rows(text, "x.csv")
    problems: list[Problem] = []
    skipped: list[tuple[int, str]] = []
    records = list(iter_records(rows, ["a", "b"], "x.csv", problems, skipped))
    # the quoted line break stays inside row 2, so row numbers match a spreadsheet's
    assert records == [(2, {"a": "1", "b": "two\r\nlines"}), (8, {"a": "7", "b": "8"})]
    assert skipped == [(3, "empty"), (4, "empty"), (5, "header")]
    assert problems == [
        Problem("x.csv", 6, None, None, "has 3 cells, the header has 2"),
        Problem("x.csv", 7, None, None, "has 1 cells, the header has 2"),
    ]


def test_iter_records_without_a_skipped_list_still_skips() -> None:
    rows = [["a"], [""], ["a"], ["1"]]
    assert list(iter_records(rows, ["a"], "x.csv", [])) == [(4, {"a": "1"})]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_give_rows_or_only_our_error(data: bytes) -> None:
    try:
        rows, _ = read_csv_rows(data, "x.csv")
    except DataValidationError:
        return
    if rows:
        problems: list[Problem] = []
        for number, record in iter_records(rows, rows[0], "x.csv", problems):
            assert number >= 2
            assert len(record) <= len(rows[0])


# --- plan columns -----------------------------------------------------------------------------


def test_require_plan_columns_names_every_missing_column() -> None:
    frame = pd.DataFrame({name: [] for name in PLAN_COLUMNS if name not in ("date", "cues")})
    with pytest.raises(DataValidationError) as caught:
        require_plan_columns(frame, "plan.csv")
    assert [(p.file, p.column, p.message) for p in caught.value.problems] == [
        ("plan.csv", "date", "the plan has no such column"),
        ("plan.csv", "cues", "the plan has no such column"),
    ]
    require_plan_columns(pd.DataFrame({name: [] for name in PLAN_COLUMNS}))


def test_a_path_with_a_nul_character_is_our_error_not_a_crash() -> None:
    with pytest.raises(DataValidationError, match="is not a usable file path"):
        read_csv_rows("bad\x00name.csv", "bad.csv")


# --- read_typed_columns: the optional pyarrow reader ---------------------------------------


def _cells(coded: dict, position: int) -> list[str]:
    codes, texts = coded[position]
    return [str(t) for t in texts[codes]]


def test_typed_columns_keep_text_as_written_by_default() -> None:
    pytest.importorskip("pyarrow")
    from gluteutils.arrow_csv import read_typed_columns

    data = b"name,reps,load\r\nNA,12,20.50\r\n=1+1,,7\r\nAna,3,\r\n"
    header = ["name", "reps", "load"]
    read = read_typed_columns(data, "utf-8", ",", header, [0, 1, 2])
    assert read is not None
    text = read.texts
    assert _cells(text, 0) == ["NA", "=1+1", "Ana"]  # no NA guessing, no formulas
    assert _cells(text, 1) == ["12", "", "3"]
    assert _cells(text, 2) == ["20.50", "7", ""]  # the file's own spelling


def test_typed_columns_give_numbers_and_coded_text() -> None:
    pytest.importorskip("pyarrow")
    from gluteutils.arrow_csv import read_typed_columns

    data = b'name,load,note\r\nNA,20.50,\r\n=1+1,,"a, b"\r\nAna, 1e2 ,\r\n'
    header = ["name", "load", "note"]
    read = read_typed_columns(data, "utf-8", ",", header, [0, 1, 2], numbers=[1], free_text=[2])
    assert read is not None
    assert read.numbers[1].tolist()[::2] == [20.5, 100.0]
    assert np.isnan(read.numbers[1][1])  # an empty cell
    assert _cells(read.texts, 0) == ["NA", "=1+1", "Ana"]
    assert _cells(read.texts, 2) == ["", "a, b", ""]
    empty_notes = read_typed_columns(
        b"name,note\nAna,\nBo,\n", "utf-8", ",", ["name", "note"], [0, 1], free_text=[1]
    )
    assert empty_notes is not None
    assert _cells(empty_notes.texts, 1) == ["", ""]


@pytest.mark.parametrize("cell", ["12,5", "nan", "NaN", "inf", "-Infinity", "1e400", "7 kg"])
def test_typed_columns_refuse_a_number_column_that_is_not_finite_plain_numbers(cell: str) -> None:
    pytest.importorskip("pyarrow")
    from gluteutils.arrow_csv import read_typed_columns

    data = f'name,load\r\nAna,20\r\nBo,"{cell}"\r\n'.encode()
    header = ["name", "load"]
    assert read_typed_columns(data, "utf-8", ",", header, [0, 1]) is not None
    assert read_typed_columns(data, "utf-8", ",", header, [0, 1], numbers=[1]) is None


@pytest.mark.parametrize("quoted", [True, False])
def test_typed_columns_read_a_memory_map_and_refuse_ragged_rows(
    tmp_path: Path, quoted: bool
) -> None:
    pytest.importorskip("pyarrow")
    from gluteutils.arrow_csv import read_typed_columns

    name = '"Ana"' if quoted else "Ana"  # without quotes pyarrow splits blocks more freely
    path = tmp_path / "x.csv"
    path.write_bytes(f"name,load\n{name},1\n".encode() * 3)
    with source_buffer(path, "x.csv") as data:
        assert isinstance(data, mmap.mmap)
        read = read_typed_columns(data, "utf-8", ",", ["name", "load"], [0, 1], numbers=[1])
        assert read is None  # the repeated header is a word in a number column
        read = read_typed_columns(data, "utf-8", ",", ["name", "load"], [0, 1])
        assert read is not None
        assert _cells(read.texts, 0) == ["Ana", "name", "Ana", "name", "Ana"]
    ragged = b"name,load\nAna,1\nBo\n"
    assert read_typed_columns(ragged, "utf-8", ",", ["name", "load"], [0, 1]) is None


def test_source_buffer_maps_a_path_and_gives_bytes_back(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"a,b\n1,2\n")
    with source_buffer(path, "x.csv") as data:
        assert data[:] == b"a,b\n1,2\n"
        assert data.find(b"1") == 4
    assert data.closed
    with source_buffer(b"raw", "x.csv") as raw:
        assert raw == b"raw"
    (tmp_path / "empty.csv").write_bytes(b"")
    with source_buffer(tmp_path / "empty.csv", "empty.csv") as empty:
        assert empty == b""  # an empty file cannot be mapped
    too_large = pytest.raises(DataValidationError, match="files over")
    with too_large, source_buffer(path, "x", max_bytes=3):
        pass


def test_number_text_is_the_shortest_exact_spelling() -> None:
    from gluteutils.files import number_text

    assert [number_text(v) for v in (12.0, 20.5, 0.1, -3.0, 1e20)] == [
        "12",
        "20.5",
        "0.1",
        "-3",
        "1e+20",
    ]
    assert float(number_text(2 / 3)) == 2 / 3
