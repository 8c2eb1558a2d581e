"""The systemförvaltare searches the access log at /audit/: by user, participant (personnummer,
name or last four digits), date range, page and action; 50 a page; constant queries. The
results name participants by id only, so searching is not itself logged."""

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLogEntry
from audit.services import Page, log_access
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

URL = "/audit/"


def at(day: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(day))


@pytest.fixture
def log(coordinator, official, django_user_model):
    """Amina seen by bob (coordinator) on 1 and 3 March, Omar listed by bob on 2 March and
    viewed by frida (a second coordinator) on 5 March."""
    # a five-digit id: it must print as "#12345", without a thousands separator
    amina = ParticipantFactory(
        pk=12345, personnummer="198112189876", first_name="Amina", last_name="Demosson"
    )
    omar = ParticipantFactory(personnummer="196408233234", first_name="Omar", last_name="Provsson")
    frida = django_user_model.objects.create_user("frida")
    rows = [
        (at("2025-03-01 09:00"), coordinator, amina, "view", "participants:detail"),
        (at("2025-03-02 10:00"), coordinator, omar, "list", "participants:list"),
        (at("2025-03-03 23:30"), coordinator, amina, "extract", "participants:extract"),  # 23:30 local time
        (at("2025-03-05 08:00"), frida, omar, "view", "participants:detail"),
    ]
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            at=when, user=user, participant=person, action=action, url_name=name, path=f"/p/{person.pk}/"
        )
        for when, user, person, action, name in rows
    )
    return {"amina": amina, "omar": omar, "frida": frida}


def found(client, **params) -> list[tuple[str, int, str]]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return [(e.user.username, e.participant_id, e.action) for e in response.context["page"]]


def test_search_by_each_filter(client, administrator, log):
    client.force_login(administrator)
    amina, omar = log["amina"].pk, log["omar"].pk
    everything = [
        ("frida", omar, "view"),
        ("bob", amina, "extract"),
        ("bob", omar, "list"),
        ("bob", amina, "view"),
    ]
    assert found(client) == everything  # newest first
    assert found(client, user=log["frida"].pk) == [("frida", omar, "view")]
    for typed in (
        "19811218-9876",
        "811218-9876",
        "198112189876",
        "amina",
        "Demosson amina",
        "9876",
        f"#{amina}",
    ):
        assert found(client, participant=typed) == [("bob", amina, "extract"), ("bob", amina, "view")], typed
    assert found(client, date_from="2025-03-02", date_to="2025-03-03") == [
        ("bob", amina, "extract"),
        ("bob", omar, "list"),
    ]
    assert found(client, date_from="2025-03-04") == [("frida", omar, "view")]
    assert found(client, url_name="participants:detail") == [("frida", omar, "view"), ("bob", amina, "view")]
    assert found(client, action="list") == [("bob", omar, "list")]
    assert found(client, participant="Provsson", user=log["frida"].pk) == [("frida", omar, "view")]
    assert found(client, participant="Nobody") == []


def test_the_results_show_ids_not_identities_and_are_not_logged(client, administrator, log):
    client.force_login(administrator)
    before = AccessLogEntry.objects.count()
    page = client.get(URL, {"participant": "amina"}).content.decode()
    assert "#12345" in page
    assert "Demosson" not in page and "19811218" not in page
    assert reverse("participants:detail", args=[log["amina"].pk]) in page
    assert AccessLogEntry.objects.count() == before


def test_fifty_a_page(client, administrator, coordinator):
    client.force_login(administrator)
    person = ParticipantFactory()
    for _ in range(51):
        log_access(user=coordinator, participants=[person], page=Page("x", "/x/"), action="view")
    assert len(client.get(URL).context["page"]) == 50
    assert len(client.get(URL, {"page": 2}).context["page"]) == 1
    assert "51 poster" in client.get(URL).content.decode()


def count_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "params", [{}, {"participant": "Testsson", "action": "view", "date_from": "2000-01-01"}]
)
def test_constant_queries(client, administrator, coordinator, official, params):
    client.force_login(administrator)

    def add(n):
        for user in (coordinator, official):
            log_access(
                user=user,
                participants=[ParticipantFactory() for _ in range(n)],
                page=Page(f"page:{n}", "/x/"),
                action="view",
            )

    add(2)
    few = count_queries(client, params)
    add(20)
    assert count_queries(client, params) == few


@pytest.mark.parametrize("role", ["official", "coordinator", "secretary", "partner_user"])
def test_only_the_systemforvaltare_searches_the_log(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert client.get(reverse("audit:retention_runs")).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_nav_links_the_log_for_the_systemforvaltare_only(client, administrator, coordinator):
    client.force_login(administrator)
    assert f'href="{URL}"' in client.get(reverse("accounts:account")).content.decode()
    client.force_login(coordinator)
    assert f'href="{URL}"' not in client.get(reverse("accounts:account")).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner estimate")
def test_the_whole_log_is_not_counted_on_every_page(client, administrator, coordinator, monkeypatch):
    from audit import views

    for _ in range(3):
        log_access(
            user=coordinator, participants=[ParticipantFactory()], page=Page("x", "/x/"), action="view"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE audit_accesslogentry")
    monkeypatch.setattr(views, "ESTIMATE_FROM", 1)
    client.force_login(administrator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.context["page"].paginator.count == 3  # the planner's estimate, exact after ANALYZE
    assert not [
        q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and "audit_accesslogentry" in q["sql"]
    ]
    # a search still counts its own rows exactly
    with CaptureQueriesContext(connection) as queries:
        client.get(URL, {"action": "view"})
    assert [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


def test_the_choices_come_without_reading_the_whole_log(client, administrator, official, log):
    """Users: those with rows in the log, found one user at a time in its user index (issue 22);
    a user without rows is not offered. Pages: every page that writes the log, from the code."""
    client.force_login(administrator)
    form = client.get(URL).context["filter"].form
    users = {user.username for user in form.fields["user"].queryset}
    assert users == {"bob", "frida"} and official.username not in users
    pages = dict(form.fields["url_name"].choices)
    assert {"participants:detail", "participants:list", "participants:extract"} <= set(pages)
    assert "admin:participants_participant_change" in pages
