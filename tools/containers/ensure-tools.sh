#!/usr/bin/env bash
# Installs what tools/containers needs, from Debian, when it is missing: podman (with runc: crun
# cannot apply the resource limits of the containers these machines run in), buildah for
# `podman build`, and mmdebstrap for the offline base image. Idempotent; needs root and apt-get.
set -euo pipefail

missing=()
for tool in podman buildah runc mmdebstrap; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-tools: missing ${missing[*]}; install them (Debian: apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "ensure-tools: apt-get install ${missing[*]} ..." >&2
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
