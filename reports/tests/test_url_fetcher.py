"""The PDF's resources come from the static folder only: no network, no other files."""

from pathlib import Path

import pytest
from django.conf import settings

from reports.pdf import RefusedURL, make_url_fetcher, render_pdf, resolve_static, static_root

STATIC = Path(settings.BASE_DIR) / "static"


def test_static_files_are_served():
    response = make_url_fetcher().fetch((STATIC / "css" / "memo.css").resolve().as_uri())
    assert b"@font-face" in response.read()
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "https://cdn.example.org/bootstrap.css",
        "http://127.0.0.1:8014/static/css/memo.css",
        "ftp://example.org/font.woff",
        "data:text/css;base64,Ym9keXtjb2xvcjpyZWR9",
        "file:///etc/passwd",
        "file://evil.example.org/share/memo.css",
        f"{(STATIC / 'css').resolve().as_uri()}/../../conftest.py",
        f"{(STATIC / 'fonts').resolve().as_uri()}/",
        f"{(STATIC / 'css').resolve().as_uri()}/missing.css",
    ],
)
def test_everything_else_is_refused(url):
    with pytest.raises(RefusedURL):
        resolve_static(url)
    with pytest.raises(RefusedURL):
        make_url_fetcher().fetch(url)


def test_a_symlink_out_of_the_static_folder_is_refused(tmp_path, settings):
    outside = tmp_path / "secret.css"
    outside.write_text("body{}")
    static = tmp_path / "static"
    static.mkdir()
    (static / "link.css").symlink_to(outside)
    settings.STATICFILES_DIRS = [static]
    assert static_root() == static.resolve()
    with pytest.raises(RefusedURL):
        resolve_static((static / "link.css").as_uri())


def test_a_template_that_asks_for_the_network_makes_no_pdf(tmp_path, settings):
    """fail_on_errors: a refused resource stops the export rather than printing without it."""
    from weasyprint.urls import FatalURLFetchingError

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "remote.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example.org/x.css"><p>x</p>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [templates]}]
    with pytest.raises(FatalURLFetchingError):
        render_pdf("remote.html", {})
