"""The committed JSON Schema matches the pydantic models."""

from __future__ import annotations

import json

from assessor.questionnaire.catalogue import bundled_dir
from assessor.questionnaire.schema import schema_text


def test_committed_schema_matches_the_model() -> None:
    committed = (bundled_dir() / "schema.json").read_text(encoding="utf-8")

    assert committed == schema_text(), "run `make schema` and commit questionnaires/schema.json"


def test_schema_describes_the_contract_fields() -> None:
    schema = json.loads(schema_text())
    item = schema["$defs"]["Item"]["properties"]

    assert set(schema["required"]) >= {"id", "version", "title", "sources", "items"}
    # A profile questionnaire (issue 19) has no dimensions or bands; a scored one needs them.
    assert set(schema["else"]["required"]) == {"dimensions", "bands"}
    assert schema["if"]["properties"]["kind"] == {"const": "profile"}
    assert {"id", "dimension", "kind", "text", "why", "source", "weight", "reverse"} <= set(item)
    assert "show_if" in item
