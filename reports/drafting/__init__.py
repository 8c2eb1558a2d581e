"""Drafting the committee's memos from the registry: one module per memo kind (`followup`,
`decision`) over the parts they share (`base`), and the follow-up memo's gap-filling (`gaps`).

A new memo kind is a new module here with its `draft_…` function returning a `MemoDraft`;
`reports.services.save_draft` stores any draft.
"""

from __future__ import annotations

from ..services import save_draft
from .base import MemoDraft, SectionDraft, memo_agreements, paragraphs
from .decision import draft_decision_memo
from .followup import draft_followup_memo, followup_summary, with_decided_successors
from .gaps import SummaryGap, fill_summary, summary_gaps

__all__ = [
    "MemoDraft",
    "SectionDraft",
    "SummaryGap",
    "draft_decision_memo",
    "draft_followup_memo",
    "fill_summary",
    "followup_summary",
    "memo_agreements",
    "paragraphs",
    "save_draft",
    "summary_gaps",
    "with_decided_successors",
]
