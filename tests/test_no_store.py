"""Pages that can carry personal data are never cached, and flash messages stay on the server
(issue 8, item 8). The pages are read from the resolver by namespace: a new page there is
checked without being listed here."""

from __future__ import annotations

from django.urls import reverse

from iop_registry.middleware import PERSONAL_DATA_NAMESPACES
from tests.personal_data_urls import admin_objects, admin_personal_data_url_names, admin_url, url_names
from tests.test_permission_matrix import MATRIX, ROLES, objects, url_for, users  # noqa: F401 (fixtures)


def personal_data_pages() -> list[str]:
    return sorted(
        name
        for name in url_names()
        if name.split(":")[0] in PERSONAL_DATA_NAMESPACES and not name.startswith("admin:")
    )


def assert_no_store(response, url):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert {"no-store", "private"} <= directives, f"{url}: Cache-Control {response.get('Cache-Control')!r}"


def test_the_personal_data_namespaces_hold_the_pages_the_issue_names():
    pages = personal_data_pages()
    for name in ["participants:detail", "participants:agreement_participants", "participants:extract"]:
        assert name in pages
    assert "portal:home" in pages and "audit:access_log" in pages


def test_every_personal_data_page_says_no_store_to_the_role_that_may_see_it(client, users, objects):  # noqa: F811
    own, _others = objects
    checked = []
    for name in personal_data_pages():
        _kwargs, rule = MATRIX[name]
        role = next(role for role, status in zip(ROLES, rule, strict=True) if status in (200, 405))
        if users[role] is None:  # a page without a login (the initiative's, issue 23)
            client.logout()
        else:
            client.force_login(users[role])
        url = url_for(name, own)
        response = (client.post if rule[ROLES.index(role)] == 405 else client.get)(url)
        assert response.status_code < 500, url
        assert_no_store(response, url)
        checked.append(name)
    assert len(checked) >= 15


def test_every_admin_page_of_personal_data_says_no_store(client, administrator, seed):
    client.force_login(administrator)
    found = admin_objects(seed["ikf2023"])
    names = admin_personal_data_url_names()
    assert len(names) == 30  # 5 models × changelist, add, change, delete, history, history record
    for name in [*names, "admin:index"]:
        url = admin_url(name, found)[0] if name != "admin:index" else reverse(name)
        response = client.get(url)
        assert response.status_code < 500, url
        assert_no_store(response, url)


def test_pages_without_personal_data_are_not_marked(client, official, seed):
    client.force_login(official)
    response = client.get(reverse("partnerships:overview"))
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_saved_participant_is_named_in_no_cookie(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("participants:create"),
        {
            "personnummer": "19850412-2386",
            "first_name": "Amina",
            "last_name": "Exempelsson",
            "gender": "woman",
        },
        follow=True,
    )
    assert "Amina Exempelsson" in response.content.decode()  # the message is shown …
    cookies = " ".join(f"{morsel.key}={morsel.value}" for morsel in client.cookies.values())
    assert "Amina" not in cookies and "Exempelsson" not in cookies  # … and held in no cookie
    assert "messages" not in client.cookies
