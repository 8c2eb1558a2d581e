"""The user's own reminders, newest first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

PAGE_SIZE = 50


@login_required
def reminder_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(request.user.reminders.all(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/reminder_list.html", {"page": page})
