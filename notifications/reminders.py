"""The daily reminder job (issue 12). `run_job` is the one function: the daily task
(`notifications.tasks.send_reminders`) and `python manage.py remind` both call it; it retries
the e-mails that failed before and then runs `run_reminders`.

What is due is asked of the QuerySets the start pages use as well
(`Agreement.objects.ending_within`, `FollowUp.objects.due` / `.overdue` / `.submitted` /
`.sent_back`, `Placement.objects.outcome_due`), never worked out here. Each reminder is one `Reminder` row per user and event,
created before it is e-mailed: a second run, the same day or with the same `--as-of`, finds the
row and makes nothing new. An e-mail that failed is tried again by later runs (`run_job`,
core/outbox.py) until it is sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import invitations, roles
from core import outbox
from initiatives import services as initiative_services
from participants.models import OUTCOME_MONTHS, Placement, months_after
from partnerships import budget
from partnerships.models import Agreement
from reports import followups
from reports.models import FollowUp

from .models import Reminder

# "6 and 3 months before an agreement ends" (issue 12), in days: 31 Dec − 183 days is 1 July.
SIX_MONTHS_DAYS = 183
THREE_MONTHS_DAYS = 92
# "30 days before a follow-up is due".
FOLLOW_UP_DUE_DAYS = 30


@dataclass(frozen=True)
class Event:
    kind: str
    key: str
    recipients: list
    subject: str
    body: str
    url: str


def _users():
    return get_user_model().objects.filter(is_active=True)


def partner_users(agreement: Agreement):
    """The users who act for one of the agreement's partner organisations."""
    return (
        _users()
        .filter(groups__name=roles.PARTNER, partner_membership__partner__parties__agreement=agreement)
        .distinct()
    )


def approvers(committee):
    """Who may approve a follow-up of `committee`'s: the permission through a role or their
    own (or a superuser), and a member of that committee. Everyone who is told about an
    agreement or a follow-up by name is of its own committee (issue 21, row 11): an official
    of another committee must not learn of it, not even by e-mail."""
    codename = Q(codename="approve_followup", content_type__app_label="reports")
    from django.contrib.auth.models import Permission

    permission = Permission.objects.filter(codename).first()
    return (
        _users()
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission) | Q(is_superuser=True))
        .filter(committee_memberships__committee=committee)
        .exclude(groups__name=roles.PARTNER)
        .distinct()
    )


def _ending_events(as_of: date) -> Iterator[Event]:
    """The responsible official, 6 and 3 months before the end (without a decided successor).
    When the job first sees an agreement inside three months it sends the three-month one only."""
    within_three = Agreement.objects.ending_within(days=THREE_MONTHS_DAYS, on=as_of)
    windows = [
        (Reminder.Kind.AGREEMENT_ENDING_3M, within_three),
        (
            Reminder.Kind.AGREEMENT_ENDING_6M,
            Agreement.objects.ending_within(days=SIX_MONTHS_DAYS, on=as_of).exclude(pk__in=within_three),
        ),
    ]
    for kind, agreements in windows:
        # the responsible official only while a member of the agreement's committee (row 11)
        agreements = agreements.filter(
            responsible__is_active=True, responsible__committee_memberships__committee=F("committee")
        )
        for agreement in agreements.select_related("responsible"):
            yield Event(
                kind=kind,
                key=f"agreement:{agreement.pk}:{agreement.valid_to.isoformat()}",
                recipients=[agreement.responsible],
                subject=_("“%(name)s” ends on %(date)s")
                % {"name": agreement.name, "date": agreement.valid_to},
                body=_(
                    "The agreement “%(name)s” ends on %(date)s and has no decided successor. "
                    "Renew it or decide to let it end."
                )
                % {"name": agreement.name, "date": agreement.valid_to},
                url=agreement.get_absolute_url(),
            )


def _follow_up_events(as_of: date) -> Iterator[Event]:
    def portal_url(follow_up: FollowUp) -> str:
        return reverse("portal:followup_edit", args=[follow_up.agreement_id, follow_up.year])

    def names(follow_up: FollowUp) -> dict:
        return {"name": follow_up.agreement.name, "year": follow_up.year, "date": follow_up.deadline}

    for follow_up in FollowUp.objects.due(on=as_of, within=FOLLOW_UP_DUE_DAYS).with_deadline():
        yield Event(
            kind=Reminder.Kind.FOLLOW_UP_DUE,
            key=f"followup:{follow_up.pk}",
            recipients=list(partner_users(follow_up.agreement)),
            subject=_("The follow-up of “%(name)s” %(year)s is due on %(date)s") % names(follow_up),
            body=_("Write and submit the follow-up of “%(name)s” for %(year)s by %(date)s.")
            % names(follow_up),
            url=portal_url(follow_up),
        )
    for follow_up in FollowUp.objects.overdue(on=as_of).with_deadline():
        yield Event(
            kind=Reminder.Kind.FOLLOW_UP_OVERDUE,
            key=f"followup:{follow_up.pk}",
            recipients=list(partner_users(follow_up.agreement)),
            subject=_("The follow-up of “%(name)s” %(year)s is overdue") % names(follow_up),
            body=_(
                "The follow-up of “%(name)s” for %(year)s was due on %(date)s. Submit it as soon as you can."
            )
            % names(follow_up),
            url=portal_url(follow_up),
        )
    approvers_of: dict[int, list] = {}  # committee id → its approvers, read once per committee
    for follow_up in FollowUp.objects.submitted().filter(submitted_at__date__lte=as_of).with_deadline():
        committee_id = follow_up.agreement.committee_id
        if committee_id not in approvers_of:
            approvers_of[committee_id] = list(approvers(committee_id))
        yield Event(
            kind=Reminder.Kind.FOLLOW_UP_SUBMITTED,
            key=f"followup:{follow_up.pk}:{follow_up.submitted_at.isoformat()}",
            recipients=[user for user in approvers_of[committee_id] if user.pk != follow_up.submitted_by_id],
            subject=_("The follow-up of “%(name)s” %(year)s waits for approval") % names(follow_up),
            body=_("The follow-up of “%(name)s” for %(year)s has been submitted. Review and approve it.")
            % names(follow_up),
            url=follow_up.get_absolute_url(),
        )
    for follow_up in FollowUp.objects.sent_back().filter(returned_at__date__lte=as_of).with_deadline():
        yield Event(
            kind=Reminder.Kind.FOLLOW_UP_SENT_BACK,
            key=f"followup:{follow_up.pk}:{follow_up.returned_at.isoformat()}",
            recipients=list(partner_users(follow_up.agreement)),
            subject=_("The follow-up of “%(name)s” %(year)s was sent back") % names(follow_up),
            body=_("The follow-up of “%(name)s” for %(year)s was sent back: %(reason)s")
            % {**names(follow_up), "reason": follow_up.returned_reason},
            url=portal_url(follow_up),
        )


def coordinators(committee_id):
    """The active coordinators of a committee (its id or the committee): those who record its
    placements' outcomes and are given an ended agreement's open placements."""
    return (
        _users()
        .filter(groups__name=roles.COORDINATOR, committee_memberships__committee=committee_id)
        .distinct()
    )


def _outcome_events(as_of: date) -> Iterator[Event]:
    """The committee's coordinators, when an outcome 6 or 12 months after a placement is due
    (`Placement.objects.outcome_due`, as on their start page; issue 24). The e-mail names the
    activity and the dates, never the person: the link leads to the page, which is logged."""
    coordinators_of: dict[int, list] = {}
    for months in OUTCOME_MONTHS:
        for placement in Placement.objects.outcome_due(on=as_of, months=months).select_related("agreement"):
            committee_id = placement.agreement.committee_id
            if committee_id not in coordinators_of:
                coordinators_of[committee_id] = list(coordinators(committee_id))
            values = {
                "agreement": placement.agreement.name,
                "months": months,
                "end": placement.actual_end,
                "date": months_after(placement.actual_end, months),
            }
            yield Event(
                kind=Reminder.Kind.OUTCOME_DUE,
                key=f"outcome:{placement.pk}:{months}",
                recipients=coordinators_of[committee_id],
                subject=_("An outcome after “%(agreement)s” is due") % values,
                body=_(
                    "A placement in “%(agreement)s” ended on %(end)s. Record where the participant is "
                    "%(months)s months later (due %(date)s)."
                )
                % values,
                url=reverse("participants:placement_outcomes", args=[placement.pk]),
            )


def _budget_frame_events(as_of: date) -> Iterator[Event]:
    """The responsible official of a draft (a renewal is one) that would take its committee over
    the budget frame for IOP in a year it covers (partnerships/budget.py, issue 24). The event
    names the years and totals, so a draft changed and still over the frame warns again."""
    drafts = (
        Agreement.objects.filter(stage=Agreement.Stage.DRAFT, valid_to__gte=as_of)
        .filter(committee__budget_frames__year__gte=as_of.year)
        .filter(responsible__is_active=True, responsible__committee_memberships__committee=F("committee"))
        .select_related("responsible", "committee")
        .prefetch_related("amendments")
        .distinct()
    )
    for agreement in drafts:
        excesses = budget.frame_excesses(agreement)
        if excesses:
            yield _budget_frame_event(agreement, excesses)


def _budget_frame_event(agreement: Agreement, excesses: list[budget.FrameExcess]) -> Event:
    return Event(
        kind=Reminder.Kind.OVER_BUDGET_FRAME,
        key=(f"budget:{agreement.pk}:" + ",".join(f"{e.year}={e.total}" for e in excesses))[:200],
        recipients=[agreement.responsible],
        subject=_("“%(name)s” would exceed the budget frame") % {"name": agreement.name},
        body=" ".join(excess.sentence(agreement) for excess in excesses),
        url=agreement.get_absolute_url(),
    )


def warn_over_frame(agreement: Agreement, excesses: list[budget.FrameExcess]) -> Reminder | None:
    """At once, when a draft is saved or renewed over the frame (partnerships.budget.warn): the
    same reminder the daily job would make, to the responsible official while a member of the
    draft's committee; the job finds it made and sends nothing twice."""
    responsible = agreement.responsible
    if (
        responsible is None
        or not responsible.is_active
        or not responsible.committee_memberships.filter(committee=agreement.committee_id).exists()
    ):
        return None
    with translation.override(settings.LANGUAGE_CODE):
        reminder = _record(_budget_frame_event(agreement, excesses), responsible, timezone.localdate())
        if reminder is not None:
            _email(reminder)
    return reminder


def events(as_of: date) -> Iterable[Event]:
    yield from _ending_events(as_of)
    yield from _follow_up_events(as_of)
    yield from _outcome_events(as_of)
    yield from _budget_frame_events(as_of)


def _record(event: Event, recipient, as_of: date) -> Reminder | None:
    """The new reminder, or None when this user already has it (from any earlier run)."""
    try:
        with transaction.atomic():
            reminder, created = Reminder.objects.get_or_create(
                recipient=recipient,
                kind=event.kind,
                key=event.key,
                defaults={"subject": event.subject, "body": event.body, "url": event.url, "as_of": as_of},
            )
    except IntegrityError:  # another run made it between our look and our insert
        return None
    return reminder if created else None


def deliver(event: Event, *, as_of: date) -> list[Reminder]:
    """Record and e-mail one event to each of its recipients now (an agreement ended early,
    issue 26), as the daily job does for what falls due; a recipient who has it already gets
    nothing new."""
    made = []
    with translation.override(settings.LANGUAGE_CODE):
        for recipient in event.recipients:
            reminder = _record(event, recipient, as_of)
            if reminder is not None:
                _email(reminder)
                made.append(reminder)
    return made


def _send(reminder: Reminder) -> None:
    send_mail(
        reminder.subject,
        f"{reminder.body}\n\n{settings.SITE_URL.rstrip('/')}{reminder.url}",
        None,
        [reminder.recipient.email],
    )


def _email(reminder: Reminder) -> bool:
    """One try at e-mailing the reminder (core.outbox); a user without an address has
    it in the in-app list only."""
    if not reminder.recipient.email:
        return False
    return outbox.attempt(reminder, partial(_send, reminder))


def retry_unsent() -> list[Reminder]:
    """Try again each reminder whose e-mail failed on an earlier run and has tries left (issue 21,
    row 8); the ones tried. A recipient deactivated or without an address since is left out."""
    tried = []
    retry = Reminder.objects.to_retry().filter(recipient__is_active=True).exclude(recipient__email="")
    with translation.override(settings.LANGUAGE_CODE):
        for reminder in retry.select_related("recipient").order_by("pk"):
            if _email(reminder):
                tried.append(reminder)
    return tried


def run_reminders(*, as_of: date | None = None) -> list[Reminder]:
    """Send every reminder due on `as_of` (today by default) that has not been sent before;
    return the new ones. Running it again for the same day sends nothing. First opens the
    follow-ups whose reminder time has come (`reports.followups.open_follow_ups`)."""
    as_of = as_of or timezone.localdate()
    followups.open_follow_ups(on=as_of, within=FOLLOW_UP_DUE_DAYS)
    sent = []
    with translation.override(settings.LANGUAGE_CODE):
        for event in events(as_of):
            for recipient in event.recipients:
                reminder = _record(event, recipient, as_of)
                if reminder is not None:
                    _email(reminder)
                    sent.append(reminder)
    return sent


@dataclass(frozen=True)
class Run:
    """One run of the daily job: the reminders it made, and every e-mail it tried (theirs, and
    the earlier failures it sent again: reminders and invitations)."""

    reminders: list[Reminder]
    tried: list

    @property
    def mail(self) -> outbox.Tally:
        return outbox.Tally.of(self.tried)


def run_job(*, as_of: date | None = None) -> Run:
    """What the daily task and `manage.py remind` run: first the e-mails that failed before (so
    one that fails again is tried once per run), then the reminders due on `as_of`."""
    tried = [*retry_unsent(), *invitations.retry_unsent(), *initiative_services.retry_unsent()]
    made = run_reminders(as_of=as_of)
    return Run(reminders=made, tried=[*tried, *made])
