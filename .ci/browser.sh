#!/usr/bin/env bash
# Installs what tests/test_browser.py needs: Debian's chromium and its driver, and selenium.
# Idempotent: does nothing when they are already there. CI calls it before pytest.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
fi

if ! python -c "import selenium" >/dev/null 2>&1; then
    python -m pip install --quiet "selenium>=4.20"
fi

echo "browser test needs: $(chromium --version 2>/dev/null | head -1); $(chromedriver --version 2>/dev/null | head -1); selenium $(python -c 'import selenium; print(selenium.__version__)')"
