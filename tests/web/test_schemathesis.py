"""Property-based requests generated from the OpenAPI spec: no request may get a 5xx."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tieline.batch.ingest import ingest
from tieline.store import open_store
from tieline.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
_folder = tempfile.mkdtemp(prefix="tieline-schemathesis-")
_store = open_store(f"sqlite:///{_folder}/examples.db")
ingest(_store, [str(p) for p in sorted((ROOT / "examples").iterdir())])
os.environ.pop("TIELINE_API_TOKEN", None)
app = create_app(_store, api_token="token-for-fuzzing")
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case) -> None:
    # with the token, so that writing (coding posted text) is exercised too
    headers = {"Authorization": "Bearer token-for-fuzzing"}
    case.call_and_validate(headers=headers, checks=[not_a_server_error])
