"""Hardening (issue 21) item 11: dependencies are pinned with hashes, the pins satisfy
pyproject.toml, the floors exclude versions with published advisories, and the image and
the development setup install from the lock."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)")

# (package, a version with a published advisory that no floor may admit)
ADVISORIES = [
    ("python-multipart", "0.0.17"),  # CVE-2024-53981
    ("cryptography", "42.0.3"),  # CVE-2024-26130
    ("cryptography", "42.0.0"),
    ("jinja2", "3.1.5"),  # CVE-2025-27516
    ("h11", "0.14.0"),  # CVE-2025-43859
    ("starlette", "0.39.2"),  # CVE-2024-47874
    ("dnspython", "2.6.0"),  # CVE-2023-29483
    ("idna", "3.6"),  # CVE-2024-3651
]


def project() -> dict[str, list[Requirement]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {
        "run": [Requirement(r) for r in data["dependencies"]],
        "dev": [Requirement(r) for r in data["optional-dependencies"]["dev"]],
    }


def pins(lock: str) -> dict[str, tuple[Version, int]]:
    """name -> (pinned version, number of hashes) of a lock file."""
    found: dict[str, tuple[Version, int]] = {}
    current = ""
    for line in (ROOT / lock).read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
            found[current] = (Version(match.group(2)), 0)
        elif "--hash=sha256:" in line and current:
            version, hashes = found[current]
            found[current] = (version, hashes + 1)
    return found


@pytest.mark.parametrize(
    ("lock", "groups"), [("requirements.lock", ["run"]), ("requirements-dev.lock", ["run", "dev"])]
)
def test_every_dependency_is_pinned_with_hashes_within_pyproject(
    lock: str, groups: list[str]
) -> None:
    pinned = pins(lock)
    assert pinned, f"{lock} pins nothing"
    assert all(hashes for _, hashes in pinned.values()), "a pin without a hash"
    for group in groups:
        for requirement in project()[group]:
            name = canonicalize_name(requirement.name)
            assert name in pinned, f"{requirement} is not in {lock}: run scripts/lock"
            version, _ = pinned[name]
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{lock} pins {name}=={version}, outside {requirement}: run scripts/lock"
            )


def test_the_run_and_dev_locks_agree() -> None:
    run, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {n: v for n, (v, _) in run.items()} == {n: dev[n][0] for n in run}


@pytest.mark.parametrize(("package", "vulnerable"), ADVISORIES)
def test_no_floor_admits_a_version_with_an_advisory(package: str, vulnerable: str) -> None:
    wanted = {canonicalize_name(r.name): r for r in project()["run"]}
    requirement = wanted[canonicalize_name(package)]
    assert not requirement.specifier.contains(vulnerable), f"{requirement} admits {vulnerable}"


def test_the_image_and_bootstrap_install_from_the_lock_checking_hashes() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--require-hashes --no-deps -r requirements.lock" in dockerfile
    assert re.search(r"pip install --no-deps \.", dockerfile)
    bootstrap = (ROOT / "scripts" / "bootstrap").read_text()
    assert "--require-hashes --no-deps -r requirements-dev.lock" in bootstrap
    assert "--no-deps -e ." in bootstrap
    assert (ROOT / "scripts" / "lock").stat().st_mode & 0o111
