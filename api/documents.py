"""The agreement documents' versions and signed copies, read-only (issue 23).

Scoped as the pages are (contracting/permissions.py): officials, the committee secretary and
systemförvaltare their committees' agreements; a partner token the decided version of its own
organisation's decided agreements, and no signed copies; anyone else nothing. Metadata and the
text, with each file's SHA-256; the files themselves are downloaded from the pages.
"""

from __future__ import annotations

from django.db.models import F, QuerySet
from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from contracting import permissions as contracting_permissions
from contracting.models import DocumentVersion, Signature
from partnerships.models import Agreement

from .caching import ConditionalReadMixin


class DocumentVersionSerializer(serializers.ModelSerializer):
    agreement = serializers.IntegerField(source="document.agreement_id")
    decided = serializers.SerializerMethodField()

    def get_decided(self, version: DocumentVersion) -> bool:
        return version.document.decided_version_id == version.pk

    class Meta:
        model = DocumentVersion
        fields = ["id", "agreement", "number", "decided", "sha256", "size", "created_at", "text"]


class FoundSignatureSerializer(serializers.Serializer):
    field = serializers.CharField()
    subject = serializers.CharField()
    signed_at = serializers.DateTimeField(allow_null=True)
    revision = serializers.IntegerField()


class SignatureSerializer(serializers.ModelSerializer):
    agreement = serializers.IntegerField(source="version.document.agreement_id")
    version = serializers.IntegerField(source="version.number")
    signatures = FoundSignatureSerializer(many=True)

    class Meta:
        model = Signature
        fields = [
            "id",
            "agreement",
            "version",
            "number",
            "party",
            "partner",
            "sealed",
            "signer",
            "signed_at",
            "signatures",
            "sha256",
            "size",
            "created_at",
        ]


class AgreementFilter(filters.FilterSet):
    agreement = filters.NumberFilter(field_name="document__agreement", label="An agreement's id.")


class SignatureFilter(filters.FilterSet):
    agreement = filters.NumberFilter(field_name="version__document__agreement", label="An agreement's id.")


class DocumentVersionViewSet(ConditionalReadMixin, viewsets.ReadOnlyModelViewSet):
    """Every saved version of the agreement documents the token reaches (a partner: the decided
    version of its own decided agreements)."""

    serializer_class = DocumentVersionSerializer
    queryset = DocumentVersion.objects.none()
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = AgreementFilter

    def get_queryset(self) -> QuerySet:
        access = self.request.access
        versions = DocumentVersion.objects.select_related("document").defer("pdf", "content", "clauses")
        if contracting_permissions.can_read_agreement_document(access):
            versions = versions.for_access(access)
        elif access.is_partner:
            versions = versions.filter(
                document__agreement__in=Agreement.objects.for_access(access),
                document__decided_version=F("pk"),
            )
        else:
            versions = versions.none()
        return versions.order_by("document__agreement_id", "number")


class SignatureViewSet(ConditionalReadMixin, viewsets.ReadOnlyModelViewSet):
    """The signed copies of the agreement documents the token reaches, with what their
    verification found: who signed, when, and the file's SHA-256."""

    serializer_class = SignatureSerializer
    queryset = Signature.objects.none()
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = SignatureFilter

    def get_queryset(self) -> QuerySet:
        access = self.request.access
        if not contracting_permissions.can_read_agreement_document(access):
            return Signature.objects.none()
        return (
            Signature.objects.for_access(access)
            .select_related("version__document")
            .defer("pdf")
            .order_by("version__document__agreement_id", "number")
        )
