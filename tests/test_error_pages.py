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
