"""Partner users by invitation (issue 13): an official or a systemförvaltare invites a person by
e-mail to a partner organisation; the one-time link lets them choose a password and makes them
a user with the partner role and a PartnerMembership.

- The link holds a random token; only its SHA-256 is stored, so a copy of the database gives no
  working link. It works once, and for INVITATION_VALID_HOURS (72) from when it was sent.
- The user name is the e-mail address (lower case): partner staff log in with it.
- Who may invite to which partner is the caller's rule (partnerships.permissions.can_manage_partner_users).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import outbox

from . import roles
from .events import record_event
from .models import Invitation, PartnerMembership, SecurityEvent

INVITATION_VALID_HOURS = 72


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def expires_at(invitation: Invitation):
    return invitation.created_at + timedelta(hours=INVITATION_VALID_HOURS)


def link(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("accounts:invitation_accept", args=[token])


def invitation_refusal(*, email: str) -> str | None:
    """Why no invitation can be sent to `email`, or None."""
    if get_user_model().objects.filter(email__iexact=email).exists() or (
        get_user_model().objects.filter(username__iexact=email).exists()
    ):
        return _("There is already a user with the e-mail address %(email)s.") % {"email": email}
    return None


def invite(*, partner, email: str, by) -> Invitation:
    """Store an invitation, then e-mail its link to `email`. Raises ValidationError with a
    sentence the official can act on when the address already has an account. The returned
    invitation carries its token (`.token`) for this moment only.

    The invitation is committed first (a durable transaction: the link is never e-mailed for
    a row that could still roll back), then its e-mail is tried once. If the mail server is
    down the invitation stays, `emailed_at` stays empty and later runs try again with a new
    link (issue 21, row 9): the caller tells the user, no error page, nothing lost."""
    email = email.strip().lower()
    with transaction.atomic(durable=True):
        refusal = invitation_refusal(email=email)
        if refusal:
            raise ValidationError(refusal)
        token = secrets.token_urlsafe(32)
        invitation = Invitation.objects.create(
            email=email, partner=partner, token_hash=_hash(token), invited_by=by
        )
        record_event(kind=SecurityEvent.Kind.INVITED, by=by, detail=f"{email} → {partner}")
    deliver(invitation, token)
    return invitation


def _send(invitation: Invitation, token: str) -> None:
    by = invitation.invited_by
    context = {
        "partner": invitation.partner,
        "link": link(token),
        "hours": INVITATION_VALID_HOURS,
        "invited_by": by.get_full_name() or by.get_username(),
        "email": invitation.email,
    }
    send_mail(
        _("Invitation to IOP-registret: %(partner)s") % {"partner": invitation.partner.name},
        render_to_string("accounts/email/invitation.txt", context),
        None,
        [invitation.email],
    )


def deliver(invitation: Invitation, token: str | None = None) -> bool:
    """One try at e-mailing the invitation's link (core.outbox.attempt); False when
    there was nothing to try. Without `token` (a retry) a new link is made first: only the hash
    of the first was stored, and its 72 hours count from the e-mail that carries it. The token
    sent is left on `invitation.token`."""

    def send() -> None:
        nonlocal token
        if token is None:
            token = secrets.token_urlsafe(32)
            invitation.token_hash, invitation.created_at = _hash(token), timezone.now()
            Invitation.objects.filter(pk=invitation.pk).update(
                token_hash=invitation.token_hash, created_at=invitation.created_at
            )
        _send(invitation, token)

    tried = outbox.attempt(invitation, send)
    invitation.token = token
    return tried


def retry_unsent() -> list[Invitation]:
    """Try again each invitation whose e-mail failed and has tries left; the ones tried."""
    tried = []
    retry = Invitation.objects.to_retry().filter(accepted_at__isnull=True)
    with translation.override(settings.LANGUAGE_CODE):
        for invitation in retry.select_related("partner", "invited_by").order_by("pk"):
            if deliver(invitation):
                tried.append(invitation)
    return tried


def find(token: str) -> Invitation | None:
    """The invitation whose link this is, if it can still be used (not used, not expired)."""
    if not token or len(token) > 100:
        return None
    invitation = Invitation.objects.select_related("partner").filter(token_hash=_hash(token)).first()
    if invitation is None or invitation.accepted_at is not None or timezone.now() >= expires_at(invitation):
        return None
    return invitation


def accept(*, token: str, password: str, first_name: str = "", last_name: str = ""):
    """Use the invitation: the new user, with the partner role and membership. Refuses (with
    ValidationError) a link that was used or has expired, also when two requests race."""
    with transaction.atomic():
        found = find(token)
        invitation = found and Invitation.objects.select_for_update().filter(pk=found.pk).first()
        if invitation is None or invitation.accepted_at is not None:
            raise ValidationError(_("The invitation link has expired or has already been used."))
        User = get_user_model()
        user = User.objects.create_user(
            username=invitation.email,
            email=invitation.email,
            password=password,
            first_name=first_name,
            last_name=last_name,
        )
        user.groups.add(Group.objects.get(name=roles.PARTNER))
        PartnerMembership.objects.create(user=user, partner=invitation.partner)
        invitation.accepted_at = timezone.now()
        invitation.user = user
        invitation.save(update_fields=["accepted_at", "user"])
        record_event(
            kind=SecurityEvent.Kind.INVITATION_ACCEPTED, by=user, subject=user, detail=str(invitation)
        )
    return user


def set_active(*, user, active: bool, by) -> None:
    """Deactivate (no login, sessions refused) or reactivate a partner user."""
    if user.is_active == active:
        return
    user.is_active = active
    user.save(update_fields=["is_active"])
    kind = SecurityEvent.Kind.REACTIVATED if active else SecurityEvent.Kind.DEACTIVATED
    record_event(kind=kind, by=by, subject=user)
