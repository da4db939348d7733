"""Static files storage: WhiteNoise's compressed files with hashed names.

`CompressedManifestStaticFilesStorage` (WhiteNoise) writes gzip/brotli copies
and content-hashed names at `collectstatic` (run by `podium serve`), so the
files can be cached for ever. Before the first collectstatic (a fresh
checkout, the test suite, `podium demo`) there is no manifest: plain names are
used and WhiteNoise serves the app folders directly (WHITENOISE_USE_FINDERS).
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def stored_name(self, name: str) -> str:
        if not self.hashed_files:  # never collected here: no manifest to look names up in
            return name
        return super().stored_name(name)
