"""The colours of the documents: one palette for the map and the charts."""

from __future__ import annotations

STATUS_ORDER = ("party", "signatory", "not_signed", "withdrawn")
STATUS_COLOURS = {
    # Okabe & Ito (2008), "Color Universal Design": distinguishable with every common
    # colour-vision deficiency. The same colours are used by the charts.
    "party": "#0072B2",  # blue
    "signatory": "#009E73",  # bluish green
    "not_signed": "#E69F00",  # orange
    "withdrawn": "#CC79A7",  # reddish purple
}
