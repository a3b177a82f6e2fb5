#!/usr/bin/env bash
# Prints the path of a Python >= 3.12 interpreter (the one .python-version selects, if any).
set -euo pipefail
for candidate in python3 python3.12 python3.13 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
        "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
        "$candidate" -c 'import sys; print(sys.executable)'
        exit 0
    fi
done
echo "No Python >= 3.12 found. Install one (e.g. 'pyenv install 3.12') and run make again." >&2
exit 1
