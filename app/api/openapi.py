"""The OpenAPI document: every /v1 operation lists the problem+json errors it can return."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.api.problems import MEDIA_TYPE, PROBLEM_BASE

PROBLEM_SCHEMA = {
    "title": "Problem",
    "description": "RFC 9457 problem details. `type` is stable; match on it, not on `detail`.",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri", "example": PROBLEM_BASE + "not-found"},
        "title": {"type": "string", "example": "Not found"},
        "status": {"type": "integer", "example": 404},
        "detail": {"type": "string", "example": "no such agreement"},
        "errors": {
            "type": "array",
            "items": {"type": "object"},
            "description": "Validation errors, for 422 validation-error problems.",
        },
    },
}
COMMON = {
    "400": "Malformed request (e.g. a body that is not JSON)",
    "401": "Missing, invalid or revoked API key",
    "403": "The key may not do this (admin only)",
    "404": "Not found, or not yours",
    "409": "Conflicts with the current state",
    "413": "Request body too large",
    "422": "Invalid input",
    "429": "Too many failed attempts; retry later",
}
_REF = {"$ref": "#/components/schemas/Problem"}


def _with_problems(operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    for code, description in COMMON.items():
        entry = responses.setdefault(code, {"description": description})
        entry["content"] = {MEDIA_TYPE: {"schema": _REF}}
        if entry.get("description") in ("Validation Error", "RFC 9457 problem"):
            entry["description"] = description


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = PROBLEM_SCHEMA
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        for path, operations in schema.get("paths", {}).items():
            if not path.startswith("/v1/"):
                continue
            for operation in operations.values():
                _with_problems(operation)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
