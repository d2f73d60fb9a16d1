"""drf-spectacular extensions: how to sign in, and one named enum per choice set."""

from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.plumbing import ResolvedComponent


class HashedTokenScheme(OpenApiAuthenticationExtension):
    target_class = "claims.api.authentication.HashedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Send "Token <key>" (from `manage.py create_reviewer`).',
        }


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    """One component per choice set (``Status``, ``ClaimKind``…) instead of one per field."""

    target_class = "claims.api.serializers.NamedChoiceField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        component = ResolvedComponent(
            name=field.enum_name,
            type=ResolvedComponent.SCHEMA,
            object=field.enum_name,
            schema={
                "type": "string",
                "enum": list(field.choices),
                "description": "\n".join(
                    f"* `{value}` - {label}" for value, label in field.choices.items()
                ),
            },
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref
