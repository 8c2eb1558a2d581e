"""/offentligt/: the decided agreements for anyone, and nothing the committee's overview does not print."""

from __future__ import annotations

from django.urls import reverse

from participants.models import Participant
from partnerships import services
from partnerships.models import Agreement

URL = "/offentligt/"


def public_rows(response) -> set[tuple]:
    return {
        (row.name, row.partners, row.purpose, row.value, row.committee_cost, row.valid_to)
        for section in response.context["sections"]
        for row, _starts, _results in section["rows"]
    }


def test_anyone_sees_the_2022_agreements_and_sums_without_a_login(client, seed):
    response = client.get(URL + "?year=2022")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hoppfull framtid" in page and "Linköpings Stadsmission" in page
    # the follow-up memo's (docs/domain.md) sums
    assert "6\xa0379\xa0326\xa0kr" in page and "3\xa0375\xa0000\xa0kr" in page
    assert "2021-01-01 – 2023-12-31" in page
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=60"}


def test_it_shows_nothing_that_is_not_in_the_committees_own_overview(client, seed, official):
    services.renew(agreement=seed["ikf2023"])  # a draft for 2025–2026
    client.force_login(official)
    shown = {}
    for year in (2021, 2022, 2023, 2024, 2025):
        own = client.get(reverse("partnerships:overview") + f"?year={year}").context["overview"]
        committee_rows = {
            (r.name, r.partners, r.purpose, r.value, r.committee_cost, r.valid_to)
            for r in own.rows
            if not r.is_draft
        }
        client.logout()
        shown[year] = public_rows(client.get(URL + f"?year={year}"))
        client.force_login(official)
        assert shown[year] == committee_rows, year
    assert shown[2025] == set()  # only the draft runs then


def test_no_draft_no_participant_no_official(client, demo_participants, official):
    draft = services.renew(agreement=demo_participants["ikf2023"])
    Agreement.objects.filter(pk=draft.pk).update(name="Utkast som inte får synas", responsible=official)
    page = client.get(URL + "?year=2025").content.decode() + client.get(URL + "?year=2023").content.decode()
    assert "Utkast som inte får synas" not in page
    names = Participant.objects.values_list("first_name", "last_name")
    assert names and not [n for n in names if f"{n[0]} {n[1]}" in page or n[1] in page]
    assert "alice" not in page and "/agreements/" not in page and "logout" not in page


def test_a_change_to_an_agreement_shows_at_once(client, seed):
    assert "Hoppfull framtid" in client.get(URL + "?year=2022").content.decode()
    Agreement.objects.get(pk=seed["hoppfull"].pk).save()  # any save: a new data version
    seed["hoppfull"].name = "Hoppfull framtid II"
    seed["hoppfull"].save()
    assert "Hoppfull framtid II" in client.get(URL + "?year=2022").content.decode()


def test_switched_off_it_is_not_there(client, seed, settings):
    settings.PUBLIC_PAGE_ENABLED = False
    assert client.get(URL).status_code == 404


def test_a_logged_in_visitors_copy_is_private(client, seed, official):
    client.force_login(official)
    response = client.get(URL + "?year=2022")
    assert "private" in response["Cache-Control"]
