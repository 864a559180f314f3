"""Route declarations that families of routes share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from fastapi.types import DecoratedCallable

from app.api.problems import PROBLEM

# What a change to something the user owns can meet: it is not theirs (or not there), its
# state does not allow the change, or the input is invalid.
CHANGE_PROBLEMS: dict[int | str, dict[str, Any]] = {404: PROBLEM, 409: PROBLEM, 422: PROBLEM}


def change(
    router: APIRouter,
    path: str,
    *,
    response_model: type[Any],
    summary: str,
    name: str | None = None,
) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """Declare a POST that changes something the user owns and answers with its new view."""
    return router.post(
        path, response_model=response_model, responses=CHANGE_PROBLEMS, summary=summary, name=name
    )
