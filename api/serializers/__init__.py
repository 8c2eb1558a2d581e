"""What the API says about each object: figures and texts of agreements, never a participant.

Money is whole kronor as integers (the register never holds öre). Occupancy and key figures are
numbers only, key figures suppressed as on the pages (participants.disclosure) for whoever may
not see individuals; a share or a cost per participant on fewer than five people is null for
everyone, and named in the object's `withheld`.
"""

from __future__ import annotations

from .agreements import (
    AgreementSerializer,
    CriterionSerializer,
    GoalSerializer,
    IndicatorSerializer,
    OccupancySerializer,
    PartySerializer,
    TerminationSerializer,
    YearAmountsSerializer,
)
from .fields import Kronor
from .figures import (
    WITHHELD_HELP,
    ContributionSerializer,
    ForecastRowSerializer,
    ForecastSerializer,
    GenderRowSerializer,
    KeyFiguresSerializer,
    WithheldAsNull,
    YearKeyFiguresSerializer,
)
from .followups import FollowUpSerializer, FollowUpWriteSerializer
from .memos import DecisionSerializer, MemoSerializer, RecipientSerializer
from .partners import CommitteeSerializer, ContactSerializer, PartnerSerializer

__all__ = [
    "Kronor",
    "CommitteeSerializer",
    "ContactSerializer",
    "PartnerSerializer",
    "DecisionSerializer",
    "RecipientSerializer",
    "MemoSerializer",
    "TerminationSerializer",
    "PartySerializer",
    "CriterionSerializer",
    "YearAmountsSerializer",
    "OccupancySerializer",
    "IndicatorSerializer",
    "GoalSerializer",
    "AgreementSerializer",
    "FollowUpSerializer",
    "FollowUpWriteSerializer",
    "ForecastRowSerializer",
    "ForecastSerializer",
    "WITHHELD_HELP",
    "WithheldAsNull",
    "GenderRowSerializer",
    "ContributionSerializer",
    "YearKeyFiguresSerializer",
    "KeyFiguresSerializer",
]
