"""A partner organisation's users on its page (issue 13): invite a person by e-mail, list the
users and open invitations, deactivate and reactivate. The accounts themselves are made by
accounts/invitations.py; this module decides who may do it for which partner."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import invitations
from accounts.access import Access
from accounts.forms import InviteForm, MemberStatusForm
from accounts.models import Invitation, PartnerMembership

from .models import Partner
from .permissions import can_manage_partner_users


def _managed_partner(request: HttpRequest, pk: int) -> Partner:
    """The partner, if the user may manage its users: another committee's partner is a 404."""
    return get_object_or_404(Partner.objects.in_committees_of(request.access), pk=pk)


def context(access: Access, partner: Partner) -> dict:
    """What the partner page shows of its users, for those who may manage them (two queries)."""
    if not can_manage_partner_users(access, partner):
        return {}
    since = timezone.now() - timedelta(hours=invitations.INVITATION_VALID_HOURS)
    return {
        "members": PartnerMembership.objects.filter(partner=partner)
        .select_related("user")
        .order_by("user__username"),
        "open_invitations": Invitation.objects.filter(
            partner=partner, accepted_at__isnull=True, created_at__gt=since
        ).order_by("-created_at"),
        "invite_form": InviteForm(),
    }


@login_required
@permission_required("partnerships.change_partner", raise_exception=True)
@require_POST
def partner_invite(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _managed_partner(request, pk)
    form = InviteForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(partner)
    try:
        invitation = invitations.invite(partner=partner, email=form.cleaned_data["email"], by=request.user)
    except ValidationError as refusal:
        for message in refusal.messages:
            messages.error(request, message)
        return redirect(partner)
    if invitation.emailed_at is None:
        # The mail server did not take it: the invitation is kept and e-mailed by a later run.
        messages.warning(
            request,
            _(
                "The invitation to %(email)s was saved, but the e-mail could not be sent because "
                "the mail server did not answer. It will be sent automatically with the next "
                "daily run; until then it is listed below as not sent."
            )
            % {"email": invitation.email},
        )
        return redirect(partner)
    messages.success(
        request,
        _("An invitation was e-mailed to %(email)s. The link works for %(hours)s hours.")
        % {"email": invitation.email, "hours": invitations.INVITATION_VALID_HOURS},
    )
    return redirect(partner)


@login_required
@permission_required("partnerships.change_partner", raise_exception=True)
@require_POST
def partner_member_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivate (`active=0`) or reactivate (`active=1`) one of the partner's users."""
    partner = _managed_partner(request, pk)
    form = MemberStatusForm(request.POST)
    if not form.is_valid():
        raise Http404
    membership = get_object_or_404(
        PartnerMembership.objects.select_related("user"), partner=partner, user_id=form.cleaned_data["user"]
    )
    user, active = membership.user, form.cleaned_data["active"]
    invitations.set_active(user=user, active=active, by=request.user)
    name = user.get_full_name() or user.get_username()
    if active:
        messages.success(request, _("%(name)s can log in again.") % {"name": name})
    else:
        messages.success(request, _("%(name)s was deactivated and can no longer log in.") % {"name": name})
    return redirect(partner)
