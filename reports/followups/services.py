"""Yearly follow-ups: the enrolled figure from the placements, and the status steps
draft → submitted → approved."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from participants import statistics
from participants.models import Placement
from partnerships.models import Agreement, Committee

from ..models import FollowUp


def enrolled_from_placements(agreement: Agreement, year: int) -> int | None:
    """How many participants the placements say were enrolled in `agreement` during `year`
    (participants.statistics: distinct people with a placement overlapping the year).

    None when the registry holds no placements for the agreement at all — an activity whose
    participants are not assigned through the registry (a language café, say): then the
    author's own figure needs no reason. This is the only place reports asks for it.
    """
    figure = statistics.yearly_figures(Agreement.objects.filter(pk=agreement.pk), year).get(agreement.pk)
    if figure is None or (
        figure.enrolled == 0 and not Placement.objects.filter(agreement=agreement).exists()
    ):
        return None
    return figure.enrolled


def agreements_for_year(agreements, year: int):
    """The decided agreements that ran during `year` and so owe a follow-up for it. A draft
    has not been signed: nothing ran under it, so nobody is asked to follow it up (issue 14)."""
    return agreements.decided().valid_in(year).order_by("name", "valid_from")


@transaction.atomic
def submit(*, follow_up: FollowUp, by) -> FollowUp:
    """Draft → submitted. The figure must be there or explained."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.status != FollowUp.Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."))
    if not follow_up.summary.strip():
        raise ValidationError(_("Write a summary before you submit the follow-up."))
    follow_up.status = FollowUp.Status.SUBMITTED
    follow_up.submitted_by = by
    follow_up.submitted_at = timezone.now()
    # The reason it was sent back has been answered by this submission; the history keeps it.
    follow_up.returned_reason, follow_up.returned_by, follow_up.returned_at = "", None, None
    follow_up.full_clean()
    follow_up.version += 1  # an edit form opened before this step is stale now
    follow_up.save()
    return follow_up


@transaction.atomic
def approve(*, follow_up: FollowUp, by) -> FollowUp:
    """Submitted → approved, by someone other than the one who submitted it."""
    if not by.has_perm("reports.approve_followup"):
        raise PermissionDenied
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if not follow_up.is_reviewable:
        raise ValidationError(_("Only a submitted follow-up can be approved."))
    if follow_up.submitted_by_id is not None and follow_up.submitted_by_id == by.pk:
        raise ValidationError(
            _("A follow-up must be approved by someone other than the one who submitted it.")
        )
    follow_up.status = FollowUp.Status.APPROVED
    follow_up.approved_by = by
    follow_up.approved_at = timezone.now()
    follow_up.version += 1
    follow_up.save()
    return follow_up


@transaction.atomic
def send_back(*, follow_up: FollowUp, by, reason: str) -> FollowUp:
    """Submitted → draft again, so its author can change it, with the reviewer's reason: the
    author (often a partner, in the portal) sees it until they submit again."""
    if not by.has_perm("reports.approve_followup"):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the follow-up is sent back: its author sees the reason."))
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if not follow_up.is_reviewable:
        raise ValidationError(_("Only a submitted follow-up can be sent back."))
    follow_up.status = FollowUp.Status.DRAFT
    follow_up.submitted_by = None
    follow_up.submitted_at = None
    follow_up.returned_reason = reason
    follow_up.returned_by = by
    follow_up.returned_at = timezone.now()
    follow_up.version += 1
    follow_up.save()
    return follow_up


@transaction.atomic
def open_follow_ups(*, on, within: int = 30) -> list[FollowUp]:
    """Open (as empty drafts) the follow-ups that are due within `within` days of `on`, or past due,
    for the latest year whose deadline that is: every decided agreement that ran in that year owes
    one (docs/domain.md, follow-up memo reports on each). Earlier years are left alone: the registry does not invent a
    backlog. Run by the daily reminder job, so "due" and "overdue" (`FollowUpQuerySet`) also cover
    a follow-up nobody has started yet. Returns the ones it made."""
    made = []
    for committee in Committee.objects.all():
        year = committee.last_reported_year(on, grace_days=within)
        agreements = (
            Agreement.objects.decided()
            .filter(committee=committee)
            .valid_in(year)
            .exclude(follow_ups__year=year)
        )
        for agreement in agreements:
            follow_up, created = FollowUp.objects.get_or_create(agreement=agreement, year=year)
            if created:
                made.append(follow_up)
    return made
