"""Schemathesis against our own OpenAPI document: no 500s, no responses outside the schema."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation

from app.config import Settings
from app.db import Database
from app.main import create_app
from app.migrate import upgrade
from app.users import service as users

_DATA = Path(tempfile.mkdtemp(prefix="accord-fuzz-"))
_URL = f"sqlite:///{_DATA / 'accord.db'}"
upgrade(_URL)
_db = Database(_URL)
with _db.transaction() as _session:
    _user = users.create_user(_session, email="fuzz@example.org", name="Fuzz", is_admin=True)
    KEY = users.create_key(_session, user=_user).secret
_db.dispose()

APP = create_app(
    # Schemathesis sends a bad key to every operation (expecting 401): more than the
    # production limit of failed attempts a minute (then 429) from its one address.
    Settings(
        database_url=_URL,
        data_dir=_DATA,
        inbound_secret="fuzz-secret",
        auth_failures_per_minute=100_000,
        _env_file=None,  # type: ignore[call-arg]
    )
)
# Invalid data must be refused; a body over the request size limit is refused with 413 before
# it is validated, which is as much a refusal as a 422 (schemathesis's list, plus 413).
CONFIG = SchemathesisConfig.from_str(
    """
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422",
                     "428", "429", "5xx"]
"""
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_responses_match_the_schema(case: schemathesis.Case) -> None:
    # Schema-valid bodies may still break business rules (a deadline in the past, both
    # deadline and respond_within): refusing those with a 4xx problem is correct, so only
    # the "positive data is accepted" check is left out. Every response must match the
    # schema and no request may cause a 5xx.
    #
    # A case whose headers are deliberately wrong (Authorization left out) keeps them: with
    # our key added it would be a valid request, answered 200, and "accepted negative data".
    headers_info = case.meta.components.get(ParameterLocation.HEADER) if case.meta else None
    negative_headers = headers_info is not None and headers_info.mode == GenerationMode.NEGATIVE
    case.call_and_validate(
        headers=None if negative_headers else {"Authorization": f"Bearer {KEY}"},
        excluded_checks=[positive_data_acceptance],
    )
