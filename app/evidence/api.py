"""HTTP route for the evidence bundle: parse, call the service, return."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from app.agreements import repository
from app.api.deps import SessionDep, SettingsDep, UserDep
from app.evidence import bundle

router = APIRouter(prefix="/v1/agreements", tags=["evidence"])

PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}


@router.get(
    "/{agreement_id}/evidence",
    response_class=StreamingResponse,
    responses={
        200: {"content": {"application/zip": {}}, "description": "The evidence bundle (zip)"},
        404: PROBLEM,
    },
    summary="Download the evidence bundle: raw messages, timeline, manifest (check with "
    "`accord verify`)",
)
def get_evidence(
    agreement_id: str, session: SessionDep, settings: SettingsDep, user: UserDep
) -> StreamingResponse:
    agreement = repository.get_owned(session, owner_id=user.id, agreement_id=agreement_id)
    spool = bundle.build_bundle(session, agreement, settings)
    return StreamingResponse(
        bundle.iter_file(spool),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{bundle.bundle_name(agreement)}"'},
    )
