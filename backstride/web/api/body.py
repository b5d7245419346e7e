"""Request bodies read strictly: JSON only, a key given twice, deep nesting or a giant number
refused (services/strict_json.py), values never coerced; and each body's schema for OpenAPI."""

from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError

from backstride.domain.validation_words import wanted
from backstride.services.strict_json import strict_json
from backstride.web.api.problems import ApiRefusal, shown

M = TypeVar("M", bound=BaseModel)
REF = "#/components/schemas/{model}"
BODY_SCHEMAS: dict[str, dict[str, Any]] = {}
"""Schemas of the request bodies, by name: web/api/schema.py puts them in the components."""


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def json_text(request: Request) -> str:
    """The body as text, when it is JSON (415 otherwise; 422 when it is not UTF-8)."""
    if _media_type(request) != "application/json":
        raise ApiRefusal(415, "send the body as JSON, with 'Content-Type: application/json'")
    raw = await request.body()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiRefusal(422, "the body is not valid UTF-8 text") from None


def json_object(text: str) -> dict[str, Any]:
    """The body as one JSON object, read strictly."""
    document = strict_json(text, "the body", "a JSON object")
    if not isinstance(document, dict):
        raise ApiRefusal(422, f"the body must be one JSON object, not {type(document).__name__}")
    return document


def validated(model: type[M], text: str) -> M:
    """The body as a model, validated strictly; 422 names the first bad field and its value."""
    document = json_object(text)
    try:
        return model.model_validate(document, strict=True)
    except ValidationError as error:
        problems = error.errors(include_url=False)
        first = problems[0]
        field = ".".join(str(part) for part in first["loc"]) or None
        words = (field or "the body").replace("_", " ")
        if first["type"] == "missing":
            detail = f"{words} is missing: it is required"
        elif first["type"] == "extra_forbidden":
            detail = f"{words} is not a known field: the fields are {', '.join(model.model_fields)}"
        else:
            detail = f"{words} {shown(first.get('input'))} is not valid: {wanted(first)}"
        more = len(problems) - 1
        if more:
            detail += f" (and {more} more problem{'s' if more != 1 else ''})"
        raise ApiRefusal(422, detail, field) from error


def json_body_doc(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI requestBody of a JSON body with this schema (kept for the components)."""
    BODY_SCHEMAS[name] = schema
    content = {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}
    return {"requestBody": {"required": True, "content": content}}


def model_body_doc(model: type[BaseModel]) -> dict[str, Any]:
    """The OpenAPI requestBody of a body that is this model."""
    return json_body_doc(model.__name__, model.model_json_schema(ref_template=REF))


FILE_BODY_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}
