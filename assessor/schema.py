"""The JSON Schemas of questionnaire files and exchange files, generated from the models.

``python -m assessor.schema`` (``make schema``) rewrites ``questionnaires/schema.json`` and
``docs/exchange.schema.json`` (see :mod:`assessor.exchange_schema`); tests fail when a
committed file no longer matches the models.
"""

from __future__ import annotations

import json
from pathlib import Path
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


def exchange_schema_path() -> Path:
    """Where the exchange file's schema is committed: ``docs/`` beside the source tree."""
    return Path(__file__).resolve().parent.parent / "docs" / "exchange.schema.json"


def main() -> None:
    """Write the questionnaire schema beside the questionnaires, the exchange one in docs/."""
    from assessor.catalogue import bundled_dir
    from assessor.exchange_schema import exchange_schema_text

    for target, text in (
        (bundled_dir() / "schema.json", schema_text()),
        (exchange_schema_path(), exchange_schema_text()),
    ):
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
