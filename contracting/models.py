"""The agreement document (överenskommelse) of issue 23: clause templates, the document's
versions with their SHA-256, and the parties' signed copies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import version_field
from partnerships.models import Agreement, Committee, Partner

from .clauses import ORDER, Clause

if TYPE_CHECKING:
    from accounts.access import Access


class ClauseTemplateQuerySet(models.QuerySet):
    def current_for(self, committee: Committee) -> dict[str, ClauseTemplate]:
        """Each clause's current template for `committee`: the committee's newest version where
        it overrides the clause, else the municipality's newest (the default)."""
        chosen: dict[str, ClauseTemplate] = {}
        rows = self.filter(Q(committee=committee) | Q(committee__isnull=True)).order_by("revision")
        for template in rows:
            current = chosen.get(template.clause)
            if current is None or (template.committee_id is not None) >= (current.committee_id is not None):
                chosen[template.clause] = template
        return dict(sorted(chosen.items(), key=lambda item: ORDER[item[0]]))


class ClauseTemplate(models.Model):
    """One version of a clause's text: the municipality's default (no committee) or a
    committee's own. A change is a new version; documents keep what they were made from."""

    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clause_templates",
        verbose_name=_("committee"),
        help_text=_("Empty: the municipality's default, used where a committee has none of its own."),
    )
    clause = models.CharField(_("clause"), max_length=20, choices=Clause.choices)
    # Not `version`: that name is the optimistic lock's everywhere else (core/concurrency.py).
    revision = models.PositiveIntegerField(_("version"), default=1)
    title = models.CharField(_("heading"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Paragraphs separated by a blank line; {placeholders}."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ClauseTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["committee_id", "clause", "revision"]
        verbose_name = _("clause template")
        verbose_name_plural = _("clause templates")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "clause", "revision"],
                name="clausetemplate_version_once_per_committee",
                violation_error_message=_("This committee already has that version of the clause."),
            ),
            models.UniqueConstraint(
                fields=["clause", "revision"],
                condition=Q(committee__isnull=True),
                name="clausetemplate_default_version_once",
                violation_error_message=_("The default already has that version of the clause."),
            ),
            models.CheckConstraint(condition=Q(revision__gte=1), name="clausetemplate_version_from_1"),
        ]

    def __str__(self) -> str:
        owner = self.committee.abbreviation if self.committee_id else _("default")
        return f"{self.get_clause_display()} ({owner}, v{self.revision})"


class AgreementDocumentQuerySet(models.QuerySet):
    def for_access(self, access: Access) -> AgreementDocumentQuerySet:
        return self.filter(agreement__in=Agreement.objects.for_access(access))


class AgreementDocument(models.Model):
    """The överenskommelse of one agreement: its versions, and the one the committee decided."""

    agreement = models.OneToOneField(
        Agreement, on_delete=models.PROTECT, related_name="document", verbose_name=_("agreement")
    )
    decided_version = models.OneToOneField(
        "DocumentVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided version"),
        help_text=_("The version the committee decided: the one the parties sign. No new versions after it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = version_field()

    # History rows move the data version (core/dataversion.py) the API's ETags are made of.
    history = HistoricalRecords(excluded_fields=["version"])
    objects = AgreementDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")

    def __str__(self) -> str:
        return str(self.agreement)

    @property
    def is_locked(self) -> bool:
        return self.decided_version_id is not None


class ImmutableQuerySet(models.QuerySet):
    """A stored version or signed copy is evidence: no bulk update or delete."""

    def update(self, **kwargs):
        raise Immutable(_("A stored version cannot be changed."))

    def delete(self):
        raise Immutable(_("A stored version cannot be deleted."))

    def for_access(self, access: Access) -> ImmutableQuerySet:
        return self.filter(**{self.model.AGREEMENT_PATH + "__in": Agreement.objects.for_access(access)})


class Immutable(Exception):
    pass


class DocumentVersion(models.Model):
    """One saved version: the clauses as edited, the whole text, the PDF/A and its SHA-256."""

    AGREEMENT_PATH = "document__agreement"

    document = models.ForeignKey(
        AgreementDocument, on_delete=models.PROTECT, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("version"))
    clauses = models.JSONField(
        _("clauses"), help_text=_("[{clause, title, body}] as edited, placeholders kept.")
    )
    text = models.TextField(_("text"), help_text=_("The document as printed, for the difference."))
    content = models.JSONField(
        _("content"), help_text=_("The filled clauses as printed (the Word file's source).")
    )
    pdf = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["pdf", "text", "content", "clauses"])
    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["document", "number"]
        verbose_name = _("agreement document version")
        verbose_name_plural = _("agreement document versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                name="documentversion_number_once",
                violation_error_message=_("This document already has a version with that number."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="documentversion_number_from_1"),
            models.CheckConstraint(
                condition=Exact(Length("sha256"), 64), name="documentversion_sha256_is_64_long"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise Immutable(_("A stored version cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise Immutable(_("A stored version cannot be deleted."))


class Signature(models.Model):
    """A party's signed copy of the decided version, as uploaded and verified (or the
    municipality's sealed copy). What the verification found is kept beside the bytes."""

    AGREEMENT_PATH = "version__document__agreement"

    class Party(models.TextChoices):
        MUNICIPALITY = "municipality", _("the municipality")
        PARTNER = "partner", _("partner")

    version = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("version")
    )
    number = models.PositiveIntegerField(_("number"))
    party = models.CharField(_("party"), max_length=20, choices=Party.choices)
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("partner")
    )
    sealed = models.BooleanField(_("sealed by the municipality"), default=False)
    pdf = models.BinaryField(_("signed PDF"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    file_name = models.CharField(_("file name"), max_length=200)
    signer = models.CharField(
        _("signed by"), max_length=500, help_text=_("The newest signature's certificate subject.")
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signatures = models.JSONField(_("signatures found"), default=list)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["pdf", "signatures"])
    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["version", "number"]
        verbose_name = _("signed copy")
        verbose_name_plural = _("signed copies")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "number"],
                name="signature_number_once",
                violation_error_message=_("This version already has a signed copy with that number."),
            ),
            models.CheckConstraint(
                condition=Q(party="partner", partner__isnull=False, sealed=False)
                | Q(party="municipality", partner__isnull=True),
                name="signature_partner_for_partner_party",
                violation_error_message=_(
                    "A partner's signature names the partner; the municipality's none."
                ),
            ),
            models.CheckConstraint(condition=Exact(Length("sha256"), 64), name="signature_sha256_is_64_long"),
        ]

    def __str__(self) -> str:
        return f"{self.version} – {self.party_display}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise Immutable(_("A signed copy cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise Immutable(_("A signed copy cannot be deleted."))

    @property
    def party_display(self) -> str:
        return self.partner.name if self.partner_id else str(self.Party.MUNICIPALITY.label)
