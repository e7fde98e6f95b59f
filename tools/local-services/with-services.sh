#!/usr/bin/env bash
# Runs a command with a Kafka broker and a Schema Registry available to it:
#   - KAFKA_BROKERS and SCHEMA_REGISTRY_URL already set: use them;
#   - else a reachable Docker engine: leave them unset, the tests start Testcontainers;
#   - else start the native services (tools/local-services/services.sh), export their addresses,
#     and stop them when the command ends, whether it passed or failed.
# Services that were already running before are reused and left running.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
services="$here/services.sh"

if [[ $# -eq 0 ]]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

if [[ -n "${KAFKA_BROKERS:-}" && -n "${SCHEMA_REGISTRY_URL:-}" ]]; then
  echo "with-services: using KAFKA_BROKERS=$KAFKA_BROKERS SCHEMA_REGISTRY_URL=$SCHEMA_REGISTRY_URL" >&2
  exec "$@"
fi

if [[ "${FP_USE_TESTCONTAINERS:-auto}" != "never" ]] && docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; then
  echo "with-services: a Docker engine is reachable; the tests start Kafka and the registry with Testcontainers" >&2
  exec "$@"
fi

started_here=false
if ! bash "$services" status >/dev/null 2>&1; then
  started_here=true
fi

stop_services() {
  local status=$?
  if [[ "$started_here" == true ]]; then
    echo "with-services: stopping the services started for this run" >&2
    bash "$services" stop >&2 || true
  fi
  exit "$status"
}
trap stop_services EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "with-services: starting native Kafka and Schema Registry (no Docker engine here)" >&2
bash "$services" start >&2
# shellcheck disable=SC1090
eval "$(bash "$services" env)"
export KAFKA_BROKERS SCHEMA_REGISTRY_URL
echo "with-services: KAFKA_BROKERS=$KAFKA_BROKERS SCHEMA_REGISTRY_URL=$SCHEMA_REGISTRY_URL" >&2

"$@"
