"""The JSON Schema of questionnaire files, generated from the pydantic models.

``python -m assessor.schema`` rewrites ``questionnaires/schema.json``; a test fails when the
committed file no longer matches the models.
"""

from __future__ import annotations

import json
from typing import Any

from assessor.model import Questionnaire

SCHEMA_ID = "https://assessor.invalid/schema/questionnaire.json"


def questionnaire_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that questionnaire files follow."""
    schema = Questionnaire.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    """The schema as it is committed: indented JSON with a final newline."""
    return json.dumps(questionnaire_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    """Write the schema next to the bundled questionnaires."""
    from assessor.catalogue import bundled_dir

    target = bundled_dir() / "schema.json"
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
