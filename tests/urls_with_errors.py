"""The real URLs plus two views that fail, for the tests of what a server error leaves behind."""

from django.db import OperationalError
from django.urls import path

from iop_registry.urls import handler404, handler500  # noqa: F401  (the real error pages)
from iop_registry.urls import urlpatterns as real_urlpatterns


def fails_after_loading_the_user(request):
    assert request.user.is_authenticated
    raise RuntimeError("a bug in a view")


def fails_as_if_the_database_were_down(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


urlpatterns = [
    *real_urlpatterns,
    path("test-errors/view/", fails_after_loading_the_user),
    path("test-errors/database/", fails_as_if_the_database_were_down),
    path("api/test-errors/database/", fails_as_if_the_database_were_down),
]
