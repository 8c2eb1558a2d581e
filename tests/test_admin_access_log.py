"""Every admin page that can show a participant's data writes the access log (issue 8, item 7).

The pages are read from the resolver (every admin page of the participants app's models), so a
page Django or simple_history adds is walked without being listed here.
"""

from __future__ import annotations

from django.contrib.admin.models import LogEntry
from django.urls import resolve, reverse

from audit.models import AccessLogEntry
from tests.personal_data_urls import admin_objects, admin_personal_data_url_names, admin_url


def test_every_admin_page_showing_a_participant_writes_the_access_log(client, administrator, seed):
    client.force_login(administrator)
    found = admin_objects(seed["ikf2023"])
    names = admin_personal_data_url_names()
    assert {"admin:participants_participant_simple_history", "admin:participants_placement_delete"} <= set(
        names
    )
    missing = []
    for name in names:
        url, participant = admin_url(name, found)
        before = AccessLogEntry.objects.count()
        response = client.get(url)
        assert response.status_code in (200, 403), url  # 403: placements are added on the coordinators' pages
        entries = AccessLogEntry.objects.order_by("pk")[before:]
        if participant is None or response.status_code == 403:
            assert list(entries) == [], f"{url} shows nobody but logged"
        elif not any(e.participant_id == participant and e.url_name == name for e in entries):
            missing.append(name)
    assert missing == [], "admin pages that show a participant without an access-log entry"


def test_the_delete_selected_confirmation_writes_the_access_log(client, administrator, seed):
    client.force_login(administrator)
    found = admin_objects(seed["ikf2023"])
    for model in ("participant", "placement"):
        url = reverse(f"admin:participants_{model}_changelist")
        before = AccessLogEntry.objects.count()
        response = client.post(url, {"action": "delete_selected", "_selected_action": [found[model].pk]})
        assert response.status_code == 200 and "delete_selected_confirmation" in response.template_name[-1]
        logged = AccessLogEntry.objects.order_by("pk")[before:]
        assert [e.participant_id for e in logged] == [found["participant"].pk], model


def test_recent_actions_on_the_admin_index_name_no_one(client, administrator, seed):
    client.force_login(administrator)
    person = admin_objects(seed["ikf2023"])["participant"]
    person.first_name, person.last_name = "Amina", "Exempelsson"
    person.save()
    url = reverse("admin:participants_participant_change", args=[person.pk])
    from conftest import form_data

    data = form_data(client.get(url), form_index=-1)
    data["district"] = "Ryd"
    assert client.post(url, data, follow=True).redirect_chain  # its message is read on the (logged) list
    entry = LogEntry.objects.get(object_id=str(person.pk), content_type__model="participant")
    assert "Amina" not in entry.object_repr and entry.object_repr.endswith(f"#{person.pk}")
    index = client.get(reverse("admin:index")).content.decode()
    assert "Exempelsson" not in index and f"#{person.pk}" in index
    assert resolve(reverse("admin:index")).url_name == "index"
