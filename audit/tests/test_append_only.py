"""No one can change or delete the access log or the retention runs through the application:
not the admin, not the models, not the ORM's bulk operations, and on PostgreSQL not SQL either."""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from audit.models import AccessLogEntry, AppendOnlyError, RetentionRun
from audit.services import Page, log_access
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers exist on PostgreSQL only (audit/migrations/0002)"
)


@pytest.fixture
def entry(coordinator):
    return log_access(
        user=coordinator,
        participants=[ParticipantFactory()],
        page=Page("participants:detail", "/p/1/"),
        action="view",
    )[0]


@pytest.fixture
def run():
    return RetentionRun.objects.create(retention_months=60, cutoff=date(2021, 1, 1))


def test_saving_an_existing_entry_is_refused(entry):
    entry.action = "list"
    with pytest.raises(AppendOnlyError):
        entry.save()
    assert AccessLogEntry.objects.get().action == "view"


def test_a_new_object_with_an_existing_id_does_not_overwrite(entry, coordinator):
    copy = AccessLogEntry(
        pk=entry.pk, user=coordinator, participant=entry.participant, action="list", url_name="x", path="/x/"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()
    assert AccessLogEntry.objects.get().action == "view"


def test_deleting_is_refused(entry, run):
    for obj in (entry, run):
        with pytest.raises(AppendOnlyError):
            obj.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        RetentionRun.objects.filter(pk=run.pk).delete()
    assert (AccessLogEntry.objects.count(), RetentionRun.objects.count()) == (1, 1)


def test_bulk_changes_are_refused(entry, run):
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(action="list")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.bulk_update([entry], ["action"])
    with pytest.raises(AppendOnlyError):
        RetentionRun.objects.update(participants=99)
    run.participants = 99
    with pytest.raises(AppendOnlyError):
        run.save()
    assert RetentionRun.objects.get().participants == 0


def test_a_participant_or_user_in_the_log_cannot_be_deleted(entry):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        entry.participant.delete()
    with pytest.raises(ProtectedError):
        entry.user.delete()


def test_the_models_offer_only_the_view_permission():
    from django.contrib.auth.models import Permission

    codenames = set(
        Permission.objects.filter(content_type__app_label="audit").values_list("codename", flat=True)
    )
    assert codenames == {"view_accesslogentry", "view_retentionrun", "view_contactaccesslogentry"}


def test_the_admin_is_view_only_even_for_a_superuser(client, django_user_model, entry, run):
    superuser = django_user_model.objects.create_superuser("root", password="x-very-long-password")
    superuser.totpdevice_set.create(name="app", confirmed=True)
    client.force_login(superuser)
    change = reverse("admin:audit_accesslogentry_change", args=[entry.pk])
    page = client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(change, {"action": "list"}).status_code == 403
    assert client.get(reverse("admin:audit_accesslogentry_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:audit_accesslogentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("admin:audit_retentionrun_delete", args=[run.pk]), {"post": "yes"}).status_code
        == 403
    )
    listing = client.get(reverse("admin:audit_accesslogentry_changelist")).content.decode()
    assert "delete_selected" not in listing
    assert f"#{entry.participant_id}" in listing and entry.participant.last_name not in listing
    assert AccessLogEntry.objects.get().action == "view" and RetentionRun.objects.count() == 1


@postgresql_only
@pytest.mark.parametrize("table", ["audit_accesslogentry", "audit_retentionrun"])
@pytest.mark.parametrize("statement", ["UPDATE {table} SET id = id", "DELETE FROM {table}"])
def test_postgresql_refuses_update_and_delete(entry, run, table, statement):
    with (
        pytest.raises(IntegrityError, match="append_only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(table=table))
    assert (AccessLogEntry.objects.count(), RetentionRun.objects.count()) == (1, 1)


@postgresql_only
@pytest.mark.parametrize("statement", ["UPDATE {table} SET id = id", "DELETE FROM {table}"])
def test_postgresql_refuses_to_change_the_contact_log(coordinator, statement):
    """Issue 26: the log of pages that showed partners' contacts is append-only too."""
    from audit.models import ContactAccessLogEntry

    ContactAccessLogEntry.objects.create(
        user=coordinator, partner_id=1, contact_ids=[1], url_name="x", path="/x/"
    )
    with (
        pytest.raises(IntegrityError, match="append_only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(table="audit_contactaccesslogentry"))
    assert ContactAccessLogEntry.objects.count() == 1


@postgresql_only
def test_postgresql_still_takes_new_rows(entry, coordinator):
    log_access(user=coordinator, participants=[entry.participant], page=Page("x", "/x/"), action="list")
    assert AccessLogEntry.objects.count() == 2


def test_log_access_wants_a_user_and_a_known_action(coordinator):
    from django.contrib.auth.models import AnonymousUser

    person = ParticipantFactory()
    with pytest.raises(ValueError):
        log_access(user=AnonymousUser(), participants=[person], page=Page("x", "/x/"), action="view")
    with pytest.raises(ValueError):
        log_access(user=coordinator, participants=[person], page=Page("x", "/x/"), action="peek")
    assert log_access(user=coordinator, participants=[], page=Page("x", "/x/"), action="view") == []
    assert (
        len(
            log_access(
                user=coordinator, participants=[person, person.pk], page=Page("x", "/x/"), action="view"
            )
        )
        == 1
    )
