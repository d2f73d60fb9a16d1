"""API views, one module per resource: validate the request with a serializer, call a service
or selector, render. Their shared schema vocabulary is in claims.api.schema."""
