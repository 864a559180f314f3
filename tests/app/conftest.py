"""Fixtures for the application: settings on a real database, an API client, users."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database
from app.main import create_app
from app.users import service as users


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=db_url,
        data_dir=tmp_path / "data",
        tracking_address="track@accord.example.com",
        public_url="https://accord.example.com",
        inbound_secret="s3cret-for-tests",
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@dataclass
class Account:
    id: str
    email: str
    key: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


@pytest.fixture
def make_account(settings: Settings) -> Iterator[Callable[..., Account]]:
    database = Database(settings.resolved_database_url)

    def make(
        email: str = "anna@example.org",
        name: str = "Anna Berg",
        tz: str = "Europe/Berlin",
        admin: bool = False,
    ) -> Account:
        with database.transaction() as session:
            user = users.create_user(session, email=email, name=name, timezone=tz, is_admin=admin)
            new = users.create_key(session, user=user)
            return Account(user.id, user.email, new.secret)

    yield make
    database.dispose()


@pytest.fixture
def account(make_account: Callable[..., Account]) -> Account:
    return make_account()
