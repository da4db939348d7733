"""Placeholder pictures for the demo, drawn with Pillow (we ship no photos).

Each picture is a calm two-colour gradient with a few soft circles and a small
"Placeholder image" label, so nobody mistakes it for the real photograph whose
caption and credit the page shows. Deterministic: the same seed text gives the
same picture.
"""

from __future__ import annotations

import hashlib
import io

from PIL import Image, ImageDraw, ImageFilter, ImageFont

PALETTES = [
    ((19, 41, 75), (94, 129, 172)),  # navy → slate blue
    ((84, 36, 28), (196, 120, 86)),  # brick → sand
    ((28, 64, 58), (122, 170, 150)),  # pine → sage
    ((52, 40, 84), (150, 130, 190)),  # plum → lavender
]


def placeholder_png(
    seed: str, *, size: tuple[int, int] = (1200, 675), label: str = "Placeholder image"
) -> bytes:
    """A PNG of `size` made from `seed`; returns the file's bytes."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    top, bottom = PALETTES[digest[0] % len(PALETTES)]
    width, height = size
    image = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(height - 1, 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    circles = Image.new("RGBA", size, (0, 0, 0, 0))
    cdraw = ImageDraw.Draw(circles)
    for i in range(5):
        x = digest[1 + i] / 255 * width
        y = digest[6 + i] / 255 * height
        r = (0.15 + digest[11 + i] / 255 * 0.25) * height
        cdraw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 255, 28 + digest[16 + i] % 30))
    circles = circles.filter(ImageFilter.BoxBlur(radius=height / 80))
    image = Image.alpha_composite(image.convert("RGBA"), circles).convert("RGB")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=max(14, height // 28))
    box = draw.textbbox((0, 0), label, font=font)
    pad = height // 40
    x0, y0 = width - (box[2] - box[0]) - 3 * pad, height - (box[3] - box[1]) - 3 * pad
    draw.rounded_rectangle(
        [x0 - pad, y0 - pad, width - 2 * pad, height - 2 * pad + pad // 2],
        radius=pad,
        fill=(0, 0, 0),
    )
    draw.text((x0, y0 - box[1] // 2), label, fill=(255, 255, 255), font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
