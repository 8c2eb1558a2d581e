"""Who took an agreement's case out of the registry as an archive package, and what it held."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import AppendOnlyModel


class PackageDownload(AppendOnlyModel):
    """One download of `/agreements/<id>/archive-package/`: who, when, and the ZIP's SHA-256 and
    number of files, so the package handed to the case system or the e-archive can be matched
    with the registry's record of it. Append-only, as the access log is."""

    at = models.DateTimeField(_("time"), default=timezone.now, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    agreement = models.ForeignKey(
        "partnerships.Agreement",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agreement"),
    )
    package_id = models.UUIDField(_("package id"))
    sha256 = models.CharField("SHA-256", max_length=64)
    files = models.PositiveIntegerField(_("files"))
    size = models.PositiveBigIntegerField(_("size in bytes"))

    class Meta(AppendOnlyModel.Meta):
        ordering = ["-at", "-pk"]
        verbose_name = _("archive package download")
        verbose_name_plural = _("archive package downloads")
        constraints = [
            models.CheckConstraint(condition=Exact(Length("sha256"), 64), name="packagedownload_sha256_64"),
            models.CheckConstraint(condition=Q(size__gt=0), name="packagedownload_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} #{self.agreement_id}"
