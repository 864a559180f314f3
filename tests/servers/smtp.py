"""Fixtures for a real server used by the tests (filled in by its owner)."""
