#!/usr/bin/env bash
# `npm run test:containers`: builds the offline base image and every project's image with podman,
# then runs test/containers/ against the native Kafka and registry (started here if none is
# configured, as for `npm test`): the card-features and flight-importer containers become ready,
# write their output, run as non-root, exit 0 on SIGTERM, and keep their state on a volume.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
t0=$SECONDS

bash tools/ensure-dependencies.sh
bash tools/containers/ensure-tools.sh
bash tools/containers/build-images.sh
echo "[containers] images ready after $((SECONDS - t0)) s" >&2

# The containers reach the broker on the host network: always the native services, never Testcontainers.
export FP_USE_TESTCONTAINERS=never
bash tools/local-services/with-services.sh \
  bash -c 'cd test && npx vitest run --config vitest.containers.config.ts'
echo "[containers] done in $((SECONDS - t0)) s" >&2
