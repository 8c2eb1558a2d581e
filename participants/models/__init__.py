"""Participants (deltagare), their placements (anvisningar) in agreements' activities, and
the progress notes the coordinator and the partner's insatsledare keep (docs/domain.md, IKF decision memo: "Anvisningen
kommer att ske genom den koordinerande funktionen ... som sedan kommer att följa upp individens
deltagande och progression tillsammans med insatsledare").

The models live in submodules; everything is importable from `participants.models` as before."""

from .outcomes import (  # noqa: F401
    OUTCOME_MONTHS,
    WORK_OR_STUDIES_SITUATIONS,
    PlacementOutcome,
    Situation,
    months_after,
)
from .people import MAX_ID, Gender, Participant, ParticipantQuerySet  # noqa: F401
from .placements import (  # noqa: F401
    CLOSED_STATUSES,
    OPEN_STATUSES,
    OUTCOME_DUE_DAYS,
    PARTNER_SEES_ENDED_DAYS,
    EndReason,
    Placement,
    PlacementQuerySet,
    PlacementStatus,
    not_started_message,
    outside_validity_message,
)
from .progress import Attendance, Progression, ProgressNote  # noqa: F401
from .usage import AgreementYearUsage, UsageStamp  # noqa: F401
