"""RFC 3161 timestamps of sealed chain heads (ACCORD_TSA_URL), against a local TSA
(tests/servers/tsa.py): bundles carry the token, `accord verify` checks it, a TSA that fails
costs only the timestamp."""

from __future__ import annotations

import io
import json
import shutil
import socket
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.cli import main
from app.config import Settings
from app.core import seal, timestamp
from app.core.chain import format_time
from app.core.events import append_event
from app.db import Database
from app.evidence import bundle
from app.evidence.verify import verify_bundle
from app.keys import signing_key
from app.models import Agreement, ChainTimestamp
from tests.app.conftest import Account
from tests.app.test_evidence import Members, download, flip, members, reseal, rezip
from tests.app.test_revisions import sent_agreement
from tests.servers.tsa import LocalTSA, make_ca, make_tsa, sign_response


@pytest.fixture
def agreement(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> dict[str, Any]:
    return sent_agreement(client, account, settings, database)[0]


@pytest.fixture
def stamped(tsa: LocalTSA, settings: Settings) -> LocalTSA:
    settings.tsa_url = tsa.url
    return tsa


def resign(files: Members, settings: Settings) -> Members:
    """Re-sign the manifest with the server's own key: the operator, who holds it."""
    signature = json.loads(files["signature.json"])
    signed = seal.sign_manifest(
        signing_key(settings),
        agreement_id=signature["agreement_id"],
        manifest=files["manifest.json"],
    )
    return {**files, "signature.json": json.dumps({**signature, **signed}).encode()}


def stored_stamps(database: Database) -> int:
    with database.transaction() as session:
        return session.scalar(select(func.count()).select_from(ChainTimestamp)) or 0


def add_event(database: Database, agreement_id: str) -> None:
    with database.transaction() as session:
        row = session.get(Agreement, agreement_id, with_for_update=True)
        assert row is not None
        append_event(session, agreement=row, type="note", actor="owner", data={"text": "x"})


def test_a_bundle_carries_a_timestamp_of_its_seal_and_verifies(
    client: TestClient,
    account: Account,
    agreement: dict[str, Any],
    stamped: LocalTSA,
    database: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = members(download(client, account, agreement["id"]))
    assert len(stamped.requests) == 1
    manifest = json.loads(files["manifest.json"])
    signature = json.loads(files["signature.json"])
    statement = seal.from_dict(signature).statement()
    # The request: SHA-256 of the exact bytes the Ed25519 signature covers, a nonce, certReq.
    query = timestamp.tsp.TimeStampReq.load(stamped.requests[0])
    assert query["message_imprint"]["hashed_message"].native == timestamp.digest(statement)
    assert query["message_imprint"]["hash_algorithm"]["algorithm"].native == "sha256"
    assert query["cert_req"].native is True
    assert str(query["nonce"].native) == manifest["timestamp"]["nonce"]
    # The token is a file the manifest lists (and so the manifest's signature covers).
    assert "timestamp.tsr" in {f["name"] for f in manifest["files"]}
    entry = manifest["timestamp"]
    assert entry["file"] == "timestamp.tsr" and entry["tsa_url"] == stamped.url
    assert entry["tsa"] == "CN=Accord Test TSA,O=Accord tests"
    assert entry["statement_sha256"] == timestamp.digest(statement).hex()
    assert stored_stamps(database) == 1

    path = tmp_path / "bundle.zip"
    path.write_bytes(rezip(files))
    report = verify_bundle(path)
    assert report.ok, report.problems
    assert report.timestamp is not None and report.timestamp["trusted"] is None
    assert main(["verify", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"timestamped by CN=Accord Test TSA,O=Accord tests at {entry['gen_time']}" in out
    assert "chain of trust was not checked" in out
    ca = stamped.write_ca(tmp_path)
    assert main(["verify", "--tsa-cert", str(ca), str(path)]) == 0
    out = capsys.readouterr().out
    assert "chains to the given CN=Accord Test Root CA,O=Accord tests" in out
    tsa_only = tmp_path / "tsa.der"
    tsa_only.write_bytes(stamped.tsa.der)  # the TSA's own certificate, DER, pinned
    assert main(["verify", "--tsa-cert", str(tsa_only), "--json", str(path)]) == 0
    shown = json.loads(capsys.readouterr().out)["timestamp"]
    assert shown["trusted"] == "CN=Accord Test TSA,O=Accord tests"
    assert shown["gen_time"] == entry["gen_time"]


def test_an_unchanged_head_reuses_its_stamp_and_a_new_head_gets_one(
    client: TestClient,
    account: Account,
    agreement: dict[str, Any],
    stamped: LocalTSA,
    database: Database,
) -> None:
    first = members(download(client, account, agreement["id"]))
    again = members(download(client, account, agreement["id"]))
    assert len(stamped.requests) == 1
    assert again["timestamp.tsr"] == first["timestamp.tsr"]
    assert again["signature.json"] != first["signature.json"]  # the manifest differs
    assert seal.from_dict(json.loads(again["signature.json"])) == seal.from_dict(
        json.loads(first["signature.json"])
    )  # the same seal, at the same instant: Ed25519 is deterministic
    assert verify_bundle(io.BytesIO(rezip(again))).ok

    add_event(database, agreement["id"])
    later = members(download(client, account, agreement["id"]))
    assert len(stamped.requests) == 2
    assert later["timestamp.tsr"] != first["timestamp.tsr"]
    assert verify_bundle(io.BytesIO(rezip(later))).ok
    assert stored_stamps(database) == 2


def test_a_tampered_token_fails_verification(
    client: TestClient,
    account: Account,
    agreement: dict[str, Any],
    stamped: LocalTSA,
    settings: Settings,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = members(download(client, account, agreement["id"]))
    token = files["timestamp.tsr"]
    statement = seal.from_dict(json.loads(files["signature.json"])).statement()
    for at, expected in (
        (len(token) - 10, "the TSA's signature over the signed attributes does not verify"),
        (token.find(timestamp.digest(statement)), "the token timestamps another statement"),
    ):
        forged = {**files, "timestamp.tsr": flip(token, at)}
        naive = verify_bundle(io.BytesIO(rezip(forged)))
        assert naive.problems[0] == "timestamp.tsr: SHA-256 does not match the manifest"
        # The operator re-lists it and re-signs the manifest with the server's key.
        report = verify_bundle(io.BytesIO(rezip(resign(reseal(forged), settings))))
        assert len(report.problems) == 1, report.problems
        assert report.problems[0].startswith(f"timestamp.tsr: {expected}"), report.problems
    forged = {**files, "timestamp.tsr": flip(token, len(token) - 10)}
    path = tmp_path / "forged.zip"
    path.write_bytes(rezip(resign(reseal(forged), settings)))
    assert main(["verify", str(path)]) == 1
    assert capsys.readouterr().err.startswith("FAILED: timestamp.tsr: the TSA's signature")


def test_a_token_of_another_head_fails_verification(
    client: TestClient,
    account: Account,
    agreement: dict[str, Any],
    stamped: LocalTSA,
    settings: Settings,
    database: Database,
) -> None:
    before = members(download(client, account, agreement["id"]))
    add_event(database, agreement["id"])
    after = members(download(client, account, agreement["id"]))
    # The later bundle with the earlier head's token: a rewrite dated back to an old stamp.
    swapped = {**after, "timestamp.tsr": before["timestamp.tsr"]}
    manifest = json.loads(swapped["manifest.json"])
    manifest["timestamp"]["nonce"] = json.loads(before["manifest.json"])["timestamp"]["nonce"]
    swapped["manifest.json"] = json.dumps(manifest).encode()
    report = verify_bundle(io.BytesIO(rezip(resign(reseal(swapped), settings))))
    assert not report.ok
    assert report.problems == [
        "timestamp.tsr: the token timestamps another statement (its message imprint is not "
        "the SHA-256 of the sealed statement)"
    ]


def test_a_seal_dated_back_is_caught_by_its_stamp(
    agreement: dict[str, Any], stamped: LocalTSA, settings: Settings, database: Database
) -> None:
    """The operator seals the head with the server's key at a time of his choosing; the TSA
    stamps it when asked."""
    with database.transaction() as session:
        row = session.get(Agreement, agreement["id"])
        assert row is not None
        claimed = datetime.now(UTC) - timedelta(days=3)
        with bundle.build_bundle(session, row, settings, now=claimed) as spool:
            data = spool.read()
    report = verify_bundle(io.BytesIO(data))
    assert not report.ok
    assert report.problems[0].startswith("timestamp.tsr: the TSA saw the seal at ")
    assert report.problems[0].endswith(
        f"3.0 days after the time it claims ({format_time(claimed)}): the seal was dated back"
    )


def test_a_wrong_tsa_certificate_fails_verification(
    client: TestClient,
    account: Account,
    agreement: dict[str, Any],
    stamped: LocalTSA,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "bundle.zip"
    path.write_bytes(download(client, account, agreement["id"]))
    other = tmp_path / "other-ca.pem"
    other.write_bytes(make_ca("Some Other CA").pem)
    assert main(["verify", "--tsa-cert", str(other), str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "FAILED: timestamp.tsr: the TSA's certificate CN=Accord Test TSA,O=Accord tests does "
        "not chain to the given certificate (CN=Some Other CA,O=Accord tests)"
    )
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n")
    assert main(["verify", "--tsa-cert", str(junk), str(path)]) == 1
    assert "the given --tsa-cert: not a certificate" in capsys.readouterr().err


def test_a_tsa_that_fails_costs_only_the_timestamp(
    client: TestClient,
    account: Account,
    agreement: dict[str, Any],
    tsa: LocalTSA,
    settings: Settings,
    database: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with socket.socket() as probe:  # a port nobody listens on: the TSA is down
        probe.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{probe.getsockname()[1]}/tsr"
    settings.tsa_url = down
    settings.tsa_timeout_seconds = 2
    unstamped = members(download(client, account, agreement["id"]))
    settings.tsa_url = ""
    plain = members(download(client, account, agreement["id"]))
    # Nothing lost: every file a bundle without a TSA has, and no token.
    assert set(unstamped) == set(plain)
    assert "timestamp.tsr" not in unstamped
    entry = json.loads(unstamped["manifest.json"])["timestamp"]
    assert entry["file"] is None and entry["tsa_url"] == down
    assert entry["missing"].startswith(f"the TSA at {down} could not be reached (ConnectError")
    path = tmp_path / "bundle.zip"
    path.write_bytes(rezip(unstamped))
    assert main(["verify", str(path)]) == 0
    assert f"not timestamped (the TSA at {down} could not be reached" in capsys.readouterr().out
    # Asking for the TSA's check of a bundle that has no timestamp is a failure, saying why.
    ca = tsa.write_ca(tmp_path)
    assert main(["verify", "--tsa-cert", str(ca), str(path)]) == 1
    assert "--tsa-cert given, but the bundle has no timestamp" in capsys.readouterr().err

    settings.tsa_url = tsa.url
    reasons = {}
    for mode in ("http-500", "reject", "garbage", "wrong-nonce"):
        tsa.mode = mode
        files = members(download(client, account, agreement["id"]))
        assert "timestamp.tsr" not in files and set(files) == set(plain)
        assert verify_bundle(io.BytesIO(rezip(files))).ok
        reasons[mode] = json.loads(files["manifest.json"])["timestamp"]["missing"]
    assert reasons == {
        "http-500": f"the TSA at {tsa.url} answered HTTP 500",
        "reject": "the TSA refused: rejection (unsupported algorithm) [bad_alg]",
        "garbage": reasons["garbage"],
        "wrong-nonce": "the token's nonce is not the one requested",
    }
    assert reasons["garbage"].startswith("not a readable timestamp token")
    assert stored_stamps(database) == 0  # only granted, checked stamps are kept


def test_a_slow_tsa_is_given_up_after_the_timeout(
    client: TestClient,
    account: Account,
    agreement: dict[str, Any],
    settings: Settings,
) -> None:
    with socket.socket() as silent:  # accepts the connection, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        settings.tsa_url = f"http://127.0.0.1:{silent.getsockname()[1]}/tsr"
        settings.tsa_timeout_seconds = 0.5
        files = members(download(client, account, agreement["id"]))
    missing = json.loads(files["manifest.json"])["timestamp"]["missing"]
    assert missing == f"the TSA at {settings.tsa_url} did not answer within 0.5 s"
    assert verify_bundle(io.BytesIO(rezip(files))).ok


def test_without_a_tsa_no_request_is_made(
    client: TestClient,
    account: Account,
    agreement: dict[str, Any],
    tsa: LocalTSA,
    settings: Settings,
    database: Database,
) -> None:
    assert settings.tsa_url == ""
    files = members(download(client, account, agreement["id"]))
    assert tsa.requests == []
    assert "timestamp.tsr" not in files
    assert "timestamp" not in json.loads(files["manifest.json"])
    report = verify_bundle(io.BytesIO(rezip(files)))
    assert report.ok and report.not_timestamped == "the bundle names no time-stamping authority"
    assert stored_stamps(database) == 0


def test_the_tsa_url_shown_in_bundles_has_no_password() -> None:
    from app.evidence.timestamps import public_url

    assert public_url("https://user:pw@tsa.example.com/tsr") == "https://tsa.example.com/tsr"


# The protocol alone (app.core.timestamp), no server --------------------------------------------


STATEMENT = b'{"chain_head":"ab"}'


@pytest.fixture(scope="module")
def chain() -> tuple[Any, Any]:
    ca = make_ca()
    return ca, make_tsa(ca)


def test_check_names_each_failure(chain: tuple[Any, Any]) -> None:
    ca, tsa = chain
    imprint = timestamp.digest(STATEMENT)
    response = sign_response(timestamp.request(imprint, 7), tsa, [tsa.certificate], serial=1)
    stamp = timestamp.check(response, imprint=imprint, nonce=7, trusted=[ca.certificate])
    assert (stamp.serial, stamp.nonce, stamp.trusted) == (
        1,
        7,
        "CN=Accord Test Root CA,O=Accord tests",
    )
    with pytest.raises(timestamp.TimestampError, match="another statement"):
        timestamp.check(response, imprint=timestamp.digest(b"other"))
    with pytest.raises(timestamp.TimestampError, match="nonce"):
        timestamp.check(response, imprint=imprint, nonce=8)
    # A certificate without the timeStamping usage is no TSA's.
    plain = make_tsa(ca, "Not A TSA", usage=False)
    response = sign_response(timestamp.request(imprint, 7), plain, [plain.certificate], serial=2)
    with pytest.raises(timestamp.TimestampError, match="not for time-stamping"):
        timestamp.check(response, imprint=imprint)
    # Without certReq the token carries no certificate; a given one can still check it.
    query = timestamp.tsp.TimeStampReq.load(timestamp.request(imprint, 7))
    query["cert_req"] = False
    bare = sign_response(query.dump(), tsa, [tsa.certificate], serial=3)
    with pytest.raises(timestamp.TimestampError, match="does not carry the TSA's certificate"):
        timestamp.check(bare, imprint=imprint)
    assert timestamp.check(bare, imprint=imprint, trusted=[tsa.certificate]).trusted


def test_every_flipped_bit_of_what_the_tsa_signed_is_caught(chain: tuple[Any, Any]) -> None:
    _ca, tsa = chain
    imprint = timestamp.digest(STATEMENT)
    response = sign_response(timestamp.request(imprint, 7), tsa, [tsa.certificate], serial=1)
    token = timestamp.tsp.TimeStampResp.load(response)["time_stamp_token"]
    signed = token["content"]
    covered = [
        signed["encap_content_info"]["content"].contents,  # the TSTInfo
        signed["signer_infos"][0]["signed_attrs"].dump()[2:],
        signed["signer_infos"][0]["signature"].contents,
    ]
    caught = 0
    for part in covered:
        start = response.find(part)
        assert start > 0
        for at in range(start, start + len(part)):
            with pytest.raises(timestamp.TimestampError):
                timestamp.check(flip(response, at), imprint=imprint, nonce=7)
            caught += 1
    assert caught > 300


@pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl binary")
def test_openssl_reads_our_requests_and_we_check_its_rsa_responses(
    chain: tuple[Any, Any], tmp_path: Path
) -> None:
    """Another implementation on both sides: ``openssl ts`` answers our TimeStampReq
    with an RSA-signed token, which ``check`` accepts; and it verifies our test TSA's."""
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    ca, tsa = chain
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, "OpenSSL TSA")])
    now = tsa.certificate.not_valid_before_utc
    cert = (
        cx509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(cx509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(tsa.certificate.not_valid_after_utc)
        .add_extension(cx509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(ca.key, hashes.SHA256())
    )
    (tmp_path / "tsa.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (tmp_path / "tsa.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "ca.pem").write_bytes(ca.pem)
    (tmp_path / "serial").write_text("01\n")
    (tmp_path / "tsa.cnf").write_text(
        "[ tsa ]\ndefault_tsa = t\n[ t ]\n"
        f"serial = {tmp_path}/serial\nsigner_digest = sha256\n"
        "default_policy = 1.2.3.4.1\ndigests = sha256\ness_cert_id_alg = sha256\n"
        "accuracy = secs:1\n"
    )
    imprint = timestamp.digest(STATEMENT)
    (tmp_path / "query.tsq").write_bytes(timestamp.request(imprint, 99))
    subprocess.run(
        [
            "openssl",
            "ts",
            "-reply",
            "-config",
            str(tmp_path / "tsa.cnf"),
            "-queryfile",
            str(tmp_path / "query.tsq"),
            "-signer",
            str(tmp_path / "tsa.pem"),
            "-inkey",
            str(tmp_path / "tsa.key"),
            "-out",
            str(tmp_path / "reply.tsr"),
        ],
        check=True,
        capture_output=True,
    )
    reply = (tmp_path / "reply.tsr").read_bytes()
    stamp = timestamp.check(reply, imprint=imprint, nonce=99, trusted=[ca.certificate])
    assert stamp.tsa == "CN=OpenSSL TSA" and stamp.nonce == 99
    with pytest.raises(timestamp.TimestampError, match="does not verify"):
        timestamp.check(flip(reply, len(reply) - 5), imprint=imprint)

    ours = sign_response(timestamp.request(imprint, 5), tsa, [tsa.certificate], serial=9)
    (tmp_path / "ours.tsr").write_bytes(ours)
    (tmp_path / "statement").write_bytes(STATEMENT)
    checked = subprocess.run(
        [
            "openssl",
            "ts",
            "-verify",
            "-in",
            str(tmp_path / "ours.tsr"),
            "-data",
            str(tmp_path / "statement"),
            "-CAfile",
            str(tmp_path / "ca.pem"),
        ],
        capture_output=True,
        text=True,
    )
    assert "Verification: OK" in checked.stdout, checked.stderr
