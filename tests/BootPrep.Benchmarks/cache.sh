#!/usr/bin/env bash
# Warm re-inspect against start-up: 'bootprep inspect' of an image whose layers and kernel it described before,
# against 'bootprep --version' and a cold 'inspect --no-cache', in one hyperfine run (NativeAOT binary). Uses the gzip
# image compare.sh builds (a UKI-sized file of 48 MB) and, when registry.sh has made it, the zstd vmlinuz image
# without that layer, each with a throw-away cache directory.
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
names=(image-gzip)
[ -f "$work/image-chunked-vmlinuz/index.json" ] && names+=(image-chunked-vmlinuz)
commands=(-n "bootprep --version" "$bin --version")
for name in "${names[@]}"; do
  image=oci:$work/$name:latest
  # The cache is written by the first run; every timed warm run finds it.
  XDG_CACHE_HOME=$cache "$bin" inspect "$image" --json >/dev/null
  commands+=(-n "bootprep inspect $name (warm)" "$bin inspect $image --json"
             -n "bootprep inspect $name --no-cache (cold)" "$bin inspect $image --json --no-cache")
done
echo "cache: $(du -sb "$cache" | cut -f1) bytes; $(uptime)"
XDG_CACHE_HOME=$cache hyperfine -N --warmup 2 --runs "$runs" "${commands[@]}"
echo "$(uptime)"
