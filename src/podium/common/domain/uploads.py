"""What an uploaded file may be: allow-lists per kind, size limits, content checks, stored names.

Every uploaded file is untrusted. Its *content* decides what it is, never its
name or the browser's content type: `puremagic` (pure Python, maintained, no
system library, deep scanners for OOXML/ODF, MP4 and Matroska) reads the
file's magic bytes, and the first candidate in the kind's allow-list wins.
Pictures are also opened and verified with Pillow, which rejects SVG and
anything that is not a bitmap it can decode. The stored name is random and
takes its extension from the detected content, so `report.pdf` that is
really HTML never reaches storage and a stored name cannot be guessed.

Limits come from settings (`PODIUM_MAX_UPLOAD_MB`, one entry per kind; see
docs/security.md); errors name the field and the limit.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible


@dataclass(frozen=True, slots=True)
class UploadKind:
    """One allow-list: the file types a field accepts and how they are served."""

    name: str
    """"document", "image" or "recording": the key of `PODIUM_MAX_UPLOAD_MB`."""
    plural: str
    """For messages: "documents", "pictures", "recordings"."""
    types: dict[str, str]
    """Allowed extension (as detected from content) -> the Content-Type it is served with."""
    inline: bool
    """Served inline (for `<img>`, `<video>`, `<audio>`) rather than as an attachment."""
    default_mb: int


DOCUMENT = UploadKind(
    name="document",
    plural="documents",
    types={
        ".pdf": "application/pdf",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ".odt": "application/vnd.oasis.opendocument.text",
        ".ods": "application/vnd.oasis.opendocument.spreadsheet",
        ".odp": "application/vnd.oasis.opendocument.presentation",
        ".doc": "application/msword",
        ".xls": "application/vnd.ms-excel",
        ".ppt": "application/vnd.ms-powerpoint",
    },
    inline=False,
    default_mb=50,
)
IMAGE = UploadKind(
    name="image",
    plural="pictures",
    types={
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".gif": "image/gif",
        ".webp": "image/webp",
    },
    inline=True,
    default_mb=10,
)
RECORDING = UploadKind(
    name="recording",
    plural="recordings",
    types={
        ".mp4": "video/mp4",
        ".m4v": "video/mp4",
        ".mov": "video/quicktime",
        ".webm": "video/webm",
        ".mkv": "video/x-matroska",
        ".mp3": "audio/mpeg",
        ".m4a": "audio/mp4",
        ".wav": "audio/wav",
        ".ogg": "audio/ogg",
        ".opus": "audio/ogg",
        ".flac": "audio/flac",
        ".aac": "audio/aac",
    },
    inline=True,
    default_mb=4096,
)
KINDS = {kind.name: kind for kind in (DOCUMENT, IMAGE, RECORDING)}

_SAME_TYPE = {".jpeg": ".jpg", ".oga": ".ogg", ".weba": ".webm"}
"""Other names puremagic gives for an allowed type."""
_PILLOW_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp"}


def max_bytes(kind: UploadKind) -> int:
    """The size limit of `kind` in bytes, from `settings.PODIUM_MAX_UPLOAD_MB`."""
    limits = getattr(settings, "PODIUM_MAX_UPLOAD_MB", {}) or {}
    return int(float(limits.get(kind.name, kind.default_mb)) * 2**20)


def readable_size(size: int) -> str:
    """'812 bytes', '40.5 KB', '3.2 MB' (binary units, as the limits are set)."""
    if size < 2**10:
        return f"{size} bytes"
    unit, scale = ("KB", 2**10) if size < 2**20 else ("MB", 2**20)
    return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"


@contextmanager
def _local_path(upload):
    """A path on disk holding the upload (puremagic's deep scanners read files)."""
    if hasattr(upload, "temporary_file_path"):
        yield upload.temporary_file_path()
        return
    fd, path = tempfile.mkstemp(suffix=".upload")
    try:
        with os.fdopen(fd, "wb") as out:
            upload.seek(0)
            for chunk in upload.chunks():
                out.write(chunk)
        yield path
    finally:
        os.unlink(path)
        upload.seek(0)


def detect_extension(upload, kind: UploadKind) -> tuple[str | None, str]:
    """(allowed extension or None, a description of what the content looks like)."""
    import puremagic

    with _local_path(upload) as path:
        try:
            candidates = puremagic.magic_file(path)
        except (puremagic.PureError, ValueError, OSError):
            candidates = []
    for candidate in candidates:
        extension = _SAME_TYPE.get(candidate.extension.lower(), candidate.extension.lower())
        if extension in kind.types:
            return extension, candidate.name
    seen = candidates[0].name if candidates else "unrecognised content"
    return None, seen


def _verify_picture(upload, field: str) -> str:
    """The extension of a bitmap Pillow can decode, else a ValidationError."""
    from PIL import Image, UnidentifiedImageError

    upload.seek(0)
    try:
        with Image.open(upload) as picture:
            picture_format = picture.format
            picture.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as exc:
        raise ValidationError(
            f"{field}: {upload.name} is damaged or not a picture Podium can read ({exc}).",
            code="invalid",
        ) from exc
    finally:
        upload.seek(0)
    if picture_format not in _PILLOW_FORMATS:
        raise ValidationError(
            f"{field}: {upload.name} is a {picture_format} picture, which is not accepted "
            f"(accepted: {', '.join(sorted(_PILLOW_FORMATS))}).",
            code="invalid",
        )
    return _PILLOW_FORMATS[picture_format]


def check_upload(upload, kind: UploadKind, *, field: str) -> str:
    """Check size and content of `upload` against `kind`; return the extension to store it under.

    Raises ValidationError with a message naming `field` (its label), the
    file, and the limit or the accepted types.
    """
    limit = max_bytes(kind)
    if upload.size > limit:
        raise ValidationError(
            f"{field}: {upload.name} is {readable_size(upload.size)}; "
            f"{kind.plural} may be at most {readable_size(limit)}.",
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(f"{field}: {upload.name} is empty.", code="empty")
    extension, seen = detect_extension(upload, kind)
    if kind is IMAGE:
        if extension is None:
            raise ValidationError(
                f"{field}: {upload.name} is not a PNG, JPEG, GIF or WebP picture "
                f"(its content looks like: {seen}).",
                code="invalid",
            )
        return _verify_picture(upload, field)
    if extension is None:
        accepted = ", ".join(sorted({e.lstrip(".") for e in kind.types}))
        raise ValidationError(
            f"{field}: {upload.name} is not one of the accepted {kind.plural} ({accepted}); "
            f"its content looks like: {seen}.",
            code="invalid",
        )
    return extension


_EXTENSION = re.compile(r"\.[a-z0-9]{1,8}$")


@deconstructible
class RandomName:
    """`upload_to` that stores a file as `<prefix>/<random>.<ext>`, the extension from its name.

    Names given to it by `CheckedFileField` carry the extension detected from the
    content; 16 random bytes make stored names impossible to guess.
    """

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")

    def __call__(self, instance, filename: str) -> str:
        match = _EXTENSION.search(os.path.basename(filename).lower())
        return f"{self.prefix}/{secrets.token_urlsafe(16)}{match[0] if match else ''}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomName) and other.prefix == self.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)


def served_type(name: str, kind: UploadKind) -> str | None:
    """The Content-Type a stored file is served with; None when its extension is not allowed.

    Files stored before content checks existed may have any name; those are
    served as `application/octet-stream` attachments by the caller.
    """
    extension = os.path.splitext(name.lower())[1]
    return kind.types.get(_SAME_TYPE.get(extension, extension))
