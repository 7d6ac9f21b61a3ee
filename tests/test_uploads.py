"""Upload values of every shape come out as (name, bytes, size)."""

from __future__ import annotations

from gluteutils.uploads import uploaded_files


def test_ipywidgets_8_values_give_name_bytes_and_the_reported_size() -> None:
    value = (
        {"name": "log.csv", "content": memoryview(b"a,b\r\n"), "size": 5},
        {"name": "plan.csv", "content": memoryview(b"xyz"), "size": 999},
    )
    assert uploaded_files(value) == [("log.csv", b"a,b\r\n", 5), ("plan.csv", b"xyz", 999)]


def test_missing_fields_get_the_default_name_and_the_content_length() -> None:
    assert uploaded_files([{"content": b"12345"}], default_name="plan.csv") == [
        ("plan.csv", b"12345", 5)
    ]


def test_no_upload_gives_no_files() -> None:
    assert uploaded_files(None) == []
    assert uploaded_files(()) == []
