#!/usr/bin/env bash
# Peak RSS and time of `bootprep inspect` (NativeAOT) as entries grow: images of 10,000 to 300,000 empty files in 4
# and in 64 layers, plus a layer with Debian's kernel (entries-image.py), median of 5 runs each. Every run is a first
# inspect, as a user runs it: the layer cache on, in a directory emptied before the run, so every layer is read and
# summarized. With a second binary, both are measured in the same run, alternately, so that both see the same load.
#
#   tests/BootPrep.Benchmarks/memory.sh                      # publishes this tree, measures it
#   tests/BootPrep.Benchmarks/memory.sh /path/to/bootprep    # ... and that binary (say, a build of main) too
#   BOOTPREP_MEM_DIR=/somewhere memory.sh                    # where the images are kept (see lib.sh for the rest)
#
# Needs python3, /usr/bin/time and the Debian kernel fixture (fixtures/debian/build.sh).
set -euo pipefail
BOOTPREP_BENCH_DIR=${BOOTPREP_MEM_DIR:-/var/tmp/bootprep-mem}
source "$(dirname "$0")/lib.sh"
runs=5
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
binaries=("$(bootprep_binary)" "$@")

median() { sort -n | sed -n "$(((runs + 1) / 2))p"; }

printf '| layers | entries |'
for binary in "${binaries[@]}"; do printf ' %s peak RSS | time |' "$binary"; done
printf '\n| ---: | ---: |'
for _ in "${binaries[@]}"; do printf ' ---: | ---: |'; done
printf '\n'
for layers in 4 64; do
  for entries in 10000 50000 150000 300000; do
    image=$work/e$entries-l$layers
    [ -f "$image/index.json" ] || python3 "$here/entries-image.py" "$image" "$entries" "$layers"
    declare -A rss=() ms=()
    for _ in $(seq "$runs"); do
      for binary in "${binaries[@]}"; do
        rm -rf "${cache:?}"/*
        start=$(date +%s%N)
        kb=$( { XDG_CACHE_HOME=$cache /usr/bin/time -f %M "$binary" inspect "oci:$image" --json >/dev/null; } 2>&1 | tail -1)
        rss[$binary]+="$kb "
        ms[$binary]+="$((($(date +%s%N) - start) / 1000000)) "
      done
    done
    printf '| %s | %s |' "$layers" "$entries"
    for binary in "${binaries[@]}"; do
      kb=$(tr ' ' '\n' <<<"${rss[$binary]}" | grep . | median)
      time_ms=$(tr ' ' '\n' <<<"${ms[$binary]}" | grep . | median)
      printf ' %s MB | %s ms |' "$(awk "BEGIN { printf \"%.1f\", $kb / 1024 }")" "$time_ms"
      if [ -n "${BOOTPREP_BENCH_OUT:-}" ] && [ "$binary" = "${binaries[0]}" ]; then
        printf '%s\t%s\t%s\t%s\n' "$layers" "$entries" "$kb" "$time_ms" >> "$BOOTPREP_BENCH_OUT/memory.tsv"
      fi
    done
    printf '\n'
    unset rss ms
  done
done
