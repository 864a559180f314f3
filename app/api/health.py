"""Liveness, readiness and metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from app.db import Database
from app.metrics import accord_registry
from app.migrate import current_revision, head_revision

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is up")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="The database is reachable and migrated to head")
def readyz(request: Request) -> JSONResponse:
    db: Database = request.app.state.db
    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        current = current_revision(db.engine)
    except Exception as exc:
        return JSONResponse({"status": "unavailable", "detail": type(exc).__name__}, 503)
    head = head_revision()
    if current != head:
        detail = f"database at {current}, code expects {head}: run `accord migrate`"
        return JSONResponse({"status": "unavailable", "detail": detail}, 503)
    return JSONResponse({"status": "ok", "revision": current})


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """Process metrics and Accord's own (app.metrics), in Prometheus text format."""
    body = generate_latest() + generate_latest(accord_registry(request.app.state.db))
    return Response(body, media_type=CONTENT_TYPE_LATEST)
