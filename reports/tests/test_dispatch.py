"""Beslutet skickas till (issue 23): recipients chosen per memo from the partners, the committee's
standard recipients and free lines; each sent by e-mail (core.outbox) or recorded as sent by post
or internal mail; the memo's PDF and Word print them."""

from __future__ import annotations

import smtplib
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from conftest import form_data
from participants.tests.factories import CommitteeFactory
from partnerships.models import Partner
from reports import word
from reports.context import memo_context
from reports.models import CommitteeDecision, Memo, MemoRecipient, MemoVersion, StandardRecipient


@pytest.fixture
def memo(seed, secretary) -> Memo:
    ikf = seed["ikf2023"]
    # the partner's address is its first contact's (issue 26: contacts with roles)
    from partnerships.models import PartnerContact

    partner = Partner.objects.get(pk=ikf.parties.get().partner_id)
    PartnerContact.objects.filter(partner=partner).delete()
    PartnerContact.objects.create(partner=partner, name="Kansliet", email="kansli@ikf.example")
    StandardRecipient.objects.create(
        committee=ikf.committee, name="Ekonomienheten", email="ekonomi@kommun.example"
    )
    StandardRecipient.objects.create(committee=ikf.committee, name="Arbetsmarknadsenheten", order=2)
    return Memo.objects.create(
        kind=Memo.Kind.NEW_AGREEMENT,
        title="IOP med Internationella Kvinnoföreningen",
        date=date(2022, 9, 27),
        case_number="AN 2022-123",
        committee=ikf.committee,
        agreement=ikf,
        administration="Integration- och arbetsmarknadsförvaltningen",
        created_by=secretary,
    )


def decide(memo: Memo) -> CommitteeDecision:
    return CommitteeDecision.objects.create(
        memo=memo,
        meeting_date=date(2022, 10, 20),
        paragraph="45",
        text="Nämnden uppdrar åt direktören att teckna.",
    )


def choose(client, memo: Memo, chosen: list[str], others: str = ""):
    url = reverse("reports:memo_recipients", args=[memo.pk])
    data = {**form_data(client.get(url)), "chosen": chosen, "others": others}
    return client.post(url, data)


def send(client, memo: Memo, recipient: MemoRecipient, method: str):
    return client.post(
        reverse("reports:memo_recipient_send", args=[memo.pk, recipient.pk]), {"method": method}
    )


def test_the_partner_and_the_standard_recipients_are_offered(client, secretary, memo):
    client.force_login(secretary)
    page = client.get(reverse("reports:memo_recipients", args=[memo.pk])).content.decode()
    assert "Internationella Kvinnoföreningen &lt;kansli@ikf.example&gt;" in page
    assert "Ekonomienheten &lt;ekonomi@kommun.example&gt;" in page
    assert "Arbetsmarknadsenheten" in page


def test_chosen_and_free_recipients_are_printed_in_the_memo(client, secretary, memo):
    client.force_login(secretary)
    response = choose(
        client,
        memo,
        ["Internationella Kvinnoföreningen", "Ekonomienheten"],
        "Registrator <registrator@kommun.example>\nSocialförvaltningen",
    )
    assert response.status_code == 302
    rows = list(memo.recipients.values_list("name", "email", "order"))
    assert rows == [
        ("Internationella Kvinnoföreningen", "kansli@ikf.example", 1),
        ("Ekonomienheten", "ekonomi@kommun.example", 2),
        ("Registrator", "registrator@kommun.example", 3),
        ("Socialförvaltningen", "", 4),
    ]
    context = memo_context(memo)
    assert context["recipients"] == [
        "Internationella Kvinnoföreningen",
        "Ekonomienheten",
        "Registrator",
        "Socialförvaltningen",
    ]
    from reports.pdf import render_html

    html = render_html("reports/pdf/memo.html", context)
    assert "<li>Socialförvaltningen</li>" in html
    import io

    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(word.render_docx(context))).paragraphs)
    assert "Registrator" in text


def test_a_bad_address_is_refused_and_nothing_changes(client, secretary, memo):
    client.force_login(secretary)
    response = choose(client, memo, [], "Registrator <inte en adress>")
    assert response.status_code == 200
    assert not memo.recipients.exists()


def test_nothing_is_sent_before_the_decision_is_recorded(client, secretary, memo):
    recipient = memo.recipients.create(name="Ekonomienheten", email="ekonomi@kommun.example")
    client.force_login(secretary)
    send(client, memo, recipient, "email")
    recipient.refresh_from_db()
    assert (recipient.method, recipient.sent_at, len(mail.outbox)) == ("", None, 0)


def test_the_decision_is_emailed_with_the_memos_pdf(client, secretary, memo):
    decide(memo)
    MemoVersion.objects.create(
        memo=memo, number=1, pdf=b"%PDF-1.7", sha256="a" * 64, size=8, created_by=secretary
    )
    recipient = memo.recipients.create(name="Ekonomienheten", email="ekonomi@kommun.example")
    client.force_login(secretary)
    assert send(client, memo, recipient, "email").status_code == 302
    recipient.refresh_from_db()
    assert recipient.method == "email" and recipient.sent_at == recipient.emailed_at is not None
    assert recipient.sent_by == secretary
    (message,) = mail.outbox
    assert message.to == ["ekonomi@kommun.example"]
    assert message.subject == "Beslut: IOP med Internationella Kvinnoföreningen"
    assert "Arbetsmarknadsnämnden beslutade 2022-10-20, § 45:" in message.body
    assert message.attachments[0][2] == "application/pdf"
    # sent once: the button does not send it again
    send(client, memo, recipient, "email")
    assert len(mail.outbox) == 1
    page = client.get(memo.get_absolute_url()).content.decode()
    assert "e-post, " in page


def test_a_failed_email_is_kept_and_sent_when_tried_again(client, secretary, memo, monkeypatch):
    decide(memo)
    recipient = memo.recipients.create(name="Ekonomienheten", email="ekonomi@kommun.example")
    client.force_login(secretary)

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    send(client, memo, recipient, "email")
    recipient.refresh_from_db()
    assert recipient.sent_at is None and "SMTPServerDisconnected" in recipient.error
    monkeypatch.undo()
    send(client, memo, recipient, "email")
    recipient.refresh_from_db()
    assert recipient.sent_at is not None and recipient.attempts == 2
    assert len(mail.outbox) == 1


def test_post_and_internal_mail_are_recorded_by_hand(client, official, memo):
    decide(memo)
    by_post = memo.recipients.create(name="Internationella Kvinnoföreningen")
    client.force_login(official)
    send(client, memo, by_post, "post")
    by_post.refresh_from_db()
    assert by_post.method == "post" and by_post.sent_at is not None
    assert mail.outbox == []


def test_without_an_address_it_cannot_be_emailed(client, official, memo):
    decide(memo)
    recipient = memo.recipients.create(name="Arbetsmarknadsenheten")
    client.force_login(official)
    send(client, memo, recipient, "email")
    recipient.refresh_from_db()
    assert recipient.method == "" and mail.outbox == []


def test_a_sent_recipient_stays_when_the_list_changes(client, secretary, memo):
    decide(memo)
    memo.recipients.create(
        name="Internationella Kvinnoföreningen", method="post", sent_at="2022-10-24T09:00+02:00"
    )
    memo.recipients.create(name="Gammal mottagare")
    client.force_login(secretary)
    choose(client, memo, ["Ekonomienheten"])
    assert list(memo.recipients.values_list("name", flat=True)) == [
        "Ekonomienheten",
        "Internationella Kvinnoföreningen",
    ]


def test_the_database_refuses_an_email_without_address_and_a_post_without_time(memo):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        MemoRecipient.objects.create(memo=memo, name="A", method="email")
    with pytest.raises(IntegrityError), transaction.atomic():
        MemoRecipient.objects.create(memo=memo, name="B", method="post")


def test_another_committees_recipient_cannot_be_sent(client, secretary, seed):
    other = Memo.objects.create(
        title="SN",
        date=date(2024, 3, 1),
        committee=CommitteeFactory(name="SN", abbreviation="SN"),
        administration="S",
    )
    decide(other)
    recipient = other.recipients.create(name="Ekonomi", email="e@sn.example")
    client.force_login(secretary)
    assert send(client, other, recipient, "email").status_code == 404
    assert mail.outbox == []
