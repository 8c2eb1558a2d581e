"""Yearly follow-ups of the agreements and the committee's memos (tjänsteskrivelser) with their
exported PDF versions. Everything here is an aggregate: never a participant's name or personnummer.

The models live in submodules; everything is importable from `reports.models` as before."""

from .decisions import CommitteeDecision, MemoRecipient, StandardRecipient  # noqa: F401
from .followups import YEAR_VALIDATORS, FollowUp, FollowUpQuerySet, ReportedContribution  # noqa: F401
from .memos import (  # noqa: F401
    ImmutableQuerySet,
    Memo,
    MemoDefaults,
    MemoQuerySet,
    MemoSection,
    MemoVersion,
    PreparedPdf,
)
