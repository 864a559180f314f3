"""The server's public signing key, at stable URLs: whoever checks an evidence bundle, a
receipt or a deemed notice compares the key that sealed it with this one."""

from __future__ import annotations

import base64

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel

from app.api.deps import SettingsDep
from app.config import Settings
from app.core.seal import key_id, public_bytes, public_pem
from app.keys import signing_key

router = APIRouter(tags=["evidence"])


class SigningKeyOut(BaseModel):
    algorithm: str
    key_id: str
    public_key: str  # base64 of the 32 raw bytes
    public_key_pem: str


@router.get(
    "/v1/signing-key",
    response_model=SigningKeyOut,
    summary="The public key that seals chain heads (no authentication)",
)
def get_signing_key(settings: SettingsDep) -> SigningKeyOut:
    return signing_key_out(settings)


@router.get(
    "/.well-known/accord-signing-key.pem",
    response_class=PlainTextResponse,
    summary="The same public key, as PEM (what `accord verify --key URL` fetches)",
)
def get_signing_key_pem(settings: SettingsDep) -> PlainTextResponse:
    return PlainTextResponse(signing_key_out(settings).public_key_pem)


def signing_key_out(settings: Settings) -> SigningKeyOut:
    public = signing_key(settings).public_key()
    return SigningKeyOut(
        algorithm="Ed25519",
        key_id=key_id(public),
        public_key=base64.b64encode(public_bytes(public)).decode("ascii"),
        public_key_pem=public_pem(public),
    )
