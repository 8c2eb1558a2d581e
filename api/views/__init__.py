"""The API's endpoints: read-only over the register, and a partner's follow-up.

Every QuerySet starts from `for_access(request.access)` (accounts.access), so the API reaches
exactly what the pages reach: a partner token its own organisation's decided agreements and their
follow-ups, municipal staff their committees'. Aggregates (the forecast, the committees' key
figures) are for municipal staff, as their pages are. Every read answers a conditional GET with
a 304 when nothing it shows has changed for the caller (api/caching.py).
"""

from __future__ import annotations

from .agreements import AgreementViewSet
from .common import AGREEMENT_YEAR, COMMITTEE, YEAR, IsMunicipal, year_of
from .figures import ForecastView, KeyFiguresView, key_figures_data, year_key_figures_data
from .followups import FollowUpViewSet
from .memos import MemoViewSet
from .partners import CommitteeViewSet, PartnerViewSet

__all__ = [
    "YEAR",
    "AGREEMENT_YEAR",
    "COMMITTEE",
    "year_of",
    "IsMunicipal",
    "CommitteeViewSet",
    "PartnerViewSet",
    "MemoViewSet",
    "AgreementViewSet",
    "FollowUpViewSet",
    "year_key_figures_data",
    "key_figures_data",
    "ForecastView",
    "KeyFiguresView",
]
