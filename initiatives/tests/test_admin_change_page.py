"""The admin's initiative page logs who saw the contact person (initiatives/admin.py): whatever id
the admin reads as an initiative is logged, and one that names none is no server error."""

from __future__ import annotations

import pytest
from django.urls import reverse

from initiatives.models import AccessLogEntry
from initiatives.tests.factories import make_initiative
from participants.tests.factories import CommitteeFactory


def test_opening_an_initiative_in_the_admin_logs_the_view(client, administrator):
    initiative = make_initiative(CommitteeFactory())
    client.force_login(administrator)
    response = client.get(reverse("admin:initiatives_initiative_change", args=[initiative.pk]))
    assert response.status_code == 200
    assert (
        AccessLogEntry.objects.filter(initiative=initiative, user=administrator, action="view").count() == 1
    )


def test_an_id_in_other_digits_that_the_admin_shows_is_logged_too(client, administrator):
    initiative = make_initiative(CommitteeFactory())
    other_digits = str(initiative.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    client.force_login(administrator)
    response = client.get(f"/admin/initiatives/initiative/{other_digits}/change/")
    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(initiative=initiative, user=administrator).count() == 1


@pytest.mark.parametrize("object_id", ["99999999999999999999", "x1"])
def test_an_id_that_names_no_initiative_is_no_server_error(client, administrator, object_id):
    client.force_login(administrator)
    response = client.get(f"/admin/initiatives/initiative/{object_id}/change/")
    assert response.status_code in (302, 404)
    assert not AccessLogEntry.objects.exists()
