"""Request plumbing of the web side: templates, cookies, CSRF checks, errors as pages.

Route handlers stay thin: they parse the form, call a domain function, and render or
redirect. Failures are exceptions turned into pages in one place (``WebRoute``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import jinja2
from fastapi import Depends, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from app.api.deps import SessionDep
from app.config import Settings
from app.db import utcnow
from app.errors import Conflict, DomainError, Forbidden, Invalid, NotFound, Unauthorized
from app.keys import installation_key
from app.models import User
from app.web import security, sessions, views
from mail.redact import redact_text

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
SESSION_COOKIE = "accord_session"
CSRF_COOKIE = "accord_csrf"
LOGIN_PATH = "/app/login"

SECURITY_HEADERS = {
    # No scripts at all; styles only from our own static file.
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    # Answer and sign-in URLs carry secrets: never leak them in a Referer.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class LoginRequired(Exception):
    """No valid session: the visitor is sent to the sign-in page."""


class CsrfFailed(Forbidden, type="csrf", title="This form has expired"): ...


@dataclass(frozen=True)
class Viewer:
    """The signed-in user as plain values, safe to render after the session has closed."""

    id: str
    email: str
    name: str
    timezone: str


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,  # every template is HTML: escape all output
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["local"] = views.local_time
    env.filters["countdown"] = views.countdown
    env.filters["label"] = views.status_label
    env.filters["redact"] = redact_text
    return env


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def key_of(request: Request) -> bytes:
    return installation_key(settings_of(request))


def now_ts() -> int:
    return int(time.time())


def is_secure(request: Request) -> bool:
    return request.url.scheme == "https" or settings_of(request).public_url.startswith("https:")


def _valid_nonce(value: str | None) -> bool:
    return (
        bool(value)
        and len(value or "") <= 64
        and (value or "").replace("-", "").replace("_", "").isalnum()
    )


def csrf_nonce(request: Request) -> str:
    """The browser's CSRF nonce (from its cookie, or a new one set with this response)."""
    existing = request.cookies.get(CSRF_COOKIE)
    if _valid_nonce(existing):
        return str(existing)
    if not hasattr(request.state, "new_nonce"):
        request.state.new_nonce = security.new_nonce()
    return str(request.state.new_nonce)


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
    app_forms: bool = True,
) -> HTMLResponse:
    """Render ``template``; ``app_forms`` adds the dashboard's CSRF token (and its cookie)."""
    full: dict[str, Any] = {
        "viewer": getattr(request.state, "viewer", None),
        "now": views.utc_now(),
        "csrf_token": "",
    }
    if app_forms:
        nonce = csrf_nonce(request)
        full["csrf_token"] = security.form_token(key_of(request), f"app:{nonce}", now=now_ts())
    full.update(context or {})
    html = environment().get_template(template).render(full)
    response = HTMLResponse(html, status_code=status_code)
    finish(request, response)
    return response


def finish(request: Request, response: Response) -> None:
    """Security headers, and the CSRF cookie if this browser had none."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if getattr(request.state, "new_nonce", None) and not _valid_nonce(
        request.cookies.get(CSRF_COOKIE)
    ):
        response.set_cookie(
            CSRF_COOKIE,
            request.state.new_nonce,
            httponly=True,
            samesite="lax",
            secure=is_secure(request),
            path="/",
        )


def redirect(request: Request, url: str) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    finish(request, response)
    return response


# --- sessions --------------------------------------------------------------------------


def start_session(request: Request, response: Response, session: Session, user: User) -> None:
    value = sessions.start(session, user=user, now=utcnow())
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=security.SESSION_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=is_secure(request),
        path="/",
    )


def end_session(request: Request, response: Response, session: Session) -> None:
    """End this browser's session on the server (a copy of the cookie dies with it)."""
    value = request.cookies.get(SESSION_COOKIE)
    if value:
        sessions.end(session, token=value)
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=is_secure(request)
    )


def current_user(request: Request, session: SessionDep) -> User | None:
    value = request.cookies.get(SESSION_COOKIE)
    user = sessions.user_of(session, token=value, now=utcnow()) if value else None
    if user is None:
        return None
    request.state.viewer = Viewer(user.id, user.email, user.name, user.timezone)
    return user


def require_user(user: Annotated[User | None, Depends(current_user)]) -> User:
    if user is None:
        raise LoginRequired
    return user


WebUser = Annotated[User, Depends(require_user)]
FormText = Annotated[str, Form(max_length=2000)]
MaybeUser = Annotated[User | None, Depends(current_user)]


# --- CSRF ------------------------------------------------------------------------------


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def check_origin(request: Request) -> None:
    """A cross-site POST from a browser names its origin: refuse one that is not ours."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return  # old browsers and non-browser clients; the form token still decides
    allowed = {_origin(str(request.base_url)), _origin(settings_of(request).public_url)}
    if origin.lower() not in allowed:
        raise CsrfFailed("this form was sent from another site")


async def form_field(request: Request, name: str) -> str:
    form = await request.form()
    value = form.get(name)
    return value if isinstance(value, str) else ""


async def require_csrf(request: Request) -> None:
    """Signed double submit: the form's token must be an HMAC of this browser's nonce."""
    check_origin(request)
    token = await form_field(request, "csrf")
    nonce = request.cookies.get(CSRF_COOKIE)
    valid = _valid_nonce(nonce) and security.check_form_token(
        key_of(request), f"app:{nonce}", token, now=now_ts(), max_age=security.FORM_MAX_AGE
    )
    if not valid:
        raise CsrfFailed("the form expired or was not sent from this site; please try again")


Csrf = Depends(require_csrf)


# --- errors as pages -------------------------------------------------------------------


def status_for(exc: DomainError) -> int:
    for cls, code in ((NotFound, 404), (Forbidden, 403), (Unauthorized, 400), (Invalid, 422)):
        if isinstance(exc, cls):
            return code
    return 409 if isinstance(exc, Conflict) else 400


def error_page(request: Request, exc: DomainError) -> HTMLResponse:
    template = "not_found.html" if isinstance(exc, NotFound) else "error.html"
    return render(
        request,
        template,
        {"title": exc.title, "detail": exc.detail},
        status_code=status_for(exc),
    )


class WebRoute(APIRoute):
    """Turns domain errors into HTML pages (the API's handler would answer problem+json)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        original = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                return await original(request)
            except LoginRequired:
                return redirect(request, LOGIN_PATH)
            except DomainError as exc:
                return error_page(request, exc)

        return handler
