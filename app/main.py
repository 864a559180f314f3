"""The FastAPI application: the only place that wires the API and the jobs together."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

from app.agreements.api import router as agreements_router
from app.agreements.api_revisions import router as revisions_router
from app.api import openapi, problems, ratelimit
from app.api.health import router as health_router
from app.api.limits import BodySizeLimit
from app.api.proxies import TrustedProxies, parse_networks
from app.commitments.api import calendar as calendar_router
from app.commitments.api import me as follow_through_router
from app.commitments.api import router as commitments_router
from app.commitments.api import suggestions as suggestions_router
from app.config import Settings
from app.db import Database
from app.evidence.api import router as evidence_router
from app.evidence.api_keys import router as keys_router
from app.files import private_dir
from app.inbound.api import router as inbound_router
from app.inbound.api_mailboxes import router as mailboxes_router
from app.inbound.api_review import router as review_router
from app.outbound.api_devmail import router as devmail_router
from app.timekeeping.api import router as digest_router
from app.users.api import router as users_router
from app.users.api_addresses import router as addresses_router
from app.web import install as install_web
from app.webhooks.api import router as webhooks_router

DESCRIPTION = """Accord gets agreements in writing: it sends a summary to each counterparty,
reads the replies, flags clarifications, and records no reply by the deadline as acceptance.

Authenticate with `Authorization: Bearer acc_...`. Errors are RFC 9457 problem+json."""


def create_app(settings: Settings | None = None, *, run_worker: bool = False) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        private_dir(settings.data_dir)
        app.state.db = Database(settings.resolved_database_url)
        worker = None
        if run_worker:
            from app.jobs.worker import Worker

            worker = Worker(settings, app.state.db)
            worker.start()
        try:
            yield
        finally:
            if worker is not None:
                worker.stop()
            app.state.db.dispose()

    app = FastAPI(title="Accord", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    problems.install(app)
    ratelimit.install(app)
    openapi.install(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    if settings.trusted_proxies:
        # Added last, so it runs first: every later layer sees the real client.
        app.add_middleware(TrustedProxies, networks=parse_networks(settings.trusted_proxies))
    app.include_router(health_router)
    app.include_router(agreements_router)
    app.include_router(users_router)
    app.include_router(addresses_router)
    app.include_router(mailboxes_router)
    app.include_router(revisions_router)
    app.include_router(commitments_router)
    app.include_router(follow_through_router)
    app.include_router(calendar_router)
    app.include_router(suggestions_router)
    app.include_router(review_router)
    app.include_router(evidence_router)
    app.include_router(keys_router)
    app.include_router(digest_router)
    app.include_router(inbound_router)
    app.include_router(devmail_router)
    app.include_router(webhooks_router)
    install_web(app)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        # People type the bare address into a browser: the dashboard is what they want.
        return RedirectResponse("/app", status_code=303)

    return app
