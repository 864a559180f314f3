"""HTTP route for the evidence bundle: parse, call the service, return."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from app.agreements import repository
from app.api.deps import SessionDep, SettingsDep, UserDep
from app.api.problems import PROBLEM
from app.config import Settings
from app.evidence import bundle

router = APIRouter(prefix="/v1/agreements", tags=["evidence"])


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
    return bundle_download(session, settings, owner_id=user.id, agreement_id=agreement_id)


def bundle_download(
    session: Session, settings: Settings, *, owner_id: str, agreement_id: str
) -> StreamingResponse:
    """The owner's agreement's bundle as a zip download (the API and the dashboard)."""
    agreement = repository.get_owned(session, owner_id=owner_id, agreement_id=agreement_id)
    spool = bundle.build_bundle(session, agreement, settings)
    disposition = f'attachment; filename="{bundle.bundle_name(agreement)}"'
    return StreamingResponse(
        bundle.iter_file(spool),
        media_type="application/zip",
        headers={"Content-Disposition": disposition, "Cache-Control": "no-store"},
    )
