#!/usr/bin/env bash
# Builds every project's image with podman, from its Dockerfile, on BASE_IMAGE (default: the
# offline base of build-base-image.sh), tagged localhost/feature-pipelines/<project> as
# docker-compose.yml names them. Bundles the projects first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

BASE_IMAGE="${BASE_IMAGE:-$(bash tools/containers/build-base-image.sh)}"
export NX_DAEMON="${NX_DAEMON:-false}" NX_NO_CLOUD=true NX_TUI=false

mapfile -t projects < <(for dockerfile in projects/*/Dockerfile; do basename "$(dirname "$dockerfile")"; done)
npx nx run-many -t bundle -p "${projects[@]}" --outputStyle=static >/dev/null

# npm inside the build reaches the registry through the same TLS proxy as the host, if any.
secret=()
ca="${NODE_EXTRA_CA_CERTS:-}"
[[ -n "$ca" && -s "$ca" ]] && secret=(--secret "id=ca-certificates,src=$ca")

for project in "${projects[@]}"; do
  t0=$SECONDS
  podman --runtime runc build --quiet --format docker --network host \
    --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 "${secret[@]}" \
    --build-arg "BASE_IMAGE=$BASE_IMAGE" \
    -f "projects/$project/Dockerfile" -t "localhost/feature-pipelines/$project" . >/dev/null
  echo "[images] localhost/feature-pipelines/$project built in $((SECONDS - t0)) s" >&2
done
