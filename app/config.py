"""One typed Settings object, read from ``ACCORD_*`` environment variables and ``.env``."""

from __future__ import annotations

import math
import string
from collections import Counter
from functools import cached_property
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SECRET_KEY_BITS = 256


_ALPHABETS = [  # the common alphabets of generated keys, smallest first
    (set(string.hexdigits.lower()) - set("ABCDEF"), 16),
    (set(string.hexdigits.upper()) - set("abcdef"), 16),
    (set(string.ascii_lowercase + string.digits), 36),
    (set(string.ascii_uppercase + string.digits), 36),
    (set(string.ascii_letters + string.digits + "+/-_="), 64),  # base64, base64url
]


def secret_strength(value: str) -> float:
    """A cautious estimate of the bits in ``value``: its length times the bits of the
    smallest common alphabet holding it (hex, one-case alphanumeric, base64, printable),
    counted as nothing when its characters repeat far more than random ones would ("aaaa",
    "abab", a word typed twice, a sentence). No estimate can see that a long phrase is
    guessable; generate the key."""
    if not value:
        return 0.0
    chars = set(value)
    alphabet = next((size for members, size in _ALPHABETS if chars <= members), 95)
    per_char = math.log2(alphabet)
    counts = Counter(value)
    shannon = -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())
    # A random string of n characters shows at most log2(n) bits of empirical entropy each.
    if shannon < 0.75 * min(per_char, math.log2(len(value))):
        return 0.0
    return len(value) * per_char


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ACCORD_", env_file=".env", extra="ignore")

    data_dir: Path = Path("./data")
    database_url: str = ""
    # Links in mail. Unset, `accord serve` uses the address it listens on (see listening_on).
    public_url: str = "http://127.0.0.1:8000"
    tracking_address: str = "track@accord.localhost"
    mail_domain: str = ""
    smtp_url: str = ""
    imap_url: str = ""
    inbound_secret: str = ""
    # Dev mode: with no SMTP/IMAP configured, mail goes to folders under data_dir and an
    # embedded SMTP listener on this port accepts replies (0: none). A port already taken
    # stops the start: replies would land in whichever instance holds it.
    dev_smtp_port: int = 2525
    authserv_id: str = ""
    # Comma-separated domains of this organisation's own that are special-use names
    # (``corp.local``, ``example.test``): addresses there are accepted everywhere
    # (``app.core.addresses``); the tracking address's domain always is.
    internal_domains: str = ""
    # The operator's word that the SMTP relay offers SMTPUTF8 (RFC 6531): only then are
    # addresses with a non-ASCII local part (zoë@example.com) accepted, so a refusal comes
    # at creation, never at delivery. Each send still checks the relay's EHLO.
    smtputf8: bool = False
    # Signs form tokens and links, encrypts connected-mailbox credentials. Unset: a random
    # key is made once under data_dir (mode 0600). Set: at least 256 bits (``secret_strength``).
    secret_key: str = ""
    # Seals chain heads (app.core.seal); a PEM Ed25519 private key. Unset: one is made once
    # under data_dir (mode 0600). Replicas must share it (set it, or share the data dir).
    signing_key: str = ""
    # An RFC 3161 time-stamping authority (e.g. https://freetsa.org/tsr): when set, the chain
    # head sealed into an evidence bundle is timestamped by it (app.core.timestamp). Asked
    # while the bundle is built, so with a short timeout; a TSA that fails or is slow costs
    # only the timestamp, and the bundle says why it has none.
    tsa_url: str = ""
    tsa_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    # Webhooks to private, loopback or link-local addresses are refused unless allowed
    # (SSRF); tests and single-machine setups turn this on.
    webhook_allow_private: bool = False
    # The same for users' connected IMAP mailboxes (app.core.destinations is the one policy).
    mailbox_allow_private: bool = False
    # Connected mailboxes are polled this many at a time, each within this many seconds per
    # poll (also the cap on its socket timeout): one slow server delays no one else's. Keep
    # the budget under the 2-minute mailbox lease.
    connected_poll_workers: int = Field(default=4, ge=1, le=64)
    connected_mailbox_seconds: float = Field(default=60.0, gt=0, le=100)
    # The admin created on first start of an empty database (development convenience).
    bootstrap_email: str = "you@example.com"
    log_level: str = "INFO"
    log_json: bool = True
    poll_interval_seconds: float = Field(default=30.0, gt=0)
    sweep_interval_seconds: float = Field(default=30.0, gt=0)
    deliver_interval_seconds: float = Field(default=5.0, gt=0)
    # How long a worker's hold on the tracking mailbox lasts without a heartbeat: when the
    # holder dies, another worker polls the mailbox this long (plus a second) later.
    mailbox_lease_seconds: float = Field(default=10.0, ge=1)
    # Inbound messages processed per transaction (a savepoint each): larger is faster, a crash
    # rolls back (and later redoes) at most this many.
    ingest_batch_size: int = Field(default=100, ge=1, le=1000)
    # Hash and parse a large backlog in a helper process while the poller stores and applies.
    ingest_helper_process: bool = True
    # Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (comma-separated
    # addresses or networks, e.g. "127.0.0.1, 10.0.0.0/8"). Empty: none; the peer is the client.
    trusted_proxies: str = ""
    # Failed API-key attempts per client address and per key prefix, per minute
    # (app.api.ratelimit); a valid key is never refused.
    auth_failures_per_minute: int = Field(default=20, ge=1)
    max_body_bytes: int = 1_000_000
    max_message_bytes: int = 25_000_000

    @field_validator("tracking_address")
    @classmethod
    def _address_has_domain(cls, value: str) -> str:
        local, sep, domain = value.strip().rpartition("@")
        if not sep or not local or not domain or "+" in local:
            raise ValueError("must look like local@domain, without a +tag")
        return value.strip().lower()

    @field_validator("secret_key")
    @classmethod
    def _secret_key_is_strong(cls, value: str) -> str:
        if value and (bits := secret_strength(value)) < SECRET_KEY_BITS:
            raise ValueError(
                f"ACCORD_SECRET_KEY is too weak (about {bits:.0f} bits; at least "
                f"{SECRET_KEY_BITS} are needed). Generate one with `openssl rand -hex 32` or "
                "`python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`, or unset it "
                "to have Accord make one under ACCORD_DATA_DIR"
            )
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_parse(cls, value: str) -> str:
        from app.api.proxies import parse_networks

        parse_networks(value)
        return value

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'accord.db').as_posix()}"

    @property
    def tracking_local(self) -> str:
        return self.tracking_address.rpartition("@")[0]

    @property
    def tracking_domain(self) -> str:
        return self.tracking_address.rpartition("@")[2]

    @property
    def message_id_domain(self) -> str:
        return self.mail_domain or self.tracking_domain

    @property
    def dev_mail(self) -> bool:
        """True when mail stays on this machine (no SMTP or IMAP server configured)."""
        return not self.smtp_url or not self.imap_url

    @property
    def devbox_dir(self) -> Path:
        return self.data_dir / "mail"


def listening_on(settings: Settings, *, host: str, port: int) -> Settings:
    """``settings`` whose public URL is the address ``accord serve`` listens on, unless
    ACCORD_PUBLIC_URL (or .env) set one: links in mail then work on any ``--port``."""
    if "public_url" in settings.model_fields_set:
        return settings
    # A wildcard address is no place to send a browser; this machine is.
    wildcard = host in ("", "0.0.0.0")  # noqa: S104 - compared, not bound
    shown = "127.0.0.1" if wildcard else "[::1]" if host == "::" else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return settings.model_copy(update={"public_url": f"http://{shown}:{port}"})


def load_settings(**overrides: object) -> Settings:
    return Settings(**overrides)  # type: ignore[arg-type]
