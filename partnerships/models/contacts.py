"""A partner organisation's contacts with their roles, and which of them act for an agreement
(issue 26). Names, e-mail addresses and phone numbers are personal data: the partner page shows
them to those who work with the partner (`permissions.can_see_contacts`), and `gallra` clears
them once the partner has had no agreement for the retention period (`contacts_due_for_gallring`)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .agreements import Agreement
from .organisations import Partner


class ContactRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    SIGNATORY = "signatory", _("signatory")
    ACTIVITY_LEAD = "activity_lead", _("activity lead")
    ECONOMY = "economy", _("economy")
    OTHER = "other", _("other contact")


class PartnerContact(models.Model):
    """One person who acts for a partner organisation, in one role (a person in two roles is two
    rows: the chair who is also the signatory)."""

    Role = ContactRole

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("partner")
    )
    role = models.CharField(_("role"), max_length=20, choices=ContactRole.choices, default=ContactRole.OTHER)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_portal_user = models.BooleanField(
        _("portal user"), default=False, help_text=_("Logs in to the partner portal.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partner", "order", "pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""),
                name="contact_has_name",
                violation_error_message=_("A contact has a name."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=ContactRole.values),
                name="contact_role_known",
                violation_error_message=_("Unknown contact role."),
            ),
            models.UniqueConstraint(
                fields=["partner", "role", "name"],
                name="contact_once_per_role",
                violation_error_message=_("This person already has this role at the partner."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class AgreementContact(models.Model):
    """A contact the agreement names as acting for it (its signatory, its activity lead)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="agreement_contacts", verbose_name=_("agreement")
    )
    contact = models.ForeignKey(
        PartnerContact, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("contact")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "contact__order", "pk"]
        verbose_name = _("contact of the agreement")
        verbose_name_plural = _("contacts of the agreement")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "contact"],
                name="agreement_contact_once",
                violation_error_message=_("The contact already acts for this agreement."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact} – {self.agreement.name}"


def signatory_for(agreement: Agreement) -> PartnerContact | None:
    """Who signs for the partners (firmatecknare): the signatory the agreement names, else the
    lead partner's first signatory, else None. The memo and the agreement document name this
    person (`Agreement.signatory_contact`)."""
    chosen = (
        PartnerContact.objects.filter(agreements__agreement=agreement, role=ContactRole.SIGNATORY)
        .order_by("order", "pk")
        .first()
    )
    if chosen is not None:
        return chosen
    return (
        PartnerContact.objects.filter(
            role=ContactRole.SIGNATORY, partner__parties__agreement=agreement, partner__parties__role="lead"
        )
        .order_by("order", "pk")
        .first()
    )
