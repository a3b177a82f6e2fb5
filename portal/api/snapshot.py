"""Writes the OpenAPI document to tests/api/openapi.snapshot.json (``make openapi-snapshot``).

Run after a deliberate change of the API contract and commit the file with
the change; ``tests/api/test_openapi_snapshot.py`` fails until then.
"""

import os
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parents[2] / "tests" / "api" / "openapi.snapshot.json"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from portal.api.schema import schema_json

    SNAPSHOT.write_text(schema_json() + "\n", encoding="utf-8")
    print(f"Wrote {SNAPSHOT}")


if __name__ == "__main__":
    main()
