"""Colour-blind-safe, stable colours per category and channel, used by every chart.

Hues from the Okabe-Ito and Paul Tol palettes, darkened where needed so that every colour
has a contrast of at least 3:1 on white (WCAG 2.1, 1.4.11 non-text contrast).
"""

from __future__ import annotations

from typing import Final

from dashboard.intake.schema import Category, Channel

CATEGORY_COLOURS: Final[dict[str, str]] = {
    Category.CITY_50K_PLUS: "#0072B2",
    Category.CITY_20K_50K: "#D55E00",
    Category.INTERMUNICIPALITY: "#009E73",
    Category.DEPARTMENT: "#CC79A7",
    Category.REGION: "#332288",
    Category.FRANCE_SERVICES: "#9A6700",
    Category.SOCIAL_SERVICES: "#5C5C5C",
    Category.ECONOMIC_DEVELOPMENT: "#882255",
}
CHANNEL_COLOURS: Final[dict[str, str]] = {
    Channel.PHYSICAL: "#117733",
    Channel.PHONE: "#0072B2",
    Channel.EMAIL: "#D55E00",
    Channel.MAIL: "#9A6700",
    Channel.WEBSITE: "#AA3377",
    Channel.SOCIAL: "#5C5C5C",
}
# Sequential scale for heat maps: cividis is designed to read the same with colour-vision
# deficiencies.
SEQUENTIAL_SCALE: Final = "Cividis"
HIGHLIGHT: Final = "#D55E00"
INTERVAL_FILL: Final = "rgba(213,94,0,0.18)"  # the highlight, light: a 90 % interval's band
NEUTRAL: Final = "#5C5C5C"
