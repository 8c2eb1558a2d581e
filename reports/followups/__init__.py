"""The yearly follow-ups (återrapporter), in one place within reports
(docs/decisions/0006-follow-ups-stay-in-reports.md):

- `services`: the enrolled figure from the placements, the steps draft → submitted → approved
  (or sent back), and which follow-ups are due; its functions are importable from here as well
  (`from reports import followups`; `followups.approve(...)`);
- `contributions`: each party's contribution, promised and reported;
- `forms`: the follow-up form and the send-back form.

The model is `reports/models/followups.py`, the pages `reports/views/followups.py`, the templates
`templates/reports/followup_*.html`. Memos draft from follow-ups (`reports/drafting/followup.py`);
nothing here reads a memo.
"""

from .services import (
    agreements_for_year,
    approve,
    enrolled_from_placements,
    open_follow_ups,
    send_back,
    submit,
)

__all__ = [
    "agreements_for_year",
    "approve",
    "enrolled_from_placements",
    "open_follow_ups",
    "send_back",
    "submit",
]
