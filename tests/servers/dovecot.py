"""A real Dovecot IMAP server for tests (no mocks of the mail server).

Fixtures
--------
``dovecot`` (session scope; one server per pytest-xdist worker, each on its own free port)
    A :class:`DovecotServer` with:

    - ``host`` (``"127.0.0.1"``), ``port`` (int), ``directory`` (its files, incl. ``dovecot.log``)
    - ``stop()``: stop the daemon (connections drop, new ones are refused)
    - ``start()``: start it again on the same port (for "server down mid-batch" tests)
    - ``kill_connections(user=None)``: drop open IMAP sessions (``doveadm kick``) without
      stopping the server
    - ``password_for(user)``: the password of any user name (a static passdb: no files)

    Tests using it are skipped, with the reason, when Dovecot is not installed.

``imap_account`` (function scope)
    A fresh, empty account on ``dovecot``: an :class:`ImapAccount` with

    - ``user``, ``password``, ``host``, ``port``
    - ``url``: ``imap://user:password@127.0.0.1:PORT/INBOX?tls=none`` (for ``parse_imap_url``)
    - ``url_for(folder)``: the same URL for another folder
    - ``append(raw, internaldate=None, folder="INBOX", flags=())``: APPEND over its own
      connection (the folder is created if missing); ``internaldate`` may be naive (taken as UTC)
    - ``append_many(raws, folder="INBOX")``: APPEND many messages over one connection
    - ``reset_uidvalidity(folder="INBOX") -> int``: give the folder a new UIDVALIDITY (messages
      kept, renumbered from 1); returns the new value, checked to differ from the old one
    - ``uidvalidity(folder="INBOX") -> int``
    - ``client()``: a logged-in ``imapclient.IMAPClient`` (a context manager; log it out)

Dovecot refuses to access mail as root, so the server runs mail processes as ``nobody`` and keeps
its files under a 0755 directory in /tmp (pytest's ``tmp_path`` is 0700, which ``nobody`` and the
``dovecot`` user cannot traverse).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from imapclient import IMAPClient

HOST = "127.0.0.1"
_START_TIMEOUT = 10.0
_users = itertools.count(1)
# Every user's password is this prefix + the user name: accounts need no passdb file, which
# Dovecot would re-read only when its mtime (in seconds) changes.
PASSWORD_PREFIX = "p@ss/w:"

_CONFIG = """\
base_dir = {dir}/run
state_dir = {dir}/state
log_path = {dir}/dovecot.log
info_log_path = {dir}/dovecot.log
protocols = imap
listen = {host}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2
auth_failure_delay = 0
mail_location = maildir:~/Maildir
mail_fsync = never
shutdown_clients = yes
mail_max_userip_connections = 1000
{users}
service imap-login {{
  inet_listener imap {{
    address = {host}
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
# The auth process (user dovecot) may not reach anvil's penalty socket: otherwise every login
# from 127.0.0.1 after a failed one waits 2-15 s, and the tests share that address.
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
passdb {{
  driver = static
  args = password={password_prefix}%n
}}
userdb {{
  driver = static
  args = home={dir}/home/%n
}}
"""


def _dovecot_binary() -> str | None:
    return shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if os.access("/usr/sbin/dovecot", os.X_OK) else None
    )


def _users_config() -> str:
    # Dovecot will not access mail as root; as another user it can only run as that user.
    if os.geteuid() == 0:
        return "mail_uid = nobody\nmail_gid = nogroup\nfirst_valid_uid = 1"
    me = pwd.getpwuid(os.geteuid()).pw_name
    return f"default_internal_user = {me}\ndefault_login_user = {me}\nfirst_valid_uid = 1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.5):
        return True
    return False


class DovecotServer:
    """One Dovecot master process with its own configuration, files and port."""

    def __init__(self, binary: str, directory: Path) -> None:
        self.binary = binary
        self.directory = directory
        self.host = HOST
        self.port = _free_port()
        self.config = directory / "dovecot.conf"
        self._write_config()

    def _write_config(self) -> None:
        for sub in ("run", "state", "home"):
            (self.directory / sub).mkdir(mode=0o755, exist_ok=True)
        if os.geteuid() == 0:
            os.chown(self.directory / "home", pwd.getpwnam("nobody").pw_uid, -1)
        self.config.write_text(
            _CONFIG.format(
                dir=self.directory,
                host=HOST,
                port=self.port,
                users=_users_config(),
                password_prefix=PASSWORD_PREFIX,
            )
        )

    def _run(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        # The daemon inherits stdout/stderr: with pipes, run() would wait for it forever.
        with open(self.directory / "daemon.out", "ab") as out:
            return subprocess.run(
                [self.binary, "-c", str(self.config), *args],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=out,
                timeout=30,
                check=False,
            )

    def start(self) -> None:
        result = self._run()
        deadline = time.monotonic() + _START_TIMEOUT
        while not _port_open(self.port):
            if result.returncode != 0 or time.monotonic() > deadline:
                raise RuntimeError(f"Dovecot did not start; see {self.directory}/dovecot.log")
            time.sleep(0.02)

    def stop(self) -> None:
        """Stop the server: open sessions are dropped too, as when a real server goes down."""
        self.kill_connections()
        self._run("stop")
        deadline = time.monotonic() + _START_TIMEOUT
        while _port_open(self.port) or (self.directory / "run" / "master.pid").exists():
            if time.monotonic() > deadline:
                raise RuntimeError("Dovecot did not stop")
            time.sleep(0.02)

    def kill_connections(self, user: str | None = None) -> None:
        """Drop open IMAP sessions (of ``user``, or everyone) while the server keeps running."""
        subprocess.run(
            ["doveadm", "-c", str(self.config), "kick", user or "*"],
            capture_output=True,
            timeout=30,
            check=False,
        )

    def doveadm(self, *args: str) -> str:
        result = subprocess.run(
            ["doveadm", "-c", str(self.config), *args],
            capture_output=True,
            timeout=30,
            check=True,
        )
        return result.stdout.decode()

    def password_for(self, user: str) -> str:
        """Any user name logs in (its home is created on first use) with this password."""
        return PASSWORD_PREFIX + user


@dataclass
class ImapAccount:
    server: DovecotServer
    user: str
    password: str

    @property
    def host(self) -> str:
        return self.server.host

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def url(self) -> str:
        return self.url_for("INBOX")

    def url_for(self, folder: str) -> str:
        return (
            f"imap://{quote(self.user, safe='')}:{quote(self.password, safe='')}"
            f"@{self.host}:{self.port}/{quote(folder, safe='')}?tls=none"
        )

    def client(self) -> IMAPClient:
        client = IMAPClient(self.host, self.port, ssl=False, timeout=10)
        client.login(self.user, self.password)
        return client

    def append(
        self,
        raw: bytes,
        internaldate: datetime | None = None,
        folder: str = "INBOX",
        flags: Iterable[str] = (),
    ) -> None:
        with self.client() as client:
            _ensure_folder(client, folder)
            client.append(folder, raw, flags=tuple(flags), msg_time=_aware(internaldate))

    def append_many(self, raws: Iterable[bytes], folder: str = "INBOX") -> None:
        with self.client() as client:
            _ensure_folder(client, folder)
            for raw in raws:
                client.append(folder, raw)

    def uidvalidity(self, folder: str = "INBOX") -> int:
        with self.client() as client:
            value: int = client.folder_status(folder, ["UIDVALIDITY"])[b"UIDVALIDITY"]
            return value

    def reset_uidvalidity(self, folder: str = "INBOX") -> int:
        """Give ``folder`` a new UIDVALIDITY, as a server does after a mailbox is rebuilt."""
        old = self.uidvalidity(folder)
        maildir = self.server.directory / "home" / self.user / "Maildir"
        if folder != "INBOX":
            maildir = maildir / f".{folder}"
        self.server.kill_connections(self.user)
        for _attempt in range(3):
            _forget_uids(maildir)
            new = self.uidvalidity(folder)
            if new != old:
                return new
            # Dovecot takes a new UIDVALIDITY from the clock: try again in another second.
            time.sleep(1.0)
        raise RuntimeError(f"UIDVALIDITY of {folder} did not change ({old})")


def _forget_uids(maildir: Path) -> None:
    # Without its UID list and indexes Dovecot rebuilds a Maildir folder: the messages stay,
    # numbered from 1 again under a new UIDVALIDITY.
    for path in maildir.glob("dovecot*"):
        if path.name.startswith(("dovecot-uidlist", "dovecot.index", "dovecot.list.index")):
            path.unlink()


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _ensure_folder(client: IMAPClient, folder: str) -> None:
    if folder.upper() != "INBOX" and not client.folder_exists(folder):
        client.create_folder(folder)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotServer]:
    binary = _dovecot_binary()
    if binary is None:
        pytest.skip(
            "Dovecot is not installed: apt-get install -y dovecot-imapd (scripts/test does this)"
        )
    directory = Path(tempfile.mkdtemp(prefix="accord-dovecot-"))
    directory.chmod(0o755)
    server = DovecotServer(binary, directory)
    server.start()
    try:
        yield server
    finally:
        with contextlib.suppress(Exception):
            server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def imap_account(dovecot: DovecotServer) -> ImapAccount:
    if not _port_open(dovecot.port):
        # A test that stopped the server and failed before restarting it must not break others.
        dovecot.start()
    user = f"user{next(_users)}x{secrets.token_hex(3)}"
    return ImapAccount(dovecot, user, dovecot.password_for(user))
