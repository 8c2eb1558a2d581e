"""The imports' one model: an uploaded file's preview, kept until it is confirmed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """An uploaded spreadsheet as its preview: each row's values, what it would do and why.

    Kept on the server between the preview and the confirmation, so what is confirmed is what
    was shown (no second upload is trusted), and confirmed once (`status`, under a row lock)."""

    class Kind(models.TextChoices):
        PARTNERS = "partners", _("partners")
        AGREEMENTS = "agreements", _("agreements")

    class Status(models.TextChoices):
        PREVIEW = "preview", _("preview")
        DONE = "done", _("imported")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    rows = models.JSONField(_("rows"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("imported"), null=True, blank=True)

    class Meta:
        # The table of the app it came from (api, issue 25 item 15): moved in state only, rows kept.
        db_table = "api_importbatch"
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="preview", confirmed_at__isnull=True)
                | Q(status="done", confirmed_at__isnull=False),
                name="importbatch_done_when_confirmed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name}"

    def counts(self) -> dict[str, int]:
        found = {"create": 0, "update": 0, "refuse": 0}
        for row in self.rows:
            found[row["action"]] += 1
        return found
