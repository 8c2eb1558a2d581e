"""Recording outcomes after the activity (issue 24; the model and what is due:
participants/models/outcomes.py)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from .assignment import AssignmentRefused
from .models import OUTCOME_MONTHS, Placement, PlacementOutcome, Situation, months_after


@transaction.atomic
def record_outcomes(
    *, placement: Placement, situations: dict[int, str], by, today: date
) -> list[PlacementOutcome]:
    """Record (or correct) the situation `months` after `placement` ended, for each month in
    `situations`. Refused for an open placement, an anonymised person, a month other than 6 or 12,
    or one whose day has not come."""
    placement = Placement.objects.select_for_update().select_related("participant").get(pk=placement.pk)
    if placement.actual_end is None:
        raise AssignmentRefused(_("The placement has not ended: there is no outcome after it yet."))
    if placement.participant.is_anonymised:
        raise AssignmentRefused(
            _("The participant's identifiers have been removed: nothing more is recorded.")
        )
    saved = []
    for months, situation in sorted(situations.items()):
        if months not in OUTCOME_MONTHS or situation not in Situation.values:
            raise AssignmentRefused(_("An outcome is recorded 6 or 12 months after the end."))
        due_on = months_after(placement.actual_end, months)
        if due_on > today:
            raise AssignmentRefused(
                _("The outcome %(months)s months after the end can be recorded from %(date)s.")
                % {"months": months, "date": f"{due_on:%Y-%m-%d}"}
            )
        outcome = PlacementOutcome.objects.filter(placement=placement, months=months).first()
        if outcome is None:
            outcome = PlacementOutcome.objects.create(
                placement=placement, months=months, situation=situation, recorded_by=by
            )
        elif outcome.situation != situation:  # unchanged: no new history row
            outcome.situation, outcome.recorded_by = situation, by
            outcome.save(update_fields=["situation", "recorded_by", "recorded_at"])
        saved.append(outcome)
    return saved
