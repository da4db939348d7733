"""The form field of every upload: Django's FileField plus the content check of its kind.

`podium.common.domain.uploads.check_upload` does the work (size limit, magic
bytes with puremagic, Pillow for pictures); this field turns its verdict into
a form error on the field and renames the upload to the extension its content
has, so the random stored name ends in what the file really is.
"""

from __future__ import annotations

import os

from django import forms
from django.core.files.uploadedfile import UploadedFile

from podium.common.domain.uploads import UploadKind, check_upload, max_bytes


class CheckedFileField(forms.FileField):
    """A file field that accepts only the types of `kind`, up to its size limit."""

    def __init__(self, *, kind: UploadKind, **kwargs):
        self.kind = kind
        super().__init__(**kwargs)
        limit = max_bytes(kind) // 2**20
        accepted = ", ".join(sorted(e.lstrip(".").upper() for e in kind.types))
        note = f"{accepted}; at most {limit} MB."
        self.help_text = f"{self.help_text} {note}".strip() if self.help_text else note
        self.widget.attrs.setdefault(
            "accept", ",".join(sorted({*kind.types, *kind.types.values()}))
        )

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if isinstance(upload, UploadedFile):
            extension = check_upload(upload, self.kind, field=str(self.label or "File"))
            stem = os.path.splitext(os.path.basename(upload.name))[0] or "file"
            upload.name = f"{stem}{extension}"
        return upload
