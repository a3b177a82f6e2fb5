#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests, if it is missing.
# Playwright cannot download its own browsers on these machines; the tests
# drive /usr/bin/chromium (see tests/browser/conftest.py).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium is missing. Install it with: sudo apt-get install -y chromium" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends chromium >/dev/null \
    || (apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null)
command -v chromium
