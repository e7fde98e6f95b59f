#!/usr/bin/env bash
# The one command that sets up and runs every test (README "Quickstart"; .ci/run calls it via `npm test`):
# installs dependencies, makes a Kafka broker and a Schema Registry available (see
# tools/local-services/with-services.sh), runs lint, typecheck and test for every Nx project, and
# stops what it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash tools/ensure-dependencies.sh

export NX_DAEMON="${NX_DAEMON:-false}" NX_NO_CLOUD=true NX_TUI=false

# Fetch the broker and registry before the clock of any test starts (cached in ~/.m2 and .cache/).
if [[ -z "${KAFKA_BROKERS:-}" ]] && ! docker info >/dev/null 2>&1; then
  bash tools/local-services/services.sh fetch
fi

bash tools/local-services/with-services.sh \
  npx nx run-many -t lint typecheck test --outputStyle=static "$@"
