"""Append-only records of who read personal data and of what the retention rules removed.

The issue asks for an access log "that no one can edit or delete through the application". Three
layers hold it: the admin is view-only, the models refuse updates and deletes (`save()` of an
existing row, `delete()`, `QuerySet.update()/delete()`), and on PostgreSQL triggers refuse UPDATE
and DELETE on the tables (migration 0002_append_only). Rows are only ever inserted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """An attempt to change or delete an append-only record."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.label} rows cannot be changed.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(f"{self.model._meta.label} rows cannot be changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.label} rows cannot be deleted.")

    update.queryset_only = True
    delete.queryset_only = True


class AppendOnlyModel(models.Model):
    """A model whose rows are inserted once and never changed or deleted by the application."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True
        # Only "view": no role can be given add/change/delete, because none exists.
        default_permissions = ("view",)

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.label} rows cannot be changed.")
        kwargs["force_insert"] = True  # never an UPDATE, even when a primary key was given
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.label} rows cannot be deleted.")


class Action(models.TextChoices):
    LIST = "list", _("shown in a list")
    VIEW = "view", _("viewed")
    EDIT = "edit", _("opened for editing")
    CHANGE = "change", _("changed")
    EXTRACT = "extract", _("register extract shown")
    EXPORT = "export", _("register extract downloaded")


class AccessLogEntry(AppendOnlyModel):
    """One user saw (or changed) one participant's personal data on one page at one time.

    A list page writes one entry per participant shown (in one INSERT): "who has seen X" is then
    an indexed foreign-key lookup, the register extract can list them, and the database keeps the
    reference valid. The path is stored without its query string, which may hold a name or digits
    someone searched for and would otherwise outlive the retention rules; paths hold only ids.

    The entry points at the participant's row, which `gallra` keeps (with its identifiers removed),
    so the log survives retention and itself holds nothing that identifies the person.
    """

    Action = Action

    at = models.DateTimeField(_("time"), default=timezone.now, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.PROTECT,
        related_name="access_log",
        verbose_name=_("participant"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    url_name = models.CharField(_("page"), max_length=100)
    path = models.CharField(_("path"), max_length=300)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [
            models.Index(fields=["-at"], name="audit_access_at"),
            models.Index(fields=["participant", "-at"], name="audit_access_participant_at"),
            models.Index(fields=["user", "-at"], name="audit_access_user_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=Action.values),
                name="access_log_action_known",
                violation_error_message=_("Unknown action."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action} #{self.participant_id}"

    @property
    def page_title(self) -> str:
        """The page by its title, not its route (audit/pages.py)."""
        from .pages import page_title

        return page_title(self.url_name)


class RetentionRun(AppendOnlyModel):
    """One run of `python manage.py gallra`: when, under which rule, and what it removed.

    `participant_ids` are the rows anonymised in this run; after the run those ids identify no one.
    """

    started_at = models.DateTimeField(_("run at"), default=timezone.now, editable=False)
    retention_months = models.PositiveSmallIntegerField(_("retention period (months)"))
    cutoff = models.DateField(_("last placement ended on or before"))
    participants = models.PositiveIntegerField(_("participants anonymised"), default=0)
    placements = models.PositiveIntegerField(_("their placements (kept, goals cleared)"), default=0)
    notes = models.PositiveIntegerField(_("progress notes cleared"), default=0)
    history_rows = models.PositiveIntegerField(_("history rows cleared"), default=0)
    admin_log_rows = models.PositiveIntegerField(_("admin log rows cleared"), default=0)
    contacts = models.PositiveIntegerField(_("partner contacts removed"), default=0)
    participant_ids = models.JSONField(_("participant ids"), default=list, blank=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["-started_at", "-pk"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        constraints = [
            models.CheckConstraint(
                condition=Q(retention_months__gte=1),
                name="retention_run_period_positive",
                violation_error_message=_("The retention period must be at least one month."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.participants})"


class ContactAccessLogEntry(AppendOnlyModel):
    """One page that showed a partner's contacts (names, e-mail, phone: personal data, issue 26)
    to one user. The contacts by id, not by key: `gallra` removes contacts (partnerships/
    contact_retention.py) while this log, append-only, keeps every row; the ids then identify
    no one."""

    at = models.DateTimeField(_("time"), default=timezone.now, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    partner_id = models.PositiveIntegerField(_("partner"))
    contact_ids = models.JSONField(_("contacts shown"), default=list)
    url_name = models.CharField(_("page"), max_length=100)
    path = models.CharField(_("path"), max_length=300)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["-at", "-pk"]
        verbose_name = _("contact access log entry")
        verbose_name_plural = _("contact access log")
        indexes = [models.Index(fields=["partner_id", "-at"], name="audit_contact_access_partner")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} partner #{self.partner_id}"
