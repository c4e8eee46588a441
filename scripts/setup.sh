#!/usr/bin/env bash
# Set up dyad in .venv/ from the hash-pinned lock, then code the founding example article.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
"$PYTHON" - <<'PY'
import sys
if sys.version_info[:2] != (3, 11):
    sys.exit(f"dyad needs Python 3.11, found {sys.version.split()[0]}; set PYTHON=/path/to/python3.11")
PY
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade "pip==25.1.1"
.venv/bin/python -m pip install --quiet --require-hashes -r requirements.lock
.venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
.venv/bin/dyad code examples/japan-centers.txt --date 2024-07-02 --format table
