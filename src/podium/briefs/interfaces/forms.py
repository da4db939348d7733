"""Forms of the editor pages: uploads, speaker map, section edits, publishing."""

from __future__ import annotations

from django import forms

from podium.briefs.domain.errors import LLM_NOT_CONFIGURED
from podium.common.domain.uploads import RECORDING, readable_size
from podium.common.interfaces.uploads import CheckedFileField

TRANSCRIPT_FORMATS = [
    ("", "Detect from the file"),
    ("vtt", "WebVTT"),
    ("srt", "SRT"),
    ("json", "JSON (Podium, WhisperX, faster-whisper)"),
    ("txt", "Plain text export"),
]


class TranscriptForm(forms.Form):
    file = forms.FileField(required=False, label="Transcript file")
    text = forms.CharField(
        required=False,
        strip=False,  # stored as pasted, for the job that reads it
        widget=forms.Textarea(attrs={"rows": 6}),
        label="…or paste the transcript",
    )
    format = forms.ChoiceField(choices=TRANSCRIPT_FORMATS, required=False)
    video_url = forms.URLField(
        required=False, label="Video link (YouTube or Vimeo)", assume_scheme="https"
    )

    def clean_text(self):
        from podium.briefs.domain.briefs import max_transcript_bytes

        text = self.cleaned_data.get("text") or ""
        size, limit = len(text.encode("utf-8")), max_transcript_bytes()
        if size > limit:
            raise forms.ValidationError(
                f"Pasted transcript: {readable_size(size)}; transcripts may be at most "
                f"{readable_size(limit)} (PODIUM_MAX_TRANSCRIPT_MB)."
            )
        return text

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip() and not self.errors:
            raise forms.ValidationError("Choose a transcript file or paste the transcript.")
        return data


class RecordingForm(forms.Form):
    file = CheckedFileField(kind=RECORDING, required=False, label="Recording (video or audio)")
    video_url = forms.URLField(
        required=False, label="…or a video link (YouTube or Vimeo)", assume_scheme="https"
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("video_url") and not self.errors:
            raise forms.ValidationError("Choose a recording file or paste a video link.")
        return data


class GenerateForm(forms.Form):
    """The writer choice offers the language model only when an LLM endpoint is configured
    (`podium.briefs.domain.briefs.llm_configured`); choosing it otherwise is refused."""

    writer = forms.ChoiceField(
        choices=[("extractive", "Extractive (offline, the speakers' own words)")],
        initial="extractive",
    )
    sections = forms.IntegerField(min_value=2, max_value=16, initial=8)

    def __init__(self, *args, llm: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.llm = llm
        if llm:
            self.fields["writer"].choices = [
                *self.fields["writer"].choices,
                ("llm", "Language model (the configured endpoint)"),
            ]

    def full_clean(self):
        super().full_clean()
        if not self.llm and self.data.get("writer") == "llm":
            self._errors.pop("writer", None)
            self.add_error("writer", LLM_NOT_CONFIGURED)


class DocumentTextForm(forms.Form):
    """The brief's own text: title, intro, context lines, disclosure and closing lines."""

    title = forms.CharField(max_length=300)
    intro = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Paragraphs separated by a blank line.",
    )
    context = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Context lines",
        help_text="Moderator, co-organisers, partners; separated by a blank line.",
    )
    closing = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Disclosure and closing lines",
        help_text="The AI disclosure and acknowledgements; separated by a blank line.",
    )


class SectionForm(forms.Form):
    title = forms.CharField(max_length=300)
    start = forms.CharField(max_length=20, required=False, label="▶ time (m:ss)")
    speaker = forms.CharField(max_length=200, required=False)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Paragraphs separated by a blank line; quotes in double quotation marks.",
    )


class PublishForm(forms.Form):
    reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Override reason",
        help_text="Required when the version has failing findings; shown to other editors.",
    )


class ImportBriefForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}), label="Brief text (seed layout, Markdown or JSON)"
    )
