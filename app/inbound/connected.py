"""Connected user mailboxes: replies that went only to the user, read with the least access.

A user may connect an IMAP folder of their own (password or OAuth2 access token, stored
encrypted: app.inbound.crypto). Accord reads only header blocks first (``BODY.PEEK[HEADER]``)
and fetches a whole message only when its In-Reply-To/References name a Message-ID of one of
*this user's* agreements (a captured message, a summary, or a stored reply). Nothing else is
stored, logged or kept in memory beyond the batch: not its body, not its headers.

Skipped even when they name a tracked message: mail from the user's own addresses (their own
messages in the thread) and from the tracking address (Accord's notices), and messages whose
Message-ID is already stored (the same reply also reached the tracking mailbox).

The folder is the user's: they can APPEND any message to it, with any header. So what is read
here is stored as ``source="connected"``, and its Authentication-Results are not believed
(``app.inbound.authn.SERVER_SOURCES``): a reply without a token counts only with a DKIM
signature Accord checks itself.

Each mailbox has its own ``MailboxState`` (key ``connected:<id>``) with UIDVALIDITY, the UID
watermark and a lease, so only one worker reads it at a time. The watermark stays up to
``RECHECK`` behind the newest mail: a reply that arrives before the message it answers has been
captured (the tracking mailbox is polled separately) is still found on a later poll. Each
mailbox is polled in its own try: one failing account never stops the others.

Users choose these servers, so they are treated as hostile: the address policy of webhooks
(app.core.destinations) applies, the connection goes to the address that was checked, no file
path from the user is used, a user sees only a generic error (the log has the details), and
mailboxes are polled concurrently, each within its own time budget, so a slow or silent server
delays only its own mailbox.
"""

from __future__ import annotations

import logging
import os
import queue
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from email.parser import BytesHeaderParser
from email.policy import compat32
from urllib.parse import quote, urlsplit, urlunsplit

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.destinations import Resolver, pin_address, system_resolver
from app.core.mailboxes import connected_key
from app.db import Database, utcnow
from app.errors import Conflict, Invalid, NotFound
from app.inbound.crypto import decrypt, encrypt
from app.inbound.decide import CONVERSATION_KINDS
from app.inbound.lease import Lease
from app.inbound.pipeline import ProcessReport, process_pending
from app.inbound.poller import begin_poll, mailbox_state
from app.inbound.store import store_raw
from app.models import Agreement, ConnectedMailbox, MailboxState, StoredMessage, User
from app.users.addresses import user_addresses
from mail.dkim import DnsLookup
from mail.imap import ImapConfig, ImapMailbox, parse_imap_url
from mail.mailbox import FetchedHeader, FetchedMessage, LoginRefused
from mail.parse_headers import parse_addresses, parse_msgids

log = logging.getLogger("accord.connected")

RECHECK = timedelta(hours=1)
MAX_MAILBOXES = 5
SOURCE = "connected"


# --- connecting -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parsed:
    url: str  # without the secret
    secret: str
    auth: str


def _parse(url: str, password: str | None, oauth2_token: str | None) -> _Parsed:
    try:
        config = parse_imap_url(url)
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise Invalid(f"invalid IMAP URL: {exc}") from None
    if not config.user:
        raise Invalid("the IMAP URL needs a user name, e.g. imaps://me%40example.org@host/INBOX")
    if config.ca_file:
        # A path on Accord's server: whether it exists would show in the poll's error.
        raise Invalid("ca_file is not accepted for a connected mailbox (public CAs only)")
    given = [s for s in (config.password, password, oauth2_token) if s]
    if len(given) != 1:
        raise Invalid("give exactly one secret: a password (in the URL or apart) or oauth2_token")
    host = f"[{config.host}]" if ":" in config.host else config.host
    netloc = f"{quote(config.user, safe='')}@{host}" + (f":{port}" if port else "")
    clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    auth = "xoauth2" if oauth2_token or config.auth == "xoauth2" else "login"
    return _Parsed(clean, given[0], auth)


def connect_mailbox(
    session: Session,
    settings: Settings,
    *,
    user: User,
    url: str,
    password: str | None = None,
    oauth2_token: str | None = None,
) -> ConnectedMailbox:
    """Store a mailbox to read; the secret is encrypted before it reaches the database.

    Its server must be on a public address (app.core.destinations) unless the operator
    allows private ones; it is checked again, and connected to pinned, at each poll."""
    parsed = _parse(url, password, oauth2_token)
    if not settings.mailbox_allow_private:
        config = parse_imap_url(parsed.url)
        pin_address(config.host, config.port, allow_private=False)
    mine = list_mailboxes(session, user=user)
    if any(m.url == parsed.url for m in mine):
        raise Conflict("this mailbox is already connected")
    if len(mine) >= MAX_MAILBOXES:
        raise Invalid(f"a user may connect at most {MAX_MAILBOXES} mailboxes")
    mailbox = ConnectedMailbox(
        user_id=user.id,
        url=parsed.url,
        auth=parsed.auth,
        secret=encrypt(settings, parsed.secret),
        created_at=utcnow(),
    )
    session.add(mailbox)
    session.flush()
    return mailbox


def list_mailboxes(session: Session, *, user: User) -> list[ConnectedMailbox]:
    stmt = select(ConnectedMailbox).where(ConnectedMailbox.user_id == user.id)
    return list(session.scalars(stmt.order_by(ConnectedMailbox.id)))


def get_mailbox(session: Session, *, user: User, mailbox_id: int) -> ConnectedMailbox:
    mailbox = session.get(ConnectedMailbox, mailbox_id)
    if mailbox is None or mailbox.user_id != user.id:
        raise NotFound("no such connected mailbox")
    return mailbox


def replace_secret(
    session: Session,
    settings: Settings,
    *,
    user: User,
    mailbox_id: int,
    password: str | None = None,
    oauth2_token: str | None = None,
) -> ConnectedMailbox:
    """A new password or (refreshed) OAuth2 access token for a connected mailbox."""
    mailbox = get_mailbox(session, user=user, mailbox_id=mailbox_id)
    if bool(password) == bool(oauth2_token):
        raise Invalid("give exactly one of password and oauth2_token")
    mailbox.secret = encrypt(settings, password or oauth2_token or "")
    mailbox.auth = "xoauth2" if oauth2_token else "login"
    mailbox.last_error = None
    return mailbox


def remove_mailbox(session: Session, *, user: User, mailbox_id: int) -> None:
    """Forget the mailbox and its credentials; what was already stored from it stays."""
    mailbox = get_mailbox(session, user=user, mailbox_id=mailbox_id)
    state = session.get(MailboxState, connected_key(mailbox.id))
    if state is not None:
        session.delete(state)
    session.delete(mailbox)
    session.flush()


# --- polling --------------------------------------------------------------------------------


@dataclass
class ConnectedReport:
    mailboxes: int = 0
    polled: int = 0
    examined: int = 0  # header blocks read
    fetched: int = 0  # whole messages read (they name a tracked message)
    stored: int = 0
    errors: dict[int, str] = field(default_factory=dict)
    processed: ProcessReport = field(default_factory=ProcessReport)


@dataclass(frozen=True)
class _Target:
    id: int
    user_id: str
    config: ImapConfig
    own: frozenset[str]


@dataclass(frozen=True)
class _Head:
    uid: int
    message_id: str | None
    sender: str | None
    thread: tuple[str, ...]


def _head(fetched: FetchedHeader) -> _Head:
    try:
        headers = BytesHeaderParser(policy=compat32).parsebytes(fetched.header[:256_000])
        ids = parse_msgids(str(headers.get("Message-ID") or ""))
        senders = parse_addresses([str(v) for v in headers.get_all("From") or []])
        thread = parse_msgids(str(headers.get("In-Reply-To") or "")) + parse_msgids(
            " ".join(str(v) for v in headers.get_all("References") or [])
        )
    except Exception:  # a header we cannot read names no tracked message
        return _Head(fetched.uid, None, None, ())
    return _Head(
        fetched.uid,
        ids[0] if ids else None,
        senders[0][1] if senders else None,
        tuple(thread[:100]),
    )


def _tracked(session: Session, user_id: str, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` belong to the conversation of one of this user's agreements."""
    wanted = list(set(ids))
    if not wanted:
        return set()
    stmt = (
        select(StoredMessage.message_id)
        .join(Agreement, Agreement.id == StoredMessage.agreement_id)
        .where(
            Agreement.owner_id == user_id,
            StoredMessage.message_id.in_(wanted),
            or_(
                StoredMessage.direction == "in",
                and_(StoredMessage.direction == "out", StoredMessage.kind.in_(CONVERSATION_KINDS)),
            ),
        )
    )
    return {m for m in session.scalars(stmt) if m}


def _known(session: Session, ids: Iterable[str]) -> set[str]:
    wanted = list(set(ids))
    if not wanted:
        return set()
    stmt = select(StoredMessage.message_id).where(StoredMessage.message_id.in_(wanted))
    return {m for m in session.scalars(stmt) if m}


def _choose(
    database: Database, settings: Settings, target: _Target, heads: list[_Head]
) -> list[int]:
    """The UIDs worth fetching whole: replies in a tracked thread that Accord lacks."""
    with database.transaction() as session:
        tracked = _tracked(session, target.user_id, (i for h in heads for i in h.thread))
        known = _known(session, (h.message_id for h in heads if h.message_id))
    chosen = []
    for head in heads:
        if not tracked.intersection(head.thread) or head.message_id in known:
            continue
        sender = (head.sender or "").lower()
        local, _, domain = sender.rpartition("@")
        from_accord = (
            domain == settings.tracking_domain and local.split("+", 1)[0] == settings.tracking_local
        )
        if sender in target.own or from_accord:
            continue
        chosen.append(head.uid)
    return chosen


def _store(
    database: Database,
    key: str,
    uidvalidity: int,
    messages: list[FetchedMessage],
    settled_uid: int,
    lease_owner: str,
    mailbox_id: int,
    report: ConnectedReport,
) -> None:
    with database.transaction() as session:
        state = mailbox_state(session, key)
        if state.lease_owner != lease_owner or state.uidvalidity != uidvalidity:
            raise RuntimeError("lost the mailbox lease; another worker polls it now")
        for message in messages:
            row = store_raw(
                session,
                raw=message.raw,
                source=SOURCE,
                mailbox=key,
                uidvalidity=uidvalidity,
                uid=message.uid,
                internaldate=message.internaldate,
                details={"connected_mailbox": mailbox_id},
            )
            report.stored += row is not None
        state.last_uid = max(state.last_uid, settled_uid)


def _settled(heads: list[FetchedHeader], last_uid: int, cutoff: datetime) -> int:
    """The highest UID below which every header is older than ``cutoff`` (never re-read)."""
    settled = last_uid
    for head in heads:
        if head.internaldate >= cutoff:
            break
        settled = head.uid
    return settled


def _poll_target(
    settings: Settings,
    database: Database,
    target: _Target,
    imap: ImapMailbox,
    *,
    lease_owner: str,
    started: datetime,
    recheck: timedelta,
    deadline: float,
    report: ConnectedReport,
    dns: DnsLookup | None = None,
) -> None:
    key = connected_key(target.id)
    status = imap.open()
    last_uid, _ = begin_poll(database, key, status.uidvalidity, started)
    cutoff = started - recheck
    settled_all = True
    for heads in imap.fetch_headers_after(last_uid, uidvalidity=status.uidvalidity):
        report.examined += len(heads)
        chosen = _choose(database, settings, target, [_head(h) for h in heads])
        found = (imap.fetch_one(uid, uidvalidity=status.uidvalidity) for uid in chosen)
        fetched = [m for m in found if m is not None]
        report.fetched += len(fetched)
        settled = _settled(heads, last_uid, cutoff) if settled_all else last_uid
        settled_all = settled_all and settled == heads[-1].uid
        _store(database, key, status.uidvalidity, fetched, settled, lease_owner, target.id, report)
        _merge(
            report.processed,
            process_pending(settings, database, batch_size=settings.ingest_batch_size, dns=dns),
        )
        if time.monotonic() >= deadline:
            # Out of time: what is stored stays, the watermark says where the next poll
            # goes on; synced_through does not move (this poll did not see everything).
            log.info("connected mailbox %s: time budget used, continuing next poll", target.id)
            return
    with database.transaction() as session:
        state = mailbox_state(session, key)
        state.synced_through = max(filter(None, [state.synced_through, started]))
        state.last_error = None


def _targets(settings: Settings, database: Database, report: ConnectedReport) -> list[_Target]:
    targets = []
    with database.transaction() as session:
        for mailbox in session.scalars(select(ConnectedMailbox).order_by(ConnectedMailbox.id)):
            report.mailboxes += 1
            user = mailbox.user
            if user.disabled_at is not None:
                continue
            try:
                config = replace(
                    parse_imap_url(mailbox.url),
                    password=decrypt(settings, mailbox.secret),
                    auth="xoauth2" if mailbox.auth == "xoauth2" else "login",
                    ca_file=None,  # rows stored before ca_file was refused
                )
            except Exception as exc:
                log.warning(
                    "connected mailbox %s unusable: %s: %s", mailbox.id, type(exc).__name__, exc
                )
                mailbox.last_error = report.errors[mailbox.id] = UNDECRYPTABLE
                continue
            targets.append(_Target(mailbox.id, user.id, config, frozenset(user_addresses(user))))
    return _fair_order(targets)


def _fair_order(targets: list[_Target]) -> list[_Target]:
    """Every user's first mailbox before anyone's second: a user with many mailboxes does
    not take all the workers first."""
    rank: dict[str, int] = {}
    ranked = []
    for target in targets:
        rank[target.user_id] = rank.get(target.user_id, -1) + 1
        ranked.append((rank[target.user_id], target.id, target))
    return [t for _, _, t in sorted(ranked, key=lambda r: (r[0], r[1]))]


# What the user sees of a failed poll: enough to act on, nothing about the network behind the
# server (a port that refuses, times out or speaks another protocol all read the same). The
# operator's log has the details.
LOGIN_REFUSED = "the server refused the login: replace the password or token"
UNREACHABLE = "could not read the mailbox; Accord tries again at the next poll"
NOT_ALLOWED = "the server's address cannot be used (it does not resolve to an allowed address)"
UNDECRYPTABLE = "the stored secret cannot be read: replace it"


def user_error(exc: BaseException) -> str:
    if isinstance(exc, LoginRefused):
        return LOGIN_REFUSED
    if isinstance(exc, Invalid):
        return NOT_ALLOWED
    return UNREACHABLE


def _record(
    database: Database, mailbox_id: int, started: datetime, error: str | None, detail: str | None
) -> None:
    with database.transaction() as session:
        mailbox = session.get(ConnectedMailbox, mailbox_id)
        if mailbox is not None:
            mailbox.last_polled_at = started
            mailbox.last_error = error
        if detail is not None:
            mailbox_state(session, connected_key(mailbox_id)).last_error = detail[:2000]


@dataclass(frozen=True)
class _Run:
    settings: Settings
    database: Database
    lease_owner: str
    open_mailbox: Callable[[ImapConfig], ImapMailbox]
    now: Callable[[], datetime]
    recheck: timedelta
    resolve: Resolver
    stopping: threading.Event | None = None
    dns: DnsLookup | None = None  # DKIM keys for Accord's own check (None: dkimpy's own)

    def stopped(self) -> bool:
        return self.stopping is not None and self.stopping.is_set()


def _pinned(run: _Run, config: ImapConfig) -> ImapConfig:
    """The target's configuration, connecting to the one address checked now, with a socket
    timeout no longer than the mailbox's time budget."""
    budget = run.settings.connected_mailbox_seconds
    address = pin_address(
        config.host,
        config.port,
        allow_private=run.settings.mailbox_allow_private,
        resolve=run.resolve,
    )
    return replace(config, address=address, timeout=min(config.timeout, budget))


def _poll_one(run: _Run, target: _Target) -> ConnectedReport:
    """One mailbox, in its own try: whatever it raises is recorded on it and stops no other."""
    report = ConnectedReport()
    if run.stopped():
        return report
    started = run.now()
    deadline = time.monotonic() + run.settings.connected_mailbox_seconds
    # Renewed by its heartbeat while the poll runs: a worker that dies mid-poll holds the
    # mailbox for seconds (and, through its synced_through, deemed acceptances of its
    # owner's captured agreements), not minutes.
    lease = Lease(
        run.database,
        connected_key(target.id),
        run.lease_owner,
        seconds=run.settings.mailbox_lease_seconds,
    )
    if not lease.acquire():
        return report
    imap: ImapMailbox | None = None
    try:
        imap = run.open_mailbox(_pinned(run, target.config))
        _poll_target(
            run.settings,
            run.database,
            target,
            imap,
            lease_owner=run.lease_owner,
            started=started,
            recheck=run.recheck,
            deadline=deadline,
            report=report,
            dns=run.dns,
        )
        report.polled += 1
        _record(run.database, target.id, started, None, None)
    except Exception as exc:
        if run.stopped():
            return report
        detail = f"{type(exc).__name__}: {exc}"
        log.warning("connected mailbox %s (%s) failed: %s", target.id, target.config.host, detail)
        report.errors[target.id] = user_error(exc)
        _record(run.database, target.id, started, report.errors[target.id], detail)
    finally:
        if imap is not None:
            imap.close()
        lease.release()
    return report


def _in_parallel(run: _Run, targets: list[_Target], workers: int) -> list[ConnectedReport]:
    """``_poll_one`` of each target, ``workers`` at a time, taken in the targets' order.

    Daemon threads, not a ThreadPoolExecutor: the interpreter joins an executor's threads at
    exit, so one stuck on a dead server would hold up a stopping worker for its whole socket
    timeout; a stopping worker instead leaves them as a crash would."""
    results = [ConnectedReport() for _ in targets]
    todo: queue.SimpleQueue[tuple[int, _Target]] = queue.SimpleQueue()
    for item in enumerate(targets):
        todo.put(item)

    def work() -> None:
        while True:
            try:
                i, target = todo.get_nowait()
            except queue.Empty:
                return
            results[i] = _poll_one(run, target)

    threads = [
        threading.Thread(target=work, name=f"accord-connected-{n}", daemon=True)
        for n in range(workers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def poll_connected(
    settings: Settings,
    database: Database,
    *,
    lease_owner: str | None = None,
    open_mailbox: Callable[[ImapConfig], ImapMailbox] = ImapMailbox,
    now: Callable[[], datetime] = utcnow,
    recheck: timedelta = RECHECK,
    resolve: Resolver = system_resolver,
    stopping: threading.Event | None = None,
    dns: DnsLookup | None = None,
) -> ConnectedReport:
    """Poll every connected mailbox once, ``connected_poll_workers`` at a time, each within
    ``connected_mailbox_seconds``; errors are recorded per box. Once ``stopping`` is set
    (the worker stops and interrupts the mailboxes in hand), no further mailbox is polled and
    an interrupted one records no error. ``dns`` looks up DKIM keys for Accord's own check,
    the only sender authentication a connected mailbox has (tests pass their own)."""
    report = ConnectedReport()
    run = _Run(
        settings,
        database,
        lease_owner or f"{socket.gethostname()}:{os.getpid()}",
        open_mailbox,
        now,
        recheck,
        resolve,
        stopping,
        dns,
    )
    targets = _targets(settings, database, report)
    if not targets:
        return report
    for part in _in_parallel(run, targets, min(settings.connected_poll_workers, len(targets))):
        _add(report, part)
    return report


def _add(total: ConnectedReport, part: ConnectedReport) -> None:
    total.polled += part.polled
    total.examined += part.examined
    total.fetched += part.fetched
    total.stored += part.stored
    total.errors.update(part.errors)
    _merge(total.processed, part.processed)


def _merge(total: ProcessReport, part: ProcessReport) -> None:
    for status, count in part.by_status.items():
        total.by_status[status] = total.by_status.get(status, 0) + count
