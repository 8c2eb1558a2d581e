"""Memos, for the memo writers of their committees."""

from __future__ import annotations

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets

from reports.models import Memo

from .. import serializers
from ..caching import ConditionalReadMixin


class MemoViewSet(ConditionalReadMixin, viewsets.ReadOnlyModelViewSet):
    """Memos (tjänsteskrivelser) of the token's committees: case number, the committee's decision
    and who it was sent to, when and how (issue 23). Municipal staff who see memos only.
    Filters: `committee`, `agreement`, `kind`."""

    serializer_class = serializers.MemoSerializer
    queryset = Memo.objects.none()
    filter_backends = [DjangoFilterBackend]
    filterset_fields = ["committee", "agreement", "kind"]

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return Memo.objects.none()
        return (
            Memo.objects.for_access(self.request.access)
            .select_related("committee", "decision")
            .prefetch_related("recipients")
            .order_by("-date", "-pk")
        )
