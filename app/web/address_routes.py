"""Confirming a sending address from its mailbox (``/app/addresses/confirm/{token}``).

The emailed link opens a page that names the account asking for the address and records
nothing by itself (mail scanners fetch links); its button confirms. The link itself is the
credential, so no sign-in is needed: whoever reads the mailbox decides.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.api.deps import SessionDep
from app.db import utcnow
from app.models import User
from app.users import addresses
from app.web.pages import Csrf, WebRoute, render

router = APIRouter(prefix="/app/addresses", route_class=WebRoute, include_in_schema=False)


@router.get("/confirm/{token}", response_class=HTMLResponse)
def confirm_page(request: Request, token: str, session: SessionDep) -> HTMLResponse:
    claim = addresses.claim_of(session, token=token, now=utcnow())
    owner = session.get(User, claim.user_id) if claim else None
    context = {
        "title": "Confirm an address",
        "token": token,
        "claim": {"email": claim.email} if claim else None,
        "account": {"name": owner.name, "email": owner.email} if owner else None,
    }
    return render(request, "address_confirm.html", context, status_code=200 if owner else 400)


@router.post("/confirm/{token}", response_class=HTMLResponse, dependencies=[Csrf])
def confirm(request: Request, token: str, session: SessionDep) -> HTMLResponse:
    address = addresses.confirm_claim(session, token=token, now=utcnow())
    context = {"title": "Address confirmed", "done": address.email, "claim": None}
    return render(request, "address_confirm.html", context)
