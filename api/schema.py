"""The OpenAPI description: every operation documents its error answers too (issue 15), so the
schemathesis run checks their bodies, not only those of 200 and 201."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema

DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
# A field's errors (a list of messages), or a message for the request as a whole.
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {
        "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}, {"type": "object"}]
    },
}
ERRORS = {
    "400": ("The query or body is not valid: the errors by field.", FIELD_ERRORS),
    "401": ("No token, or a token that is unknown or revoked.", DETAIL),
    "403": ("The token's user may not do this.", DETAIL),
    "404": ("Not found, or not reachable with this token.", DETAIL),
}


class ApiSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction == "response":
            for code, (description, schema) in ERRORS.items():
                responses.setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": schema}}}
                )
        return responses
