"""Shared fixtures: access to the published reference cases in ../shared/reference-cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REFERENCE_CASES = Path(__file__).resolve().parents[1].parent / "shared" / "reference-cases"


def load_reference_case(case_id: str) -> dict:
    """Parse ``<checkout>/../shared/reference-cases/<case_id>.json``."""
    path = REFERENCE_CASES / f"{case_id}.json"
    if not path.exists():  # pragma: no cover - CI always has shared/
        pytest.fail(f"reference case {case_id!r} not found at {path}")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def reference_case():
    """Return a function that loads a reference case by id."""
    return load_reference_case
