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
    public_url: str = "http://127.0.0.1:8000"
    tracking_address: str = "track@accord.localhost"
    mail_domain: str = ""
    smtp_url: str = ""
    imap_url: str = ""
    inbound_secret: str = ""
    # Dev mode: with no SMTP/IMAP configured, mail goes to folders under data_dir and an
    # embedded SMTP listener on this port accepts replies.
    dev_smtp_port: int = 2525
    authserv_id: str = ""
    # Signs digest unsubscribe links (and later session cookies). Set it in production.
    secret_key: str = ""
    # Seals chain heads (app.core.seal); a PEM Ed25519 private key. Unset: one is made once
    # under data_dir (mode 0600). Replicas must share it (set it, or share the data dir).
    signing_key: str = ""
    # Webhooks to private, loopback or link-local addresses are refused unless allowed
    # (SSRF); tests and single-machine setups turn this on.
    webhook_allow_private: bool = False
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


def load_settings(**overrides: object) -> Settings:
    return Settings(**overrides)  # type: ignore[arg-type]
