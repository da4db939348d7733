"""File fields whose files are served only through `podium.common.views.files`.

`ProtectedFileField` and `ProtectedImageField` are Django's FileField and
ImageField with an upload kind (`podium.common.domain.uploads`): their form
field checks the content, their stored names are random
(`RandomName(prefix)`), and `field_file.url` is the address of the view that
looks up the owning object and checks who may see it. Templates keep writing
`{{ event.image.url }}`; no URL of the storage itself reaches a page.
"""

from __future__ import annotations

import os

from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.urls import reverse

from podium.common.domain.uploads import KINDS, RandomName


class _OwnedURL:
    """`url` of a stored file: the owner-checking view, named after the stored file."""

    instance: models.Model
    field: models.FileField

    @property
    def url(self) -> str:
        self._require_file()
        if self.instance.pk is None:
            return ""
        return reverse(
            "file",
            kwargs={
                "owner": self.instance._meta.label_lower,
                "pk": self.instance.pk,
                "field": self.field.name,
                "filename": os.path.basename(self.name),
            },
        )


class ProtectedFieldFile(_OwnedURL, FieldFile):
    pass


class ProtectedImageFieldFile(_OwnedURL, ImageFieldFile):
    pass


class _Protected:
    """What both fields share: the kind, the random names and the checked form field."""

    def __init__(self, *args, kind: str, prefix: str = "", **kwargs):
        self.kind = KINDS[kind]
        if prefix:
            kwargs["upload_to"] = RandomName(prefix)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["kind"] = self.kind.name
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        from podium.common.interfaces.uploads import CheckedFileField

        return super().formfield(**{"form_class": CheckedFileField, "kind": self.kind, **kwargs})


class ProtectedFileField(_Protected, models.FileField):
    attr_class = ProtectedFieldFile


class ProtectedImageField(_Protected, models.ImageField):
    attr_class = ProtectedImageFieldFile
