"""An invitation when the mail server is down (issue 21, row 9), through the real URL: no error
page, the invitation is kept with a clear message, listed as not sent, and a later run of the
daily job e-mails a working link, once."""

from __future__ import annotations

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import Invitation
from accounts.tests.test_invitations import accept, link_in, partner  # noqa: F401 - the fixture
from conftest import SecondFactorClient
from notifications.tests.test_failed_mail import closed_port

SAVED_NOT_SENT = "Inbjudan till nina@example.org sparades, men e-postmeddelandet kunde inte skickas"


def test_an_invitation_whose_e_mail_fails_is_kept_and_sent_by_a_later_run(
    client,
    official,
    administrator,
    partner,  # noqa: F811
    settings,
    capsys,
):
    working = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port(), "timeout": 5},
        }
    }
    client.force_login(official)
    response = client.post(
        reverse("partnerships:partner_invite", args=[partner.pk]), {"email": "nina@example.org"}
    )
    assert response.status_code == 302 and response.url == partner.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert SAVED_NOT_SENT in page
    assert "inte skickad: e-postmeddelandet misslyckades och skickas igen automatiskt" in page
    invitation = Invitation.objects.get()
    assert invitation.emailed_at is None and invitation.attempts == 1
    assert "ConnectionRefusedError" in invitation.error
    assert mail.outbox == []
    # the systemförvaltare's start page lists it
    admin = SecondFactorClient()
    admin.force_login(administrator)
    assert "Inbjudan till nina@example.org kunde inte e-postas" in admin.get("/").content.decode()

    # the mail server is back: the next run e-mails a link that works, once
    settings.MAILERS = working
    call_command("remind", "--as-of", "2024-01-16")
    assert "E-mails: 1 sent, 0 failed." in capsys.readouterr().out
    assert [m.to for m in mail.outbox] == [["nina@example.org"]]
    call_command("remind", "--as-of", "2024-01-16")
    assert len(mail.outbox) == 1
    assert accept(Client(), link_in(mail.outbox[0])).status_code == 302
    assert Invitation.objects.get().user.email == "nina@example.org"
    assert "Inbjudan till nina@example.org kunde inte e-postas" not in admin.get("/").content.decode()
