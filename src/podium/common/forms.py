"""The site's form renderer: Django's template-based renderer with one site-wide field template.

`{{ field.as_field_group }}` renders `common/field.html` (label, widget with
Django's aria-describedby / aria-invalid, help text, error list), so every
form of the site lays out a field the same way.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates


class SiteFormRenderer(DjangoTemplates):
    field_template_name = "common/field.html"
