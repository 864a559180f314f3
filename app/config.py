"""One typed Settings object, read from ``ACCORD_*`` environment variables and ``.env``."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


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
    # Signs digest unsubscribe links (and later session cookies). Set it in production.
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
    # Inbound messages processed per transaction (a savepoint each): larger is faster, a crash
    # rolls back (and later redoes) at most this many.
    ingest_batch_size: int = Field(default=100, ge=1, le=1000)
    # Hash and parse a large backlog in a helper process while the poller stores and applies.
    ingest_helper_process: bool = True
    max_body_bytes: int = 1_000_000
    max_message_bytes: int = 25_000_000

    @field_validator("tracking_address")
    @classmethod
    def _address_has_domain(cls, value: str) -> str:
        local, sep, domain = value.strip().rpartition("@")
        if not sep or not local or not domain or "+" in local:
            raise ValueError("must look like local@domain, without a +tag")
        return value.strip().lower()

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
