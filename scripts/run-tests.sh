#!/usr/bin/env bash
# The suite on pytest-xdist workers, in two phases (make test).
#
# Run in one process, pytest-django orders the tests that empty the database
# (transactional tests, live servers) after all others, so their flush never
# meets a test that needs what the migrations put there (the page tree, the
# default site, workflows, groups). Workers take whole files in any order, so
# the suite runs twice: first every test that rolls back, then, on the same
# databases, the ones that flush (marker flushes_db, set in tests/conftest.py).
# TEST_WORKERS=0 runs everything in one process instead.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTEST=${PYTEST:-.venv/bin/pytest}
WORKERS=${TEST_WORKERS:-2}

if [ "$WORKERS" = "0" ]; then
    exec "$PYTEST" "$@"
fi

status=0
for phase in "not flushes_db" "flushes_db"; do
    if [ "$phase" = "flushes_db" ]; then db=(--reuse-db); else db=(--create-db --reuse-db); fi
    "$PYTEST" -n "$WORKERS" --dist loadfile "${db[@]}" -m "$phase" "$@"
    code=$?
    # 5: nothing selected in this phase (a run of a few files); not a failure.
    if [ "$code" -ne 0 ] && [ "$code" -ne 5 ]; then
        status=$code
    fi
done
exit "$status"
