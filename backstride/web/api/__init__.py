"""The REST API under /api/v1: the CLI's result models as JSON, personal access tokens, OpenAPI."""
