#!/usr/bin/env bash
# Warm re-inspect against start-up: 'bootprep inspect' of an image whose layers it summarized before, against
# 'bootprep --version' and a cold 'inspect --no-cache', in one hyperfine run (NativeAOT binary). Uses the gzip image
# compare.sh builds and a throw-away cache directory.
#
#   tests/BootPrep.Benchmarks/cache.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${BOOTPREP_BENCH_DIR:-/var/tmp/bootprep-bench}
runs=${BOOTPREP_BENCH_RUNS:-10}
[ -f "$work/image-gzip/index.json" ] || "$here/compare.sh" >/dev/null
command -v hyperfine >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hyperfine

bin=$work/bin/bootprep
if [ ! -x "$bin" ] || [ -n "$(find "$repo/src" -name '*.cs' -newer "$bin" -print -quit)" ]; then
  dotnet publish "$repo/src/BootPrep.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$work/bin" --nologo >/dev/null
fi

cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
image=oci:$work/image-gzip:latest
# The cache is written by the first run; every timed warm run finds it.
XDG_CACHE_HOME=$cache HOME=$cache "$bin" inspect "$image" --json >/dev/null
echo "cache: $(du -sb "$cache" | cut -f1) bytes"
XDG_CACHE_HOME=$cache HOME=$cache hyperfine -N --warmup 2 --runs "$runs" \
  -n "bootprep --version" "$bin --version" \
  -n "bootprep inspect (warm: layers summarized)" "$bin inspect $image --json" \
  -n "bootprep inspect --no-cache (cold)" "$bin inspect $image --json --no-cache"
