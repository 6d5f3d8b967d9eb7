"""The house style: one call registers the bundled CJK font and sets sizes and colours.

The font (Noto Sans SC, OFL) comes from the pip package pylopdf-fonts-zh-cn, a declared
dependency, so Chinese renders the same on every machine. Without it we refuse to draw
rather than produce a chart of boxes.
"""
from __future__ import annotations

from pathlib import Path

from .errors import FontMissingError

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
        "pdf.fonttype": 3,  # 42 with a CFF font renders Chinese blank (DESIGN.md)
    })


def ensure_house_style() -> None:
    """Apply the house style unless it is in force: a chart drawn by a notebook that forgot
    use_house_style() still gets the Chinese font, never boxes."""
    import matplotlib as mpl

    if FONT_FAMILY not in mpl.rcParams["font.family"]:
        use_house_style()
