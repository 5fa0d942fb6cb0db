"""Scans: OCR boxes back into rows and cells, comparators read by shape, deskew,
low confidence reported.  Images are drawn here with the bundled CJK font."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import goalnlp
from goalnlp.io import read_source
from goalnlp.ocr import comparator_glyph, skew_angle

FONT = next((Path(goalnlp.__file__).parent / "fonts").glob("*.ttf"))
HEADER = ("一级指标", "二级指标", "三级指标", "符号", "指标值")
ROWS = [
    ("产出指标", "数量指标", "培训基层农技人员", "≥", "500人次"),
    ("", "", "发放补助资金覆盖学校数", "≥", "12所"),
    ("", "质量指标", "项目支出", "≤", "37.31万元"),
    ("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥", "90%"),
]
WIDTHS = (260, 330, 560, 130, 260)


def _table_image(*, rotate: float = 0.0, noise: float = 0.0, scale: float = 1.0) -> Image.Image:
    """A ruled table as a scan shows it: category cells merged down, a lone comparator
    per row in its own column, a title above."""
    font = ImageFont.truetype(str(FONT), int(34 * scale))
    row_h, left, top = int(70 * scale), int(60 * scale), int(150 * scale)
    widths = [int(w * scale) for w in WIDTHS]
    xs = [left + sum(widths[:i]) for i in range(len(widths) + 1)]
    n = len(ROWS) + 1
    ys = [top + i * row_h for i in range(n + 1)]
    im = Image.new("L", (xs[-1] + left, ys[-1] + int(80 * scale)), 255)
    d = ImageDraw.Draw(im)
    d.text((left, int(50 * scale)), "项目名称：基层农技推广补助项目", font=font, fill=0)
    merged = {(1, 0): 2, (1, 1): 1}  # (row, col) -> extra rows the cell spans
    covered = {(r + k, c) for (r, c), extra in merged.items() for k in range(1, extra + 1)}
    table = [HEADER, *ROWS]
    for r in range(n):
        for c in range(len(widths)):
            if (r, c) in covered:
                continue
            bottom = ys[r + 1 + merged.get((r, c), 0)]
            d.rectangle((xs[c], ys[r], xs[c + 1], bottom), outline=0, width=max(2, int(2 * scale)))
            text = table[r][c]
            if text:
                tw = d.textlength(text, font=font)
                d.text((xs[c] + (widths[c] - tw) / 2, (ys[r] + bottom) / 2 - 20 * scale), text, font=font, fill=0)
    if rotate:
        im = im.rotate(rotate, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if noise:
        rng = np.random.default_rng(0)
        a = np.asarray(im).astype(np.float32) + rng.normal(0, noise * 255, (im.height, im.width))
        im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return im


def _png(im: Image.Image, path: Path) -> Path:
    im.save(path)
    return path


def test_scanned_table_rows_cells_and_comparators(tmp_path: Path) -> None:
    src = read_source(_png(_table_image(), tmp_path / "scan.png"))
    assert src.media == "image" and src.line_pages and src.line_confidence
    recs = goalnlp.extract(tmp_path / "scan.png")
    inds = [r for r in recs if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"]) for r in inds] == [
        ("培训基层农技人员", "≥500人次"),
        ("发放补助资金覆盖学校数", "≥12所"),
        ("项目支出", "≤37.31万元"),
        ("参训人员满意度", "≥90%"),
    ]
    assert [r["level2"] for r in inds] == ["数量", "数量", "质量", "服务对象满意度"]
    assert recs[0]["project"] == "基层农技推广补助项目"
    # Provenance: page, box in pixels, and the confidence of what was read.
    assert all(r["page"] == 1 and len(r["bbox"]) == 4 and 0 < r["ocr_confidence"] <= 1 for r in inds)
    # Comparators the recogniser could not read alone were read by shape, and say so.
    shaped = [d for r in inds for d in r["ocr_doubtful"] if "read by shape" in d]
    assert all(d[0] in "≥≤" for d in shaped)


def test_rotated_noisy_scan_is_deskewed(tmp_path: Path) -> None:
    im = _table_image(rotate=0.8, noise=0.05)
    angle = skew_angle(np.asarray(im))
    assert abs(angle + 0.8) <= 0.15 or abs(angle - 0.8) <= 0.15
    inds = [r for r in goalnlp.extract(_png(im, tmp_path / "tilted.png")) if r["record"] == "indicator"]
    names = {r["name"] for r in inds}
    assert {"培训基层农技人员", "项目支出", "参训人员满意度"} <= names


def test_scanned_pdf_page_goes_to_ocr(tmp_path: Path) -> None:
    """A PDF whose page is only an image (a scan) is read by OCR, boxes in points."""
    im = _table_image().convert("RGB")
    pdf = tmp_path / "scan.pdf"
    buf = io.BytesIO()
    im.save(buf, format="PDF", resolution=200)
    pdf.write_bytes(buf.getvalue())
    src = read_source(pdf)
    assert src.media == "pdf" and src.line_confidence is not None
    inds = [r for r in goalnlp.extract(pdf) if r["record"] == "indicator"]
    assert len(inds) == 4 and inds[2]["value_text"] == "≤37.31万元"
    width_pt = im.width * 72 / 200
    assert all(0 <= r["bbox"][0] < r["bbox"][2] <= width_pt + 1 for r in inds)


@pytest.mark.parametrize("size", [22, 40, 64])
def test_comparator_glyph_by_shape(size: int) -> None:
    font = ImageFont.truetype(str(FONT), size)

    def glyph(text: str) -> str | None:
        im = Image.new("L", (size * 4, int(size * 1.8)), 255)
        ImageDraw.Draw(im).text((size * 1.5, size * 0.3), text, font=font, fill=0)
        return comparator_glyph(np.asarray(im))

    assert [glyph(c) for c in "≥≤><"] == ["≥", "≤", ">", "<"]
    if size >= 40:
        assert glyph("=") == "="
    # Not comparators: digits, Chinese, percent, blank.
    assert [glyph(c) for c in ("2", "3", "7", "0", "二", "一", "定性", "%", "")] == [None] * 9


def test_a_damaged_image_is_e082(tmp_path: Path) -> None:
    data = _png(_table_image(scale=0.5), tmp_path / "a.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(data[: len(data) // 4])
    from goalnlp.errors import InputError

    with pytest.raises(InputError) as exc:
        read_source(tmp_path / "cut.png")
    assert exc.value.code == "E082"


@pytest.mark.parametrize(("text", "expected"), [("≧ 95%", "≥95%"), ("≦ 5%", "≤5%"), ("195%", "195%"), ("75%", "75%")])
def test_comparator_the_recogniser_dropped_is_put_back(text: str, expected: str) -> None:
    """A low-resolution scan reads ``≧ 95%`` as ``95%`` with a box over both: the first
    glyph of the box is read by shape; digits are left alone."""
    from goalnlp.ocr import _Box, _recover_leading
    from goalnlp.pages import Cell

    font = ImageFont.truetype(str(FONT), 20)
    im = Image.new("L", (200, 40), 255)
    d = ImageDraw.Draw(im)
    d.text((40, 8), text, font=font, fill=0)
    x1 = 40 + d.textlength(text, font=font)
    read = text.split()[-1].lstrip("≧≦")  # what the recogniser returned
    cell = Cell(read)
    _recover_leading(cell, ([_Box(read, 0.99, 38.0, 8.0, x1 + 1, 32.0)], (0.0, 0.0, 200.0, 40.0)), np.asarray(im))
    assert cell.text.replace(" ", "") == expected
    assert bool(cell.doubtful) == (expected != read)
