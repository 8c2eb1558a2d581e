"""Committees and partners, with a partner's contacts for whoever may see them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerships.models import (
    Committee,
    Partner,
    PartnerContact,
)
from partnerships.permissions import can_see_contacts


class CommitteeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Committee
        fields = ["id", "name", "abbreviation", "administration"]


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = PartnerContact
        fields = ["id", "role", "name", "email", "phone", "is_portal_user"]


def _sees_contacts(serializer: serializers.Serializer, partner: Partner) -> bool:
    """Contacts are personal data (issue 26): the roles that work with the partner
    (`can_see_contacts`), and the partner's own token."""
    request = serializer.context.get("request")
    access = getattr(request, "access", None)
    return access is not None and can_see_contacts(access, partner)


class PartnerSerializer(serializers.ModelSerializer):
    contacts = serializers.SerializerMethodField()
    contact_person = serializers.SerializerMethodField()
    email = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()

    class Meta:
        model = Partner
        # The organisation's address, payment details and contacts; `notes` are the
        # administration's own. `contact_person`, `email` and `phone` are its first contact's
        # (the single contact it had before issue 26).
        fields = [
            "id",
            "name",
            "organisation_number",
            "kind",
            "street_address",
            "postal_code",
            "city",
            "bankgiro",
            "plusgiro",
            "iban",
            "contacts",
            "contact_person",
            "email",
            "phone",
        ]

    @extend_schema_field(ContactSerializer(many=True))
    def get_contacts(self, partner: Partner) -> list:
        return (
            ContactSerializer(partner.contacts.all(), many=True).data if _sees_contacts(self, partner) else []
        )

    def get_contact_person(self, partner: Partner) -> str:
        return partner.contact_person if _sees_contacts(self, partner) else ""

    def get_email(self, partner: Partner) -> str:
        return partner.email if _sees_contacts(self, partner) else ""

    def get_phone(self, partner: Partner) -> str:
        return partner.phone if _sees_contacts(self, partner) else ""
