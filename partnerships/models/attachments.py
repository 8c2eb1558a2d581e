"""Documents attached to an agreement, stored on the configured storage."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..guidelines import Guideline, GuidelineCriterion  # noqa: E402, F401 (models of this app)
from .agreements import Agreement

if TYPE_CHECKING:
    pass


class _AttachmentsStorage(LazyObject):
    """STORAGES["attachments"], looked up when first used and again after STORAGES changes.

    A FileField evaluates a callable storage once, when the model class is built; returning
    this proxy (as Django's own `default_storage` does) lets a test's STORAGES take effect.
    """

    def _setup(self) -> None:
        self._wrapped = storages["attachments"]


_attachments = _AttachmentsStorage()


@receiver(setting_changed)
def _reset_attachments_storage(*, setting: str, **kwargs) -> None:
    if setting == "STORAGES":
        _attachments._wrapped = empty


def attachments_storage():
    """Private storage: never below STATIC_URL or any public URL; served by a checked view.
    The local folder, or with S3_* settings a private S3 bucket (README, Production)."""
    return _attachments


def attachment_path(instance: AgreementAttachment, filename: str) -> str:
    # A random name on disk: the user's file name is kept in `original_name` only.
    return f"agreements/{instance.agreement_id}/{uuid.uuid4().hex}"


class AgreementAttachment(models.Model):
    """A document attached to an agreement: the signed agreement, an appendix, other."""

    class Kind(models.TextChoices):
        SIGNED_AGREEMENT = "signed", _("signed agreement")
        APPENDIX = "appendix", _("appendix")
        OTHER = "other", _("other document")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("agreement")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SIGNED_AGREEMENT)
    title = models.CharField(_("title"), max_length=200, blank=True)
    file = models.FileField(_("file"), storage=attachments_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [models.CheckConstraint(condition=Q(size__gt=0), name="attachment_not_empty")]

    def __str__(self) -> str:
        return self.title or self.original_name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:attachment_download", args=[self.agreement_id, self.pk])
