"""The API described: OpenAPI JSON at /api/openapi.json, and a plain page of its operations
at /api/docs (server-rendered from the same schema: no script, nothing from elsewhere)."""

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts
from pydantic import BaseModel

from backstride import __version__
from backstride.services.screening_result import ScreeningResult
from backstride.web.api.body import BODY_SCHEMAS, REF
from backstride.web.api.router import PREFIX
from backstride.web.templating import page

router = APIRouter()
METHODS = ("get", "post", "put", "patch", "delete")
DESCRIPTION = (
    "The runner's own data as the command line's --json shows it. Authenticate with a personal "
    "access token made on the account page, sent as 'Authorization: Bearer <token>'. Every "
    'refusal is {"detail": ..., "field": ...} with a 4xx status.'
)


VALIDATION_SHAPED: tuple[type[BaseModel], ...] = (ScreeningResult,)
"""Results whose serializer only drops an absent field: pydantic cannot describe its output,
so their fields are described as they are validated (the absent `status` is optional)."""


def api_routes(app: FastAPI) -> list[RouteContext]:
    """Every /api/v1 route of the app, with its full path and methods."""
    return [
        context
        for context in iter_route_contexts(app.routes)
        if isinstance(context.original_route, APIRoute) and (context.path or "").startswith(PREFIX)
    ]


def api_schema(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document of the /api/v1 routes (built once per app, then kept)."""
    cached: dict[str, Any] | None = getattr(app.state, "api_schema", None)
    if cached is not None:
        return cached
    routes = api_routes(app)
    schema = get_openapi(
        title="backstride API",
        version=__version__,
        description=DESCRIPTION,
        routes=routes,
    )
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    shapes = {**BODY_SCHEMAS}
    for model in VALIDATION_SHAPED:
        shapes[model.__name__] = model.model_json_schema(ref_template=REF)
    for name, body in shapes.items():
        body = dict(body)
        for inner, definition in body.pop("$defs", {}).items():
            schemas.setdefault(inner, definition)
        schemas[name] = body
    components["securitySchemes"] = {"token": {"type": "http", "scheme": "bearer"}}
    schema["security"] = [{"token": []}]
    app.state.api_schema = schema
    return schema


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Each operation as the docs page lists it."""
    listed = []
    for path, item in schema["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            body: dict[str, Any] = operation.get("requestBody", {}).get("content", {})
            answers = operation.get("responses", {})
            ok = next((code for code in answers if code.startswith("2")), "")
            listed.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        (p["name"], p["in"], p.get("required", False))
                        for p in operation.get("parameters", [])
                    ],
                    "body": ", ".join(body),
                    "body_schema": _schema_name(
                        next(iter(body.values()), {"schema": {}}).get("schema", {})
                    ),
                    "ok": ok,
                    "answer": _schema_name(
                        answers.get(ok, {})
                        .get("content", {})
                        .get("application/json", {})
                        .get("schema", {})
                    ),
                }
            )
    return listed


def _schema_name(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list of {_schema_name(schema.get('items', {}))}"
    return str(schema.get("type", ""))


@router.get("/api/openapi.json", include_in_schema=False)
def openapi_document(request: Request) -> Response:
    """The OpenAPI document."""
    return JSONResponse(api_schema(request.app))


@router.get("/api/docs", include_in_schema=False)
def docs_page(request: Request) -> Response:
    """Every operation of the API, on one plain page."""
    schema = api_schema(request.app)
    return page(
        request,
        "api_docs.html",
        title="The backstride API",
        operations=_operations(schema),
        description=DESCRIPTION,
    )
