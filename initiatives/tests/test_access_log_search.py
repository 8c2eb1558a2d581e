"""Who saw an initiative's contact person is searched at /audit/ with the participants' access log
(issue 23, audit/logs.py, audit/search.py): the same filters by user, dates, page and action, a
choice of whose data, and a search for the initiative by number, title or organisation."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from audit.services import Page, log_access
from initiatives.models import AccessLogEntry
from initiatives.tests.factories import make_initiative
from participants.tests.factories import CommitteeFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

URL = "/audit/"


@pytest.fixture
def logged(client, official, coordinator):
    """alice (official) opened the initiative's page; bob (coordinator) saw a participant."""
    initiative = make_initiative(CommitteeFactory())
    person = ParticipantFactory()
    log_access(
        user=coordinator, participants=[person], page=Page("participants:detail", "/p/"), action="view"
    )
    client.force_login(official)
    assert client.get(initiative.get_absolute_url()).status_code == 200
    return {"initiative": initiative, "participant": person}


def found(client, **params) -> list[tuple[str, str, int]]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return [(entry.user.username, entry.kind, entry.subject_id) for entry in response.context["page"]]


def test_an_initiatives_view_is_in_the_access_log_and_found_by_each_filter(
    client, administrator, official, logged
):
    initiative, person = logged["initiative"].pk, logged["participant"].pk
    client.force_login(administrator)
    seen = ("alice", "initiative", initiative)
    assert found(client) == [seen, ("bob", "participant", person)]  # newest first, both logs
    assert found(client, log="initiative") == [seen]
    assert found(client, log="participant") == [("bob", "participant", person)]
    assert found(client, user=official.pk) == [seen]
    assert found(client, url_name="initiatives:detail") == [seen]
    assert found(client, action="view", date_from="2000-01-01") == [seen, ("bob", "participant", person)]
    assert found(client, action="list") == []
    for typed in (f"#{initiative}", "Rydsgården", "språkcafé", "802500-0004"):
        assert found(client, initiative=typed) == [seen], typed
    assert found(client, initiative="Nobody") == []
    assert found(client, initiative="#99999999999999999999") == []
    # a participant's search reads the participants' log only
    assert found(client, participant=f"#{person}") == [("bob", "participant", person)]
    assert found(client, participant=f"#{person}", initiative=f"#{initiative}") == []


def test_the_page_shows_the_initiative_by_number_and_its_page_by_title(
    client, administrator, official, logged
):
    client.force_login(administrator)
    before = AccessLogEntry.objects.count()
    response = client.get(URL, {"log": "initiative"})
    html = response.content.decode()
    initiative = logged["initiative"]
    assert f'Initiativ <a href="{initiative.get_absolute_url()}">#{initiative.pk}</a>' in html
    assert '<td title="initiatives:detail">Initiativ</td>' in html
    assert initiative.contact_name not in html and initiative.contact_email not in html
    assert AccessLogEntry.objects.count() == before  # searching is not itself a view
    form = response.context["filter"].form
    assert official in form.fields["user"].queryset  # in the initiatives' log only
    assert dict(form.fields["url_name"].choices)["initiatives:detail"] == "Initiativ"


def test_the_download_has_the_initiatives_entries_too(client, administrator, logged):
    client.force_login(administrator)
    response = client.get(reverse("exports:access_log"), {"format": "csv", "log": "initiative"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [(row[1], row[2], row[4]) for row in rows[1:]] == [
        ("alice", f"Initiativ #{logged['initiative'].pk}", "initiatives:detail")
    ]
