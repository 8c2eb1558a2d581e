"""Issue 26: a partner's payment details and contacts through the API (read)."""

from __future__ import annotations

from django.urls import reverse


def test_the_api_gives_contacts_to_those_who_see_them(api, tokens, seed):
    ikf = seed["ikf2023"].parties.get().partner
    url = reverse("api:partner-detail", args=[ikf.pk])
    official = api(tokens["official"]).get(url).json()
    assert official["bankgiro"] == "50501055"
    assert [c["role"] for c in official["contacts"]] == ["chair", "signatory", "activity_lead", "economy"]
    assert official["contact_person"] == "Amina Exempel (fiktiv)"
    secretary = api(tokens["secretary"]).get(url).json()
    assert (secretary["contacts"], secretary["contact_person"], secretary["bankgiro"]) == ([], "", "50501055")
    assert len(api(tokens["partner"]).get(url).json()["contacts"]) == 4  # its own


def test_the_api_shows_an_agreement_ended_early(api, tokens, seed, official):
    from datetime import date

    from partnerships.models import Termination

    ikf = seed["ikf2023"]
    Termination.objects.create(
        agreement=ikf,
        given_by="partner",
        given_on=date(2024, 3, 15),
        notice_months=3,
        last_day=date(2024, 6, 14),
    )
    ikf.ended_early_on = date(2024, 6, 14)  # as terminations.services.end_early sets it with the row
    ikf.save()
    data = api(tokens["official"]).get(reverse("api:agreement-detail", args=[ikf.pk]) + "?year=2024").json()
    assert (data["valid_to"], data["effective_end"]) == ("2024-12-31", "2024-06-14")
    assert data["termination"]["given_by"] == "partner" and data["termination"]["notice_months"] == 3
    # `amounts` is the year's rate, as the overview prints it (the schedule's 2024 is prorated:
    # terminations/tests/test_end_early.py); 2025 is no year of the agreement's any more
    assert data["amounts"]["committee_cost"] == 459000
    later = api(tokens["official"]).get(reverse("api:agreement-detail", args=[ikf.pk]) + "?year=2025").json()
    assert later["amounts"] is None


def test_the_api_logs_the_contacts_it_gives(api, tokens, seed):
    from audit.models import ContactAccessLogEntry

    ikf = seed["ikf2023"].parties.get().partner
    api(tokens["official"]).get(reverse("api:partner-list"))
    api(tokens["secretary"]).get(reverse("api:partner-list"))
    rows = list(ContactAccessLogEntry.objects.values_list("user__username", "partner_id", "url_name"))
    assert rows == [("alice", ikf.pk, "api:partner-list")]  # the one partner with contacts
