"""The house style: one call registers the bundled CJK font and sets sizes and colours,
and the display of tables (whole cells) and charts (a text summary of what each draws).

The font (Noto Sans SC, OFL) comes from the pip package pylopdf-fonts-zh-cn, a declared
dependency, so Chinese renders the same on every machine. Without it we refuse to draw
rather than produce a chart of boxes.
"""
from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

from ..factbase.errors import FontMissingError

FONT_PACKAGE = "pylopdf-fonts-zh-cn"
FONT_FAMILY = "Noto Sans SC"

COLOURS = {
    "district": "#1f5f8b",   # Zhongyuan District
    "city": "#9aa5ad",       # Zhengzhou, for comparison
    "derived": "#ffffff",    # derived figures: white, hatched, outlined
    "estimate": "#e0a030",   # full-year estimates
    "accent": "#c0392b",
    "text": "#222222",
    "muted": "#666666",
}


def font_path() -> Path:
    """Path of the bundled font; FontMissingError (saying how to install it) if absent."""
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        raise FontMissingError(
            f"The Chinese font package {FONT_PACKAGE!r} is not installed, so Chinese text would "
            f"render as boxes. Install the project (make setup, or pip install -e .) or run "
            f"pip install {FONT_PACKAGE}==0.1.1.") from None
    path = Path(pylopdf_fonts_zh_cn.sans_path())
    if not path.is_file():
        raise FontMissingError(f"{FONT_PACKAGE} is installed but {path} is missing; reinstall it.")
    return path


def use_house_style() -> None:
    """Register the CJK font and set the rcParams every chart of the collection shares."""
    import matplotlib as mpl
    from matplotlib import font_manager

    path = font_path()
    if FONT_FAMILY not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(path))
    mpl.rcParams.update({
        "font.family": [FONT_FAMILY],
        "font.size": 10,
        "axes.titlesize": 12,
        "axes.titleweight": "normal",   # one weight is bundled; no faux bold
        "axes.titlelocation": "left",
        "axes.labelsize": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": COLOURS["muted"],
        "axes.labelcolor": COLOURS["text"],
        "text.color": COLOURS["text"],
        "xtick.color": COLOURS["muted"],
        "ytick.color": COLOURS["muted"],
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",
        "figure.figsize": (9, 4.5),
        "figure.constrained_layout.use": True,
        "svg.hashsalt": "zhongyuan",
        "pdf.fonttype": 3,  # 42 with a CFF font (this OTF) renders Chinese blank: measured here
    })
    use_house_display()


def use_house_display() -> None:
    """Tables show whole cells (pandas cuts them at 50 characters otherwise, and a cut cell
    is neither read nor compared by nbval), and in IPython a chart's text/plain is
    figure_summary() instead of "<Figure size ...>": readers see the PNG, while nbval, which
    skips images, compares what the chart draws."""
    import sys

    import pandas as pd

    pd.set_option("display.max_colwidth", None)
    if "IPython" in sys.modules:
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            from matplotlib.figure import Figure

            def summary(fig, printer, cycle):
                printer.text(figure_summary(fig))

            # Both by type and by name: when the first figure is drawn, matplotlib-inline
            # pops the printer registered by type (select_figure_formats); the one by name
            # survives that and is used from then on.
            plain = shell.display_formatter.formatters["text/plain"]
            plain.for_type(Figure, summary)
            plain.for_type_by_name("matplotlib.figure", "Figure", summary)
            if os.environ.get(SLIDES_SETTING) == "1":  # the build: a second picture, for the decks
                _register_slide_figures(shell)


# The build (not the committed notebooks) asks for a second picture of every chart, drawn for
# a 1280x720 slide: the slide's chart area, every text at least SLIDE_MIN_PX when shown.
SLIDES_SETTING = "ZHONGYUAN_SLIDE_FIGURES"
SLIDE_MIME = "image/x.zhongyuan-slide+png"
SLIDE_WIDTH_PX = 1150  # the widest and tallest a slide shows a chart (the deck's CSS says so too):
SLIDE_HEIGHT_PX = 580  # a bigger picture is shown smaller, and so is its text
SLIDE_AREA = (11.4, 5.0)  # inches at 100 dpi: the axes' room under a slide's title, the source line below
SLIDE_AREAS = (SLIDE_AREA, (11.6, 4.8), (11.2, 5.2), (11.6, 5.2), (11.0, 4.8))  # tried in turn
SLIDE_MIN_PX = 18
SLIDE_MIN_AXES_PX = 150  # the narrowest a chart's panel may be drawn on a slide


def slide_png(fig) -> tuple[bytes, float]:
    """The figure redrawn for a slide (PNG bytes) and its smallest text in pixels: laid out
    again at the slide's size with no text under SLIDE_MIN_PX (or, where the layout cannot
    hold that much text, under 16 or 14 px: the figure then needs fewer words for a slide);
    the figure itself is left as it was."""
    for floor_px in (SLIDE_MIN_PX, 16, 14):
        for area in SLIDE_AREAS:  # constrained layout gives up at some sizes and not at others
            drawn, shrunk = _fitted(fig, floor_px, area)
            if drawn:
                return drawn
            if shrunk:  # it fitted this area but not once made smaller: no other area will do
                break
    return _scaled_png(fig)


def _fitted(fig, floor_px: float, area: tuple[float, float]) -> tuple[tuple[bytes, float] | None, bool]:
    """The picture in `area` or a smaller one, with no text under floor_px as shown; and
    whether the area had to be made smaller on the way (None, True: it could not be)."""
    for attempt in range(5):
        drawn = _slide_png(fig, floor_px, area)
        if drawn is None:  # the layout collapsed at this size
            return None, attempt > 0
        png, smallest, (width, height) = drawn
        if smallest >= floor_px - 0.05:
            return (png, smallest), attempt > 0
        # words the layout could not hold inside the area (a long label, the source line)
        # widened the picture, so it is shown smaller: draw it that much smaller
        area = (area[0] - _overflow(width, SLIDE_WIDTH_PX), area[1] - _overflow(height, SLIDE_HEIGHT_PX))
    return None, True


def _overflow(px: int, limit: int) -> float:
    """Inches to take off an area whose picture came out px wide (or tall) for a limit of
    `limit`, with a little more, as the layout gives back less than it is given."""
    return (px - limit) / 100 + 0.15 if px > limit else 0.0


def _slide_png(fig, floor_px: float, area: tuple[float, float]) -> tuple[bytes, float, tuple[int, int]] | None:
    """One try at floor_px: the PNG, its smallest text as the slide shows it, and its size in
    pixels; None where constrained layout gives up (axes squeezed to nothing)."""
    import io

    import matplotlib as mpl
    from matplotlib.text import Text
    from matplotlib.ticker import FuncFormatter

    texts = [t for t in fig.findobj(Text) if t.get_text().strip() and t.get_visible()]
    sizes, sizes_in = [t.get_fontsize() for t in texts], tuple(fig.get_size_inches())
    # the slide is wide: a bar's label on fewer, longer lines (labels fixed by set_yticks,
    # which matplotlib keeps as a FuncFormatter over a {tick: label} dict)
    fixed = [f.func.args[0] for f in (ax.yaxis.get_major_formatter() for ax in fig.axes)
             if isinstance(f, FuncFormatter) and getattr(f.func, "args", None) and isinstance(f.func.args[0], dict)]
    labels = [dict(d) for d in fixed]
    floor = floor_px * 72 / 100  # points at 100 dpi
    sources = [(t, t.get_text()) for t in fig.texts if hasattr(t, "zy_slide_text")]  # charts.source_line
    ticks = [(ax, label.get_fontsize()) for ax in fig.axes for label in ax.get_xticklabels()[:1]]
    try:
        for t, _ in sources:
            t.set_text(t.zy_slide_text)
        for t, size in zip(texts, sizes):
            t.set_fontsize(max(size, floor))
        for ax, size in ticks:  # an axis draws its numbers anew, at its own size: set that too
            ax.tick_params(labelsize=max(size, floor))
        # a wide slide: one column's labels on fewer, longer lines; side by side, shorter ones
        # (the panels' labels would otherwise leave their bars no room)
        columns = len({round(ax.get_position().x0, 2) for ax in fig.axes})
        for d in fixed:
            d.update({k: _relaid(v, 60 if columns == 1 else 22) for k, v in d.items()
                      if columns > 1 or v.count("\n") > 1})
        fig.set_size_inches(*area)
        out = io.BytesIO()
        with warnings.catch_warnings(record=True) as caught, mpl.rc_context({"savefig.bbox": "tight"}):
            warnings.simplefilter("always")
            fig.savefig(out, format="png", dpi=100)  # the slide's area, and the source line under it
        collapsed = any("constrained_layout not applied" in str(w.message) for w in caught)
        # or as good as: a panel whose words left its bars no room to be read
        collapsed = collapsed or any(ax.get_position().width * area[0] * 100 < SLIDE_MIN_AXES_PX
                                     for ax in fig.axes if ax.has_data())
    finally:
        for ax, size in ticks:
            ax.tick_params(labelsize=size)
        for t, text in sources:
            t.set_text(text)
        for t, size in zip(texts, sizes):
            t.set_fontsize(size)
        for d, saved in zip(fixed, labels):
            d.update(saved)
        fig.set_size_inches(*sizes_in)
    if collapsed:
        return None
    png = out.getvalue()
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")  # PNG header
    shrink = min(1.0, SLIDE_WIDTH_PX / width, SLIDE_HEIGHT_PX / height)
    return png, min((max(size, floor) for size in sizes), default=floor) * 100 / 72 * shrink, (width, height)


def _relaid(label: str, width: int) -> str:
    """A bar's label wrapped again at `width` characters for a slide, its period line (the
    last, with a year) kept on a line of its own."""
    from .wrapping import wrap

    lines = label.split("\n")
    lang = "en" if re.search(r"[A-Za-z]{3}", label) else "zh"
    join = " " if lang == "en" else ""  # Chinese runs on without a space
    period = [lines.pop()] if len(lines) > 1 and re.search(r"\d{4}", lines[-1]) else []
    return "\n".join([wrap(join.join(lines), lang, width)] + period)


def _scaled_png(fig) -> tuple[bytes, float]:
    """The figure as the notebook draws it, at the resolution that makes it the slide's
    width (its text grows with it), and its smallest text in pixels at that scale."""
    import io

    from matplotlib.text import Text

    width, height = fig.get_size_inches()
    dpi = min(SLIDE_WIDTH_PX / width, SLIDE_HEIGHT_PX / height)
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_text().strip() and t.get_visible()]
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig.savefig(out, format="png", dpi=dpi)
    return out.getvalue(), min(sizes, default=10) * dpi / 72


def _register_slide_figures(shell) -> None:
    import base64

    from IPython.core.formatters import BaseFormatter
    from matplotlib.figure import Figure
    from traitlets import ObjectName, Unicode

    class SlideFormatter(BaseFormatter):
        format_type = Unicode(SLIDE_MIME)
        print_method = ObjectName("_repr_slide_png_")
        _return_type = (str, tuple)  # (base64 PNG, metadata)

    formatters = shell.display_formatter.formatters
    if SLIDE_MIME not in formatters:
        formatters[SLIDE_MIME] = SlideFormatter(parent=shell.display_formatter)

        def slide(fig):
            png, smallest = slide_png(fig)
            return base64.b64encode(png).decode(), {"min_px": round(smallest, 1)}

        # by name too: matplotlib-inline pops every formatter's printer registered by type
        formatters[SLIDE_MIME].for_type(Figure, slide)
        formatters[SLIDE_MIME].for_type_by_name("matplotlib.figure", "Figure", slide)
        shell.display_formatter.active_types.append(SLIDE_MIME)


def _num(value: float) -> str:
    value = round(float(value), 9) + 0.0  # layout noise such as 1e-17 (and -0) reads as 0
    return f"{value:.4g}".replace("-", "−")


def figure_summary(fig) -> str:
    """What a figure draws, as text that is the same on every run: its size; per axes, the
    title, labels and tick labels, each bar (position, length, hatching), each marker and
    each text on it; then the figure's own texts (title, source line)."""
    from matplotlib.patches import Rectangle

    width, height = fig.get_size_inches() * fig.dpi
    lines = [f"Figure {width:.0f}x{height:.0f} px, {len(fig.axes)} axes"]
    for n, ax in enumerate(fig.axes, start=1):
        if not ax.get_visible():
            continue
        title = " / ".join(t for t in (ax.get_title(loc=loc) for loc in ("left", "center", "right")) if t)
        head = [f"axes {n}:"] + [f"{what} {text!r}" for what, text in (
            ("title", title), ("xlabel", ax.get_xlabel()), ("ylabel", ax.get_ylabel())) if text]
        lines.append(" ".join(head))
        for axis in ("x", "y"):
            labels = [t.get_text() for t in getattr(ax, f"get_{axis}ticklabels")()]
            if any(labels) and ax.axison:
                lines.append(f"  {axis}ticks: " + " | ".join(" ".join(t.split()) for t in labels))
        for patch in ax.patches:
            if isinstance(patch, Rectangle) and patch.get_visible():
                hatch = f" hatch {patch.get_hatch()}" if patch.get_hatch() else ""
                lines.append(f"  bar x={_num(patch.get_x())} w={_num(patch.get_width())} "
                             f"y={_num(patch.get_y())} h={_num(patch.get_height())}{hatch}")
        for line in ax.lines:
            xs, ys = line.get_xdata(), line.get_ydata()
            if len(xs) <= 4 and line.get_visible():
                lines.append(f"  line x={','.join(map(_num, xs))} y={','.join(map(_num, ys))}")
        lines += [f"  text {' '.join(t.get_text().split())!r}" for t in ax.texts if t.get_text()]
        legend = ax.get_legend()
        if legend is not None:
            lines.append("  legend: " + " | ".join(t.get_text() for t in legend.get_texts()))
    lines += [f"text {' '.join(t.get_text().split())!r}" for t in fig.texts if t.get_text()]
    return "\n".join(lines)


def ensure_house_style() -> None:
    """Apply the house style unless it is in force: a chart drawn by a notebook that forgot
    use_house_style() still gets the Chinese font, never boxes."""
    import matplotlib as mpl

    if FONT_FAMILY not in mpl.rcParams["font.family"]:
        use_house_style()
