#!/usr/bin/env bash
# Installs exactly what package-lock.json says when needed: on a fresh clone, in CI, or when the
# lockfile is newer than the installed tree. Sourced or run by the README's one-line commands.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ "${CI:-}" == "true" || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
