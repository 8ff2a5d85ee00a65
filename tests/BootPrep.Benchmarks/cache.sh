#!/usr/bin/env bash
# Warm re-inspect against start-up: `bootprep inspect` of an image whose layers it summarized before, against
# `bootprep --version` and a cold `inspect --no-cache`, in one hyperfine run per image (NativeAOT binary): the gzip
# image compare.sh builds, and the same without its UKI-sized layer (a vmlinuz image). A throw-away cache directory.
#
#   tests/BootPrep.Benchmarks/cache.sh     # see lib.sh for the environment it reads
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${BOOTPREP_BENCH_RUNS:-10}
[ -f "$work/image-gzip/index.json" ] || "$here/compare.sh" >/dev/null
[ -f "$work/image-gzip-vmlinuz/index.json" ] || python3 "$here/drop-last-layer.py" "$work/image-gzip" "$work/image-gzip-vmlinuz"
needs hyperfine:hyperfine
bin=$(bootprep_binary)

cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
export XDG_CACHE_HOME=$cache HOME=$cache
for variant in gzip gzip-vmlinuz; do
  image=oci:$work/image-$variant:latest
  # The cache is written by the first run; every timed warm run finds it.
  "$bin" inspect "$image" --json >/dev/null
  echo "cache of image-$variant: $(du -sb "$cache" | cut -f1) bytes"
  export_as "cache-${variant#gzip-}"
  hyperfine -N --warmup 2 --runs "$runs" "${exports[@]}" \
    -n "bootprep --version" "$bin --version" \
    -n "bootprep inspect (warm)" "$bin inspect $image --json" \
    -n "bootprep inspect --no-cache (cold)" "$bin inspect $image --json --no-cache"
done
