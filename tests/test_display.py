"""Escaping, safe file names, download links and figures with alt text."""

from __future__ import annotations

import base64
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from gluteutils import display

HOSTILE = "<img src=x onerror=alert(1)>\"'&"


def test_escape_neutralises_markup_and_quotes() -> None:
    escaped = display.escape(HOSTILE)
    assert "<" not in escaped
    assert '"' not in escaped
    assert "'" not in escaped
    assert escaped.startswith("&lt;img")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("plan.csv", "plan.csv"),
        ("../../etc/passwd", "etc_passwd"),
        ("Ana María plan.csv", "Ana_María_plan.csv"),
        ("Zoe\u0308 Martin", "Zoë_Martin"),  # accent sent apart (macOS): composed
        ("王芳 / 李娜", "王芳_李娜"),
        ("🏃‍♀️ run", "run"),
        ("CON\u2215x", "CON_x"),  # a division slash is no letter
        ('"><script>.csv', "script_.csv"),
        ("...", "download"),
        ("", "download"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert display.safe_filename(name) == expected


def test_download_link_carries_the_bytes_and_escapes_the_label() -> None:
    data = "athlete,note\nZoë,=1+1\n".encode()
    link = display.download_link_html(data, "../my plan.csv", "text/csv", HOSTILE)
    assert 'download="my_plan.csv"' in link
    assert 'class="gfr-download"' in link
    payload = re.search(r'href="data:text/csv;base64,([^"]+)"', link).group(1)
    assert base64.b64decode(payload) == data
    assert "<img" not in link


def test_download_link_looks_like_a_link() -> None:
    # inside a widget neither JupyterLab nor Voila colours or underlines a link
    link = display.download_link_html(b"x", "a.csv", "text/csv", "Download")
    style = re.search(r'<a [^>]*style="([^"]+)"', link).group(1)
    assert "text-decoration:underline" in style
    assert "color:#1565c0" in style


def test_download_link_refuses_an_odd_media_type() -> None:
    link = display.download_link_html(b"x", "a.txt", 'text/html" onclick="x', "a")
    assert "data:application/octet-stream;base64," in link
    assert "onclick" not in link


def test_figure_png_renders() -> None:
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    assert display.figure_png(fig).startswith(b"\x89PNG")
    plt.close(fig)


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_figure_png_is_cropped_to_the_ink_and_leaves_the_figure_as_it_was() -> None:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3))
    ax = fig.add_axes((0.45, 0.45, 0.1, 0.1))  # a small box in the middle
    ax.set_axis_off()
    ax.add_patch(matplotlib.patches.Rectangle((0, 0), 1, 1, color="black"))
    canvas, dpi = fig.canvas, fig.dpi
    width, height = _png_size(display.figure_png(fig, dpi=100))
    pad = round(matplotlib.rcParams["savefig.pad_inches"] * 100)
    # the box is 40 x 30 pixels; the crop keeps it and the savefig padding, not the margins
    assert 40 <= width <= 40 + 2 * pad + 2
    assert 30 <= height <= 30 + 2 * pad + 2
    assert (fig.canvas, fig.dpi) == (canvas, dpi)


def test_figure_png_keeps_ink_drawn_beyond_the_figure() -> None:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1))
    fig.text(0.1, 0.5, "a label far wider than this small figure is", fontsize=12)
    width, _height = _png_size(display.figure_png(fig, dpi=50))
    assert width > 2 * 50 + 50  # grown to the text, not cut at the figure's edge


def test_figure_png_keeps_a_blank_figure_whole() -> None:
    from matplotlib.figure import Figure

    assert _png_size(display.figure_png(Figure(figsize=(2, 1)), dpi=50)) == (100, 50)


def test_show_figure_demands_alt_text() -> None:
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="alt text"):
        display.show_figure(fig, alt="  ")
    plt.close(fig)


def test_show_figure_attaches_alt_text(monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(
        "IPython.display.display",
        lambda obj, raw, metadata: shown.append((obj, raw, metadata)),
    )
    fig, _ = plt.subplots()
    display.show_figure(fig, alt="A falling <line>.")
    ((bundle, raw, metadata),) = shown
    assert metadata == {"image/png": {"alt": "A falling <line>."}}
    assert raw
    # JupyterLab and Voila ignore the PNG's alt metadata: they show the HTML <img>
    assert bundle["text/html"].startswith('<img class="gfr-figure" alt="A falling &lt;line&gt;."')
    assert bundle["text/html"].endswith(f'base64,{bundle["image/png"]}">')
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert not plt.fignum_exists(fig.number)


def test_table_html_escapes_and_leaves_missing_values_blank() -> None:
    import pandas as pd

    frame = pd.DataFrame(
        {
            "who": ["<img src=x onerror=alert(1)>", "Al"],
            "pain": pd.array([None, 3], dtype="Int64"),
            "load": [float("nan"), 20.5],
            "note": pd.array(["", None], dtype=object),
        }
    )
    html_table = display.table_html(frame, "gfr-a gfr-b", border=0)
    assert "<img" not in html_table
    assert "&lt;img" in html_table
    assert "NA" not in html_table
    assert "nan" not in html_table
    cells = re.findall(r"<td>(.*?)</td>", html_table)
    assert cells == ["&lt;img src=x onerror=alert(1)&gt;", "", "", "", "Al", "3", "20.5", ""]
    assert 'class="dataframe gfr-a gfr-b"' in html_table
    assert frame["pain"].isna().sum() == 1  # the caller's frame is left as it was


def test_doctests() -> None:
    import doctest

    failures, _ = doctest.testmod(display)
    assert failures == 0
