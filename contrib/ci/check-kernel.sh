#!/usr/bin/env bash
# Builds an image from a Containerfile with podman (or buildah), saves it as an OCI archive, and checks its
# kernel detection against a JSON file kept in the repository. Exits 1 with a diff when detection changed.
#
#   contrib/ci/check-kernel.sh [CONTEXT] [EXPECTED]       default: . and ci/kernel.json
#   UPDATE=1 contrib/ci/check-kernel.sh                   writes EXPECTED instead of comparing
set -euo pipefail

context=${1:-.}
expected=${2:-ci/kernel.json}
image=localhost/bootprep-check:ci
archive=$(mktemp --suffix=.tar)
trap 'rm -f "$archive"' EXIT

if command -v podman >/dev/null; then
  podman build --tag "$image" "$context"
  podman save --format oci-archive --output "$archive" "$image"
else
  buildah build --tag "$image" "$context"
  buildah push "$image" "oci-archive:$archive"
fi

args=(inspect "oci-archive:$archive" --json --expect "$expected")
if [ "${UPDATE:-0}" = 1 ]; then
  mkdir -p "$(dirname "$expected")"
  args+=(--update)
fi
bootprep "${args[@]}"
