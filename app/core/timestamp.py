"""RFC 3161 timestamps of sealed chain heads (SPEC §7): requests and checks, no I/O.

A seal's time is the server's word, and the server's operator holds the key. A timestamp
token is an outside authority's (a TSA's) signature over the SHA-256 of the sealed statement
(``Seal.statement()``, the very bytes the Ed25519 signature covers) and the time it saw it:
the head existed no later than that, whatever the operator's clock or key say since.

``request`` builds the TimeStampReq (SHA-256 imprint, a nonce, certReq so the token carries
the TSA's certificate). ``check`` verifies a TimeStampResp (or a bare token): the imprint is
of the given statement, the nonce is the request's, the content is what the TSA's signed
attributes digest, the signature over those attributes is valid for the certificate in the
token, that certificate is for time-stamping and was valid then, and, when trusted
certificates are given, it chains to one of them. Without them nothing says who the TSA is
but its certificate's own subject.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asn1crypto import cms, core, parser, tsp, x509
from cryptography import x509 as cx509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.x509.oid import ExtendedKeyUsageOID

QUERY_TYPE = "application/timestamp-query"
REPLY_TYPE = "application/timestamp-reply"
# Digests a TSA may sign its attributes with; SHA-1 and MD5 are refused.
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}
_CHAIN_DEPTH = 8


class TimestampError(ValueError):
    """A response or token that is not a valid timestamp of the statement; says why."""


@dataclass(frozen=True)
class Stamp:
    """What a checked token says."""

    tsa: str  # the signing certificate's subject (RFC 4514)
    gen_time: datetime
    serial: int
    policy: str
    nonce: int | None
    trusted: str | None  # subject of the given certificate it chains to; None: not checked


def digest(statement: bytes) -> bytes:
    return hashlib.sha256(statement).digest()


def new_nonce() -> int:
    return secrets.randbits(64)


def request(imprint: bytes, nonce: int) -> bytes:
    """A DER TimeStampReq for the SHA-256 digest ``imprint``."""
    query: bytes = tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha256"},
                "hashed_message": imprint,
            },
            "nonce": nonce,
            "cert_req": True,
        }
    ).dump()
    return query


def load_certificates(data: bytes) -> list[cx509.Certificate]:
    """Certificates from PEM (one or more) or DER; ValueError when there are none."""
    if b"-----BEGIN" in data:
        return cx509.load_pem_x509_certificates(data)
    return [cx509.load_der_x509_certificate(data)]


def check(
    data: bytes,
    *,
    imprint: bytes,
    nonce: int | None = None,
    trusted: Sequence[cx509.Certificate] = (),
) -> Stamp:
    """The stamp in ``data`` (a TimeStampResp or its token, DER) of the SHA-256 digest
    ``imprint``; TimestampError naming the first failure."""
    try:
        return _check(data, imprint, nonce, trusted)
    except TimestampError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        # asn1crypto parses lazily: malformed DER surfaces where a field is first read.
        raise TimestampError(f"not a readable timestamp token ({exc})") from exc


def _check(
    data: bytes, imprint: bytes, nonce: int | None, trusted: Sequence[cx509.Certificate]
) -> Stamp:
    signed = _signed_data(_token(data))
    encap = signed["encap_content_info"]
    if encap["content_type"].native != "tst_info":
        raise TimestampError("the token holds no TSTInfo")
    content = encap["content"]
    info_bytes = content.contents
    info = tsp.TSTInfo.load(info_bytes)
    _check_imprint(info, imprint)
    if nonce is not None and info["nonce"].native != nonce:
        raise TimestampError("the token's nonce is not the one requested")
    infos = signed["signer_infos"]
    if len(infos) != 1:
        raise TimestampError(f"the token has {len(infos)} signers, not one")
    signer = infos[0]
    certificates = [c.chosen for c in signed["certificates"] if c.name == "certificate"]
    certificate = _signer_certificate(signer, [*certificates, *_asn1(trusted)])
    _check_signed_attributes(signer, info_bytes, certificate)
    public = cx509.load_der_x509_certificate(certificate.dump())
    _check_signature(signer, public)
    gen_time: datetime = info["gen_time"].native
    _check_usage(public, gen_time)
    chained = _chain(public, _load_all(certificates), list(trusted)) if trusted else None
    return Stamp(
        tsa=public.subject.rfc4514_string(),
        gen_time=gen_time,
        serial=int(info["serial_number"].native),
        policy=str(info["policy"].native),
        nonce=info["nonce"].native,
        trusted=chained,
    )


def _token(data: bytes) -> cms.ContentInfo:
    """The token of a TimeStampResp (refused unless granted), or ``data`` when it is one."""
    outer = core.Sequence.load(data, strict=True)
    if outer.contents[:1] == b"\x06":  # an OID first: a ContentInfo, not a TimeStampResp
        return cms.ContentInfo.load(data, strict=True)
    # asn1crypto's TimeStampResp makes the token mandatory, while RFC 3161 leaves it out of
    # every refusal: the two parts are read one by one.
    _, _, _, header, contents, trailer = parser.parse(outer.contents)
    size = len(header) + len(contents) + len(trailer)
    status = tsp.PKIStatusInfo.load(outer.contents[:size], strict=True)
    if status["status"].native not in ("granted", "granted_with_mods"):
        said = status["status_string"].native or []
        failure = status["fail_info"].native
        raise TimestampError(
            f"the TSA refused: {status['status'].native}"
            + (f" ({', '.join(map(str, said))})" if said else "")
            + (f" [{', '.join(sorted(failure))}]" if failure else "")
        )
    if len(outer.contents) == size:
        raise TimestampError("the TSA granted the request but sent no token")
    token: cms.ContentInfo = cms.ContentInfo.load(outer.contents[size:], strict=True)
    return token


def _signed_data(token: cms.ContentInfo) -> cms.SignedData:
    if token["content_type"].native != "signed_data":
        raise TimestampError("the token is not CMS SignedData")
    signed: cms.SignedData = token["content"]
    return signed


def _check_imprint(info: tsp.TSTInfo, imprint: bytes) -> None:
    given = info["message_imprint"]
    algorithm = given["hash_algorithm"]["algorithm"].native
    if algorithm != "sha256" or given["hashed_message"].native != imprint:
        raise TimestampError(
            "the token timestamps another statement (its message imprint is not the SHA-256 "
            "of the sealed statement)"
        )


def _asn1(certificates: Sequence[cx509.Certificate]) -> list[x509.Certificate]:
    from cryptography.hazmat.primitives.serialization import Encoding

    return [x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in certificates]


def _load_all(certificates: Sequence[x509.Certificate]) -> list[cx509.Certificate]:
    return [cx509.load_der_x509_certificate(c.dump()) for c in certificates]


def _signer_certificate(
    signer: cms.SignerInfo, certificates: Sequence[x509.Certificate]
) -> x509.Certificate:
    sid = signer["sid"]
    for certificate in certificates:
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                certificate.issuer == wanted["issuer"]
                and certificate.serial_number == wanted["serial_number"].native
            ):
                return certificate
        elif certificate.key_identifier == sid.chosen.native:
            return certificate
    raise TimestampError("the token does not carry the TSA's certificate")


def _attribute(signer: cms.SignerInfo, name: str) -> Any:
    for attribute in signer["signed_attrs"]:
        if attribute["type"].native == name:
            values = attribute["values"]
            if len(values) != 1:
                raise TimestampError(f"the signed attribute {name} has {len(values)} values")
            return values[0]
    return None


def _hash(name: str) -> hashes.HashAlgorithm:
    try:
        return _HASHES[name]()
    except KeyError:
        raise TimestampError(f"the TSA signs with {name}, which is not accepted") from None


def _sha(name: str, data: bytes) -> bytes:
    digest_ = hashes.Hash(_hash(name))
    digest_.update(data)
    return digest_.finalize()


def _check_signed_attributes(
    signer: cms.SignerInfo, info_bytes: bytes, certificate: x509.Certificate
) -> None:
    if not signer["signed_attrs"]:
        raise TimestampError("the token's signature covers no signed attributes")
    content_type = _attribute(signer, "content_type")
    if content_type is None or content_type.native != "tst_info":
        raise TimestampError("the signed attributes do not name a TSTInfo")
    algorithm = signer["digest_algorithm"]["algorithm"].native
    said = _attribute(signer, "message_digest")
    if said is None or said.native != _sha(algorithm, info_bytes):
        raise TimestampError(
            "the token's TSTInfo is not what the TSA signed (its digest differs from the "
            "signed attributes': the token was altered)"
        )
    # ESS signing-certificate (RFC 5816): when present, it must name the certificate used.
    v2 = _attribute(signer, "signing_certificate_v2")
    v1 = _attribute(signer, "signing_certificate")
    if v2 is not None:
        cert_id = v2["certs"][0]
        name = cert_id["hash_algorithm"]["algorithm"].native
        if cert_id["cert_hash"].native != _sha(name, certificate.dump()):
            raise TimestampError("the signed attributes name another certificate than the TSA's")
    elif v1 is not None:
        cert_id = v1["certs"][0]
        if cert_id["cert_hash"].native != hashlib.sha1(certificate.dump()).digest():  # noqa: S324
            raise TimestampError("the signed attributes name another certificate than the TSA's")


def _check_signature(signer: cms.SignerInfo, certificate: cx509.Certificate) -> None:
    # The signature covers the DER of the attributes as a SET (tag 0x31), not as the [0]
    # IMPLICIT field they are written in; the original bytes are kept, only the tag changes.
    attributes = signer["signed_attrs"].dump()
    signed_bytes = b"\x31" + attributes[1:]
    signature = signer["signature"].native
    algorithm = signer["signature_algorithm"]
    hash_ = _hash(signer["digest_algorithm"]["algorithm"].native)
    key = certificate.public_key()
    try:
        named = algorithm.signature_algo
    except ValueError:
        named = algorithm["algorithm"].dotted
    if not _fits(key, named):
        raise TimestampError(f"the token's signature algorithm ({named}) is not its key's")
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, signed_bytes, _rsa_padding(algorithm), hash_)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, signed_bytes, ec.ECDSA(hash_))
        elif isinstance(key, Ed25519PublicKey):
            key.verify(signature, signed_bytes)
        else:  # _fits let no other key type through
            raise TimestampError(f"the TSA's key type is not supported ({type(key).__name__})")
    except (InvalidSignature, UnsupportedAlgorithm) as exc:
        raise TimestampError(
            "the TSA's signature over the signed attributes does not verify with the "
            "certificate in the token"
        ) from exc


def _fits(key: object, algorithm: str) -> bool:
    if isinstance(key, rsa.RSAPublicKey):
        return algorithm in ("rsassa_pkcs1v15", "rsassa_pss")
    if isinstance(key, ec.EllipticCurvePublicKey):
        return algorithm == "ecdsa"
    return isinstance(key, Ed25519PublicKey) and algorithm == "ed25519"


def _rsa_padding(algorithm: Any) -> padding.AsymmetricPadding:
    if algorithm["algorithm"].native != "rsassa_pss":
        return padding.PKCS1v15()
    parameters = algorithm["parameters"]
    mgf_hash = _hash(parameters["mask_gen_algorithm"]["parameters"]["algorithm"].native)
    return padding.PSS(padding.MGF1(mgf_hash), parameters["salt_length"].native)


def _check_usage(certificate: cx509.Certificate, at: datetime) -> None:
    try:
        usage = certificate.extensions.get_extension_for_class(cx509.ExtendedKeyUsage).value
    except cx509.ExtensionNotFound:
        usage = None
    if usage is None or ExtendedKeyUsageOID.TIME_STAMPING not in usage:
        raise TimestampError(
            f"the certificate {certificate.subject.rfc4514_string()} is not for time-stamping "
            "(no extended key usage timeStamping)"
        )
    if not certificate.not_valid_before_utc <= at <= certificate.not_valid_after_utc:
        raise TimestampError(
            f"the TSA's certificate was not valid at the time it gave ({at.isoformat()})"
        )


def _chain(
    leaf: cx509.Certificate,
    carried: Sequence[cx509.Certificate],
    trusted: Sequence[cx509.Certificate],
) -> str:
    """The subject of the trusted certificate ``leaf`` is, or chains to through ``carried``;
    TimestampError when it chains to none."""
    current = leaf
    for _ in range(_CHAIN_DEPTH):
        for anchor in trusted:
            if current == anchor:
                return anchor.subject.rfc4514_string()
        for anchor in trusted:
            if _issued_by(current, anchor):
                return anchor.subject.rfc4514_string()
        issuers = [c for c in carried if c != current and _issued_by(current, c) and _is_ca(c)]
        if not issuers:
            break
        current = issuers[0]
    names = "; ".join(t.subject.rfc4514_string() for t in trusted)
    raise TimestampError(
        f"the TSA's certificate {leaf.subject.rfc4514_string()} does not chain to the given "
        f"certificate ({names})"
    )


def _issued_by(certificate: cx509.Certificate, issuer: cx509.Certificate) -> bool:
    try:
        certificate.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
        return False
    return True


def _is_ca(certificate: cx509.Certificate) -> bool:
    try:
        return bool(certificate.extensions.get_extension_for_class(cx509.BasicConstraints).value.ca)
    except cx509.ExtensionNotFound:
        return False
