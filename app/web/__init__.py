"""The web side: the counterparty's answer page (``/a/{token}``) and the owner's dashboard
(``/app``), server-rendered with Jinja2, plain forms, no JavaScript needed."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from app.web.address_routes import router as address_router
from app.web.answer_routes import router as answer_router
from app.web.commitment_routes import router as commitment_router
from app.web.dashboard_routes import router as dashboard_router
from app.web.feedback_routes import router as feedback_router
from app.web.pages import STATIC_DIR
from app.web.review_routes import router as review_router


def install(app: FastAPI) -> None:
    """Add the web routes and the stylesheet to ``app``."""
    app.include_router(answer_router)
    app.include_router(address_router)
    app.include_router(commitment_router)
    app.include_router(dashboard_router)
    app.include_router(feedback_router)
    app.include_router(review_router)
    app.mount("/app/static", StaticFiles(directory=STATIC_DIR), name="web-static")


__all__ = ["install"]
