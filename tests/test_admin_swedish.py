"""The Django admin speaks Swedish (issue 14): no app or model name on its index in English,
the third-party apps' (django-axes, django-otp, django-tasks-db) included."""

from __future__ import annotations

import pytest
from django.utils import translation

from conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(django_user_model):
    user = make_user(django_user_model, "root", None)
    user.is_staff = user.is_superuser = True
    user.save()
    user.totpdevice_set.create(name="app", confirmed=True)
    return user


@pytest.mark.parametrize("who", ["administrator", "superuser"])
def test_the_admin_index_names_every_app_and_model_in_swedish(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    names = [
        (app["name"], [model["name"] for model in app["models"]]) for app in response.context["app_list"]
    ]
    shown = [str(name) for app, models in names for name in [app, *models]]
    with translation.override("en"):
        english = [str(name) for app, models in names for name in [app, *models]]
    same = [sv for sv, en in zip(shown, english, strict=True) if sv == en]
    assert same == [], "names the admin shows in English"
    for name in ("Axes", "Otp_Totp", "TOTP devices", "Access attempts", "Tasks Database Backend"):
        assert f">{name}<" not in html
    if who == "superuser":  # sees every app, the third-party ones too
        for name in ("Inloggningsskydd", "Tvåstegsverifiering", "Bakgrundsjobb", "Autentiseringsappar"):
            assert name in html


def test_a_third_party_changelist_is_in_swedish(client, superuser):
    client.force_login(superuser)
    html = client.get("/admin/axes/accessattempt/").content.decode()
    assert "Välj inloggningsförsök att ändra" in html and "access attempt" not in html.lower()
