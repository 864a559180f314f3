"""The bare address a person types into a browser leads to the dashboard."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_the_root_redirects_to_the_dashboard(web: TestClient) -> None:
    response = web.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/app"
    page = web.get("/")  # followed: /app, then the sign-in page
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert str(page.url).endswith("/app/login")
