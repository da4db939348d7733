"""Public URLs of briefs (under /briefs/): downloads, the captions track and the transcript page."""

from django.urls import path

from podium.briefs.views import public

app_name = "briefs"
urlpatterns = [
    path("<slug:slug>/brief.<str:fmt>", public.brief_download, name="brief_download"),
    path("<slug:slug>/captions.vtt", public.captions, name="captions"),
    path("<slug:slug>/transcript/", public.transcript_page, name="transcript_page"),
    path(
        "<slug:slug>/transcript.<str:fmt>", public.transcript_download, name="transcript_download"
    ),
]
