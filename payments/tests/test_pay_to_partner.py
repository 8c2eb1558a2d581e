"""Issue 26: the demo's IKF has contacts in roles and a bankgiro, shown on its page and used by the
payment plan's finance export; the contacts only for those who need them."""

from __future__ import annotations

import csv
import io

from django.urls import reverse

from payments import services
from payments.plans import Frequency


def test_the_demo_partner_has_contacts_in_roles_and_a_bankgiro(seed):
    ikf = seed["ikf2023"].parties.get().partner
    assert ikf.bankgiro == "50501055" and ikf.payment_account == "Bankgiro 5050-1055"
    roles = [contact.role for contact in ikf.contacts.all()]
    assert roles == ["chair", "signatory", "activity_lead", "economy"]
    # the agreement names no signatory of its own: the lead partner's
    assert seed["ikf2023"].signatory_contact().name == "Amina Exempel (fiktiv)"


def test_the_partner_page_shows_them_to_an_official_and_not_the_secretary(client, seed, official, secretary):
    ikf = seed["ikf2023"].parties.get().partner
    client.force_login(official)
    page = client.get(ikf.get_absolute_url()).content.decode()
    assert "Bankgiro 5050-1055" in page
    for text in ("firmatecknare", "verksamhetsansvarig", "Leyla Prov (fiktiv)", "verksamhet@ikf.example"):
        assert text in page
    client.force_login(secretary)
    page = client.get(ikf.get_absolute_url()).content.decode()
    assert "Bankgiro 5050-1055" in page  # the organisation's, no person's
    assert "Leyla Prov" not in page and "verksamhet@ikf.example" not in page


def test_the_finance_export_pays_the_partners_bankgiro(client, seed, official):
    ikf = seed["ikf2023"]
    services.set_up_plan(agreement=ikf, frequency=Frequency.QUARTERLY, by=official)
    client.force_login(official)
    response = client.get(reverse("payments:export_csv") + "?year=2024")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][13] == "Betalas till"
    ikf_rows = [line for line in lines if line[1] == ikf.name]
    # IKF 2024 quarterly: 4 × 114 750 = 459 000 kr, each to the bankgiro
    assert [(line[7], line[13]) for line in ikf_rows] == [("114750", "Bankgiro 5050-1055")] * 4
