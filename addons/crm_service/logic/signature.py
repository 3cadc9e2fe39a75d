# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks of a customer's signature image (no Odoo needed)."""
import base64
import binascii
import io

from PIL import Image

# A signature drawn in the portal is a few kilobytes.
MAX_BYTES = 1024 * 1024
MAX_PIXELS = 4000 * 4000
# Gray level (0 black, 255 white) below which a pixel is ink: the portal's pad draws
# in black on white, its base line in light gray (#D1D0CE, gray level 208).
INK_LEVEL = 128
FORMATS = ("PNG", "JPEG", "GIF")


def decode(data):
    """The image bytes of base64 ``data`` (str or bytes), or None if it is not
    base64."""
    if isinstance(data, str):
        data = data.encode("ascii", "replace")
    try:
        return base64.b64decode(b"".join(data.split()), validate=True)
    except (binascii.Error, ValueError):
        return None


def problem(data):
    """Why base64 ``data`` is not a usable signature, or None: ``missing``,
    ``not_image`` (not base64, not a PNG, JPEG or GIF image), ``too_large`` or
    ``blank`` (nothing drawn: no pixel darker than ``INK_LEVEL`` once laid on
    white)."""
    if not data:
        return "missing"
    raw = decode(data)
    if not raw:
        return "not_image"
    if len(raw) > MAX_BYTES:
        return "too_large"
    try:
        image = Image.open(io.BytesIO(raw))
        if image.format not in FORMATS:
            return "not_image"
        if image.size[0] * image.size[1] > MAX_PIXELS:
            return "too_large"
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return "not_image"
    rgba = image.convert("RGBA")
    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    paper.alpha_composite(rgba)
    darkest, _lightest = paper.convert("L").getextrema()
    return "blank" if darkest >= INK_LEVEL else None
