"""The archive's pages: `/search/` (results and the ask box), `/search.json`, `/search/ask.json`.

Thin: read the form, call `podium.archive.domain.results`, render. Staff who
may look at briefs (`briefs.view_brief`) also find drafts, marked as such.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render

from podium.archive.domain.choices import speaker_choices, topic_choices
from podium.archive.domain.results import ask_archive, search_archive
from podium.archive.interfaces.forms import SearchForm


def _drafts(request) -> bool:
    return request.user.has_perm("briefs.view_brief")


def _form(request) -> SearchForm:
    drafts = _drafts(request)
    return SearchForm(
        request.GET,
        speakers=speaker_choices(include_drafts=drafts),
        topics=topic_choices(include_drafts=drafts),
    )


def _query_string(request, *, without: tuple[str, ...] = ("page",)) -> str:
    query = request.GET.copy()
    for key in without:
        query.pop(key, None)
    return query.urlencode()


def search_page(request):
    form = _form(request)
    results = answer = None
    asking = request.GET.get("ask") == "1"
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"].strip()
        filters = form.filters()
        if asking:
            answer = ask_archive(question=query, filters=filters, include_drafts=_drafts(request))
        results = search_archive(
            query=query,
            filters=filters,
            include_drafts=_drafts(request),
            page=request.GET.get("page"),
        )
    context = {
        "nav": "search",
        "form": form,
        "results": results,
        "answer": answer,
        "asking": asking,
        "drafts": _drafts(request),
        "query": _query_string(request),
        "permalink": request.build_absolute_uri(
            f"{request.path}?{_query_string(request, without=())}"
        ),
    }
    if request.htmx and asking:
        return render(request, "archive/_answer.html", context)
    return render(request, "archive/search.html", context)


def _bad_request(form: SearchForm) -> JsonResponse:
    errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
    return JsonResponse({"error": "invalid parameters", "fields": errors}, status=400)


def search_json(request):
    form = _form(request)
    if not form.is_valid():
        return _bad_request(form)
    query = form.cleaned_data["q"].strip()
    if not query:
        return JsonResponse({"error": "q is required", "fields": {"q": ["required"]}}, status=400)
    results = search_archive(
        query=query,
        filters=form.filters(),
        include_drafts=_drafts(request),
        page=request.GET.get("page"),
    )
    page = results.page
    return JsonResponse(
        {
            "query": query,
            "count": results.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "next": f"{request.path}?{_query_string(request)}&page={page.next_page_number()}"
            if page.has_next()
            else None,
            "results": [r.to_dict(request) for r in results.results],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def ask_json(request):
    form = _form(request)
    if not form.is_valid():
        return _bad_request(form)
    question = form.cleaned_data["q"].strip()
    if not question:
        return JsonResponse({"error": "q is required", "fields": {"q": ["required"]}}, status=400)
    result = ask_archive(question=question, filters=form.filters(), include_drafts=_drafts(request))
    return JsonResponse(
        {
            "question": question,
            "answered": result.answered,
            "framing": result.answer.framing,
            "framed_by": result.answer.framed_by,
            "quotes": [q.to_dict(request) for q in result.quotes],
        },
        json_dumps_params={"ensure_ascii": False},
    )
