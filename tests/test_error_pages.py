"""Error pages speak Swedish."""

from __future__ import annotations

from django.urls import reverse


def test_403_and_404_are_swedish(client, secretary, seed):
    client.force_login(secretary)
    forbidden = client.get(reverse("partnerships:agreement_create"))
    assert (
        forbidden.status_code == 403
        and "Din roll ger inte tillgång till sidan." in forbidden.content.decode()
    )
    missing = client.get("/agreements/999999/")
    assert missing.status_code == 404 and "Sidan finns inte" in missing.content.decode()


def test_500_is_swedish(settings, official):
    """The 500 page renders with no context at all (Django's server_error view)."""
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Något gick fel" in html and "{%" not in html


def test_the_guideline_reference_is_the_agreements_guideline(client, official, seed):
    """Guidelines are data (issue 16): the page names the guideline the agreement is under."""
    from partnerships.guidelines import Guideline

    Guideline.objects.filter(reference="KS2016-313").update(reference="KF 2020/123")
    client.force_login(official)
    html = client.get(seed["ikf2023"].get_absolute_url()).content.decode()
    assert "Riktlinjernas kriterier (KF 2020/123)" in html and "KS2016-313" not in html


# With DEBUG on as well (issue 14): Django would show its English technical pages for 404 and
# 400; iop_registry.middleware.SwedishErrorPagesMiddleware shows the project's own instead.


def test_404_is_swedish_with_debug_on_for_a_url_that_matches_nothing(client, secretary, settings):
    settings.DEBUG = True
    client.force_login(secretary)
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Sidan finns inte" in html and "Using the URLconf" not in html
    assert 'href="/accessibility/"' in html  # the footer of every page
    anonymous = client.__class__().get("/no-such-page/")
    assert anonymous.status_code == 404 and "Sidan finns inte" in anonymous.content.decode()


def test_404_is_swedish_with_debug_on_for_an_object_that_does_not_exist(client, secretary, seed, settings):
    settings.DEBUG = True
    client.force_login(secretary)
    response = client.get("/agreements/999999/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode() and "Raised by" not in response.content.decode()


def test_403_is_swedish_with_debug_on(client, secretary, settings):
    settings.DEBUG = True
    client.force_login(secretary)
    response = client.get(reverse("partnerships:agreement_create"))
    assert (
        response.status_code == 403 and "Din roll ger inte tillgång till sidan." in response.content.decode()
    )


def test_a_csrf_failure_is_swedish_with_debug_on_and_off(settings, db):
    from django.test import Client

    for debug in (True, False):
        settings.DEBUG = debug
        response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"})
        html = response.content.decode()
        assert response.status_code == 403
        assert "Formuläret kunde inte skickas" in html and "CSRF verification failed" not in html


def test_400_is_swedish_with_debug_on(client, settings, db):
    """Too many fields in a form (Django's TooManyFieldsSent, a SuspiciousOperation) is a 400."""
    settings.DEBUG = True
    fields = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post(reverse("login"), fields)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Felaktig begäran" in html and "Traceback" not in html
