#!/usr/bin/env bash
# The one command that sets up and runs every test (README "Quickstart"; .ci/run calls it via `npm test`):
# installs dependencies, makes a Kafka broker and a Schema Registry available (see
# tools/local-services/with-services.sh), runs lint, typecheck and test for every Nx project, and
# stops what it started. Then, unless KAFKA_BROKERS names a broker of the caller's or arguments
# select projects: the smoke, exactly-once and rebalance tests run again on Kafka 3.9, the older
# line we still support; the short chaos run (development/chaos) checks both guarantees under
# kill -9, a broker restart and a member joining and leaving; and the images are built and run with
# podman (tools/containers).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash tools/ensure-dependencies.sh

export NX_DAEMON="${NX_DAEMON:-false}" NX_NO_CLOUD=true NX_TUI=false

# Fetch the broker and registry before the clock of any test starts (cached in ~/.m2 and .cache/).
KAFKA_3_VERSION=3.9.1
if [[ -z "${KAFKA_BROKERS:-}" ]] && ! docker info >/dev/null 2>&1; then
  bash tools/local-services/services.sh fetch
  KAFKA_VERSION="$KAFKA_3_VERSION" bash tools/local-services/services.sh fetch kafka
fi

bash tools/local-services/with-services.sh \
  npx nx run-many -t lint typecheck test --outputStyle=static "$@"

if [[ -n "${KAFKA_BROKERS:-}" || $# -gt 0 ]]; then
  echo "test-everything: KAFKA_BROKERS set or a selection given, so no Kafka $KAFKA_3_VERSION pass" >&2
  exit 0
fi
echo "test-everything: smoke, exactly-once and rebalance tests on Kafka $KAFKA_3_VERSION" >&2
# A run directory of its own, so the services of the main run (if a caller keeps them) stay apart.
KAFKA_VERSION="$KAFKA_3_VERSION" LOCAL_SERVICES_RUN_DIR="$PWD/tools/local-services/.run-kafka-$KAFKA_3_VERSION" \
  bash tools/local-services/with-services.sh \
  bash -c 'cd test && npx vitest run smoke.test.ts kafka-runtime-streaming.test.ts kafka-source.test.ts'

echo "test-everything: short chaos run (npm run chaos -- --short)" >&2
npm run chaos -- --short

echo "test-everything: container images (npm run test:containers)" >&2
npm run test:containers
