"""The Django admin registers every business model, with Swedish names, and its pages open."""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin
from django.urls import reverse

APPS = ["accounts", "partnerships", "participants", "reports", "audit"]
INLINE_ONLY = {"reports.MemoSection", "reports.MemoVersion"}  # edited within their memo
# Made again at will from other rows, never edited: a memo's PDF rendered ahead; the per-year
# usage the placements keep (participants/usage.py, `manage.py rebuild_usage`).
DERIVED = {"reports.PreparedPdf", "participants.AgreementYearUsage", "participants.UsageStamp"}


def business_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in APPS and not model.__name__.startswith("Historical")
    ]


def test_every_business_model_is_in_the_admin():
    missing = [
        m._meta.label
        for m in business_models()
        if m not in admin.site._registry and m._meta.label not in INLINE_ONLY | DERIVED
    ]
    assert missing == []


def test_admin_list_pages_open_for_the_administrator(client, administrator, seed):
    client.force_login(administrator)
    administrator.is_superuser = True
    administrator.save()
    for model in admin.site._registry:
        if model._meta.app_label in APPS:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            assert client.get(url).status_code == 200, url
    assert "Överenskommelser" in client.get(reverse("admin:index")).content.decode()


def test_the_admin_refuses_what_the_pages_refuse(client, administrator, seed):
    from conftest import form_data

    agreement = seed["hoppfull"]
    url = reverse("admin:partnerships_agreement_change", args=[agreement.pk])
    client.force_login(administrator)
    data = form_data(client.get(url), form_index=-1)
    data.update({"valid_from": "2021-01-01", "valid_to": "2020-12-31"})
    response = client.post(url, data)
    assert (
        response.status_code == 200
        and "Slutdatumet kan inte ligga före startdatumet." in response.content.decode()
    )
    agreement.refresh_from_db()
    assert agreement.valid_to.year == 2023


def test_placements_are_read_only_in_the_admin(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("admin:participants_placement_add")).status_code == 403
