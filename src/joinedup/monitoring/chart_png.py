"""The SPC chart as a PNG, for Word documents (python-docx cannot embed SVG).

The PNG is the SVG of `chart.py` rasterised by CairoSVG, so the two never drift apart; the text
alternative to give the picture in the document is `plain_words.summary`.
"""

from __future__ import annotations

from joinedup.monitoring.chart import spc_chart_svg
from joinedup.monitoring.spc import SpcChart


def spc_chart_png(
    chart: SpcChart,
    *,
    title: str,
    unit: str = "",
    width: int = 680,
    height: int = 360,
    pixel_scale: float = 1.5,
) -> bytes:
    """PNG bytes of the full chart; `pixel_scale` 1.5 prints sharply at A4 text width."""
    import cairosvg  # only the Word renderer needs it; the command line starts without it

    svg = spc_chart_svg(chart, title=title, unit=unit, width=width, height=height, tooltips=False)
    png: bytes = cairosvg.svg2png(
        bytestring=svg.encode("utf-8"),
        output_width=round(width * pixel_scale),
        output_height=round(height * pixel_scale),
    )
    return png
