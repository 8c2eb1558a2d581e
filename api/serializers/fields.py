"""Fields the API's serializers share: money as whole kronor."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class Kronor(serializers.Field):
    """A whole-kronor Decimal as an integer."""

    def to_representation(self, value) -> int:
        return int(value)


Kronor = extend_schema_field(OpenApiTypes.INT)(Kronor)
