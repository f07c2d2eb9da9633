"""The versioned REST API at /api/v1/ (django-ninja, OpenAPI at /api/v1/openapi.json)."""
