"""A local RFC 3161 time-stamping authority: a real HTTP server on 127.0.0.1 in a thread.

Its CA and TSA certificates are made with ``cryptography`` when the fixture starts (ECDSA
P-256: fast to make); it answers each TimeStampReq with a TimeStampResp built with asn1crypto
and signed the way a real TSA signs (signed attributes: content type, message digest,
signing time, ESS signing-certificate-v2). ``mode`` makes it misbehave on purpose.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from asn1crypto import cms, tsp
from asn1crypto import x509 as ax509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

POLICY = "1.3.6.1.4.1.99999.1"


@dataclass
class Authority:
    """A certificate and its key."""

    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    @property
    def der(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.DER)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Accord tests"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def make_ca(common_name: str = "Accord Test Root CA") -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return Authority(key, certificate)


def make_tsa(
    ca: Authority, common_name: str = "Accord Test TSA", *, usage: bool = True
) -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
    )
    if usage:  # RFC 3161 §2.3: exactly timeStamping, critical
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    return Authority(key, builder.sign(ca.key, hashes.SHA256()))


def sign_response(
    request_der: bytes,
    tsa: Authority,
    chain: list[x509.Certificate],
    *,
    serial: int,
    at: datetime | None = None,
    nonce_offset: int = 0,
) -> bytes:
    """A granted TimeStampResp for ``request_der``, signed by ``tsa``."""
    request = tsp.TimeStampReq.load(request_der)
    info = {
        "version": "v1",
        "policy": POLICY,
        "message_imprint": request["message_imprint"],
        "serial_number": serial,
        "gen_time": (at or datetime.now(UTC)).replace(microsecond=0),
        "accuracy": {"seconds": 1},
    }
    if request["nonce"].native is not None:
        info["nonce"] = request["nonce"].native + nonce_offset
    tst_info = tsp.TSTInfo(info)
    info_der = tst_info.dump()
    attributes = cms.CMSAttributes(
        [
            {"type": "content_type", "values": ["tst_info"]},
            {"type": "signing_time", "values": [cms.Time({"utc_time": datetime.now(UTC)})]},
            {"type": "message_digest", "values": [hashlib.sha256(info_der).digest()]},
            {
                "type": "signing_certificate_v2",
                "values": [
                    {
                        "certs": [
                            {
                                "hash_algorithm": {"algorithm": "sha256"},
                                "cert_hash": hashlib.sha256(tsa.der).digest(),
                            }
                        ]
                    }
                ],
            },
        ]
    )
    certificate = ax509.Certificate.load(tsa.der)
    signer = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": {
                        "issuer": certificate.issuer,
                        "serial_number": certificate.serial_number,
                    }
                }
            ),
            "digest_algorithm": {"algorithm": "sha256"},
            "signed_attrs": attributes,
            "signature_algorithm": {"algorithm": "sha256_ecdsa"},
            "signature": b"",
        }
    )
    to_sign = b"\x31" + signer["signed_attrs"].dump()[1:]
    signer["signature"] = tsa.key.sign(to_sign, ec.ECDSA(hashes.SHA256()))
    certificates = []
    if request["cert_req"].native:
        certificates = [
            ax509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in chain
        ]
    signed_data = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {"content_type": "tst_info", "content": tst_info},
            "certificates": certificates,
            "signer_infos": [signer],
        }
    )
    token = cms.ContentInfo({"content_type": "signed_data", "content": signed_data})
    response: bytes = tsp.TimeStampResp(
        {"status": {"status": "granted"}, "time_stamp_token": token}
    ).dump()
    return response


def rejection(text: str) -> bytes:
    """A TimeStampResp refusing, with no token (asn1crypto would insist on one)."""
    info = tsp.PKIStatusInfo(
        {
            "status": "rejection",
            "status_string": [text],
            "fail_info": tsp.PKIFailureInfo({"bad_alg"}),
        }
    ).dump()
    return b"\x30" + bytes([len(info)]) + info


@dataclass
class LocalTSA:
    ca: Authority
    tsa: Authority
    url: str = ""
    # "ok"; "reject" (a PKIStatus rejection); "http-500"; "garbage"; "wrong-nonce".
    mode: str = "ok"
    requests: list[bytes] = field(default_factory=list)
    serial: int = 0

    def answer(self, body: bytes) -> tuple[int, bytes]:
        self.requests.append(body)
        self.serial += 1
        if self.mode == "http-500":
            return 500, b"down for maintenance"
        if self.mode == "garbage":
            return 200, b"\x30\x03\x02\x01"
        if self.mode == "reject":
            return 200, rejection("unsupported algorithm")
        offset = 1 if self.mode == "wrong-nonce" else 0
        chain = [self.tsa.certificate, self.ca.certificate]
        return 200, sign_response(body, self.tsa, chain, serial=self.serial, nonce_offset=offset)

    def write_ca(self, directory: Path) -> Path:
        path = directory / "tsa-ca.pem"
        path.write_bytes(self.ca.pem)
        return path


def _handler(authority: LocalTSA) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.headers.get("Content-Type") != "application/timestamp-query":
                status, reply = 415, b"not a timestamp query"
            else:
                status, reply = authority.answer(body)
            self.send_response(status)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    return Handler


@pytest.fixture(scope="session")
def tsa_certificates() -> tuple[Authority, Authority]:
    ca = make_ca()
    return ca, make_tsa(ca)


@pytest.fixture
def tsa(tsa_certificates: tuple[Authority, Authority]) -> Iterator[LocalTSA]:
    """A TSA at ``tsa.url`` (fresh request log and mode per test, certificates per session)."""
    authority = LocalTSA(*tsa_certificates)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(authority))
    authority.url = f"http://127.0.0.1:{server.server_address[1]}/tsr"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield authority
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
