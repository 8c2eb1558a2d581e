"""The committee's IOP agreements (idéburna offentliga partnerskap), their parties and money.

The models live in submodules; everything is importable from `partnerships.models` as before."""

from .agreements import CHAIN_LIMIT, Agreement, AgreementQuerySet  # noqa: F401
from .attachments import (  # noqa: F401
    AgreementAttachment,
    _attachments,
    _AttachmentsStorage,
    _reset_attachments_storage,
    attachment_path,
    attachments_storage,
)
from .contacts import AgreementContact, ContactRole, PartnerContact, signatory_for  # noqa: F401
from .fields import Level, indexation_field, money_field, price_level_field  # noqa: F401
from .goals import AgreementGoal, BudgetFrame, Goal, GoalArea, GoalIndicator  # noqa: F401
from .organisations import Committee, Partner, PartnerQuerySet  # noqa: F401
from .parties import AgreementCriterion, AgreementParty, Amendment, Criterion  # noqa: F401
from .terminations import Termination, notice_last_day  # noqa: F401
