"""The admin keeps the optimistic lock of every model with a `version` (issue 21, row 13): a
stale admin save is refused with the pages' message and nothing overwritten; a save bumps
`version`, so a page opened before it finds the conflict too. Committees, guidelines and memo
defaults, edited in the admin only, have a version for this."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db.models import F
from django.urls import reverse

from conftest import form_data
from core.admin_safety import VersionedAdminMixin
from participants.models import Participant
from participants.tests.factories import ParticipantFactory
from partnerships.guidelines import Guideline
from partnerships.models import Agreement, Committee, Partner
from reports.models import MemoDefaults

pytestmark = pytest.mark.django_db

REFUSED = "Någon annan har sparat"


def test_every_admin_of_a_versioned_model_checks_the_version():
    versioned = {
        model._meta.label: model_admin
        for model, model_admin in admin.site._registry.items()
        if any(field.name == "version" for field in model._meta.get_fields())
    }
    # participant, placement, partner, agreement, committee, guideline, follow-up, memo, memo defaults
    assert len(versioned) >= 9
    assert [label for label, a in versioned.items() if not isinstance(a, VersionedAdminMixin)] == []
    # The changelist's own edit form would save without the check.
    assert [label for label, a in versioned.items() if a.list_editable] == []


def _participant(seed):
    return ParticipantFactory(needs="SFI")


def _partner(seed):
    return seed["ikf2023"].parties.get().partner


def _agreement(seed):
    return seed["hoppfull"]


def _committee(seed):
    return seed["hoppfull"].committee


def _guideline(seed):
    return seed["hoppfull"].guideline


def _memo_defaults(seed):
    return MemoDefaults.objects.get_or_create(committee=seed["hoppfull"].committee)[0]


CASES = [
    (Participant, _participant, "needs", "Tolk"),
    (Partner, _partner, "city", "Ny ort"),
    (Agreement, _agreement, "notes", "Ny anteckning"),
    (Committee, _committee, "administration", "Ny förvaltning"),
    (Guideline, _guideline, "name", "Nya riktlinjer"),
    (MemoDefaults, _memo_defaults, "signer", "Ny undertecknare"),
]


@pytest.mark.parametrize(
    ("model", "make", "field", "value"), CASES, ids=lambda c: getattr(c, "__name__", None)
)
def test_a_stale_admin_save_is_refused_and_a_fresh_one_bumps_the_version(
    client, administrator, seed, model, make, field, value
):
    obj = make(seed)
    if model is Guideline:  # the municipality's guidelines are the superuser's (no role holds them)
        administrator.is_superuser = True
        administrator.save(update_fields=["is_superuser"])
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    client.force_login(administrator)
    stale = form_data(client.get(url), form_index=-1)
    assert stale["seen_version"] == str(obj.version)

    # Someone saves on the pages (which bump the version) after the admin page was opened.
    model.objects.filter(pk=obj.pk).update(**{field: "Den andras ändring", "version": F("version") + 1})
    response = client.post(url, {**stale, field: value})
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    obj.refresh_from_db()
    assert (getattr(obj, field), obj.version) == ("Den andras ändring", 2)

    fresh = form_data(client.get(url), form_index=-1)
    response = client.post(url, {**fresh, field: value})
    assert response.status_code == 302, response.content.decode()[:3000]
    obj.refresh_from_db()
    assert (getattr(obj, field), obj.version) == (value, 3)


def test_reverting_to_a_history_version_is_a_checked_save(client, administrator, seed):
    """django-simple-history's "revert" page saves through the same form: it bumps the version."""
    partner = _partner(seed)
    partner.city = "Första"
    partner.save()
    old = partner.history.order_by("history_date").last()
    Partner.objects.filter(pk=partner.pk).update(city="Andra", version=F("version") + 1)
    url = reverse("admin:partnerships_partner_simple_history", args=[partner.pk, old.history_id])
    client.force_login(administrator)
    data = form_data(client.get(url), form_index=-1)
    assert data["city"] == "Första"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    partner.refresh_from_db()
    assert (partner.city, partner.version) == ("Första", 3)
