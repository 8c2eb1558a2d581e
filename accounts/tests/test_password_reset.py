"""Password reset by e-mail, through the real URLs: the same answer for any address, no mail
for single-sign-on users, a link that works once and expires, and the rate limit."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from conftest import PASSWORD

RESET = reverse("accounts:password_reset")
NEW_PASSWORD = "ett-nytt-långt-lösen"


@pytest.fixture
def alice(official):
    official.email = "alice@example.org"
    official.save()
    return official


def ask(client, email, **extra):
    return client.post(RESET, {"email": email}, **extra)


def link_in(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/account/password/reset/\S+/\S+/)", message.body).group(1)


def choose(client, link, password=NEW_PASSWORD):
    page = client.get(link, follow=True)
    target = page.redirect_chain[-1][0] if page.redirect_chain else link
    return client.post(target, {"new_password1": password, "new_password2": password})


def test_the_login_page_links_to_the_reset(db):
    assert RESET in Client().get(reverse("login")).content.decode()


def test_a_local_user_resets_the_password_by_e_mail(alice):
    client = Client()
    response = ask(client, "Alice@Example.org")
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_done")
    assert "Titta i din e-post" in client.get(response.url).content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"]
    assert message.subject == "Nytt lösenord till IOP-registret"
    assert "ditt konto alice i IOP-registret" in message.body
    assert "gäller en gång och i 2 timmar" in message.body
    link = link_in(message)

    done = choose(client, link)
    assert done.status_code == 302 and done.url == reverse("accounts:password_reset_complete")
    assert "Ditt lösenord har ändrats" in client.get(done.url).content.decode()
    assert Client().post(reverse("login"), {"username": "alice", "password": NEW_PASSWORD}).status_code == 302
    assert Client().post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code == 200

    # the link works once
    again = Client().get(link, follow=True)
    assert "har gått ut eller redan använts" in again.content.decode()
    assert choose(Client(), link, "ett-tredje-långt-lösen").status_code == 200
    assert Client().post(reverse("login"), {"username": "alice", "password": NEW_PASSWORD}).status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_mail(alice):
    known, unknown = ask(Client(), "alice@example.org"), ask(Client(), "nobody@example.org")
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]


def test_a_single_sign_on_user_gets_no_mail(alice):
    alice.set_unusable_password()
    alice.save()
    response = ask(Client(), "alice@example.org")
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_a_deactivated_user_gets_no_mail(alice):
    alice.is_active = False
    alice.save()
    ask(Client(), "alice@example.org")
    assert mail.outbox == []


def token_made_ago(user, seconds: int) -> str:
    """A reset token signed with an explicit timestamp, `seconds` ago."""
    generator = default_token_generator
    now = generator._num_seconds(generator._now())
    return generator._make_token_with_timestamp(user, now - seconds, generator.secret)


def test_an_expired_link_is_refused(alice, settings):
    old = token_made_ago(alice, settings.PASSWORD_RESET_TIMEOUT + 1)
    link = reverse(
        "accounts:password_reset_confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(alice.pk)), "token": old},
    )
    page = Client().get(link, follow=True)
    assert "har gått ut eller redan använts" in page.content.decode()
    fresh = token_made_ago(alice, settings.PASSWORD_RESET_TIMEOUT - 60)
    assert Client().get(link.replace(old, fresh), follow=True).context["validlink"] is True


def test_the_password_rules_apply(alice):
    client = Client()
    ask(client, "alice@example.org")
    response = choose(client, link_in(mail.outbox[0]), "kort")
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert Client().post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code == 302


def test_requests_per_address_are_limited(alice, settings):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 3
    for index in range(3):
        assert ask(Client(), "alice@example.org", REMOTE_ADDR=f"10.0.0.{index}").status_code == 302
    limited = ask(Client(), "alice@example.org", REMOTE_ADDR="10.0.0.9")
    assert limited.status_code == 429
    assert "Vänta 60 minuter och försök igen" in limited.content.decode()
    assert len(mail.outbox) == 3
    # an unknown address is limited exactly the same way
    for _ in range(3):
        ask(Client(), "nobody@example.org")
    assert ask(Client(), "nobody@example.org").status_code == 429


def test_requests_per_client_address_are_limited(alice, settings):
    settings.PASSWORD_RESET_LIMIT_PER_IP = 5
    for index in range(5):
        assert ask(Client(), f"someone{index}@example.org", REMOTE_ADDR="10.0.0.1").status_code == 302
    assert ask(Client(), "alice@example.org", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert mail.outbox == []
    assert ask(Client(), "alice@example.org", REMOTE_ADDR="10.0.0.2").status_code == 302
    assert len(mail.outbox) == 1
