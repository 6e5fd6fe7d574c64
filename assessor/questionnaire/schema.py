"""The JSON Schema of questionnaire files, generated from the model.

``make schema`` (:func:`assessor.exchange.schema.main`) writes it to ``questionnaires/schema.json``
beside the exchange file's schema; a test fails when the committed file no longer matches.
"""

from __future__ import annotations

import json
from typing import Any

from assessor.questionnaire.model import Questionnaire

SCHEMA_ID = "https://assessor.invalid/schema/questionnaire.json"


def questionnaire_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that questionnaire files follow."""
    schema = Questionnaire.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    """The schema as it is committed: indented JSON with a final newline."""
    return json.dumps(questionnaire_schema(), indent=2, ensure_ascii=False) + "\n"
