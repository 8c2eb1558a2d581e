"""An agreement becomes decided when its committee's decision is recorded (issue 23).

The decision itself (meeting, paragraph, text) is recorded on the decision memo
(reports.CommitteeDecision); this is partnerships' side of it: the agreement's stage and decision
date, under the same rule as the agreement form (`CriteriaForm.check_complete`): a draft becomes
decided only with every criterion of its guideline assessed, each with its justification.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from core.agreement_changes import agreement_saved

from . import deviation
from .guidelines import criteria_by_agreement
from .models import Agreement


class DecisionRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def decision_refusal(agreement: Agreement) -> str | None:
    """Why `agreement` cannot become decided now, or None. A decided one stays decided (its
    decision date may be corrected); a draft needs every criterion assessed with a reason."""
    if agreement.stage == Agreement.Stage.DECIDED:
        return None
    answers = {answer.criterion: answer for answer in agreement.criteria.all()}
    missing = [
        criterion.number
        for criterion in criteria_by_agreement([agreement])[agreement.pk]
        if criterion.number not in answers
        or answers[criterion.number].fulfilled is None
        or not answers[criterion.number].justification
    ]
    if missing:
        return _(
            "A decided agreement must have every criterion of its guideline assessed, each with a "
            "justification (missing: %(numbers)s)."
        ) % {"numbers": ", ".join(map(str, missing))}
    # A criterion not met needs a recorded deviation (issue 23; partnerships/deviation.py).
    return deviation.refusal(
        answers=[(number, answer.fulfilled, answer.justification) for number, answer in answers.items()],
        deviation=agreement.deviation,
    )


@transaction.atomic
def decide(*, agreement: Agreement, on: date) -> Agreement:
    """Mark `agreement` decided by its committee on `on` (the meeting's date). The row is locked
    and its version moved, so an edit form opened before answers with a conflict instead of
    undoing the decision. Its followers hear of it (a new decision: the payment plan is made).
    Raises DecisionRefused with a sentence the secretary can act on."""
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    refusal = decision_refusal(locked)
    if refusal:
        raise DecisionRefused(refusal)
    if locked.stage == Agreement.Stage.DECIDED and locked.decision_date == on:
        return locked
    became_decided = locked.stage != Agreement.Stage.DECIDED
    locked.stage = Agreement.Stage.DECIDED
    locked.decision_date = on
    locked.version += 1
    locked.save()  # a save, not update(): the history rows move the data version
    agreement_saved(locked, became_decided=became_decided)
    return locked
