#!/usr/bin/env bash
# Regenerates docs/performance.md: every benchmark here, each against its peer in the same run, with one published
# binary, and the verdicts against issue 13's targets (performance-doc.py). About 20 minutes on 2 cores; run it on an
# otherwise idle machine.
#
#   sudo tests/BootPrep.Benchmarks/performance.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
needs hyperfine:hyperfine

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
export BOOTPREP_BENCH_OUT=$results
load() { cut -d' ' -f1-3 /proc/loadavg; }
{
  echo "date=$(date -u +%Y-%m-%d)"
  echo "commit=$(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD || echo ' (with changes)')"
  echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "cores=$(nproc)"
  echo "memory=$(free -g | awk '/^Mem:/ { print $2 " GiB" }')"
  # sha256 over 64 KiB blocks, bytes a second: what both digests of a layer cost (OpenSSL, as bootprep uses)
  echo "sha256_rate=$(openssl speed -evp sha256 -bytes 65536 -seconds 2 2>/dev/null | awk '/^sha256/ { sub(/k$/, "", $NF); print $NF * 1000 }')"
  echo "load_before=$(load)"
} > "$results/meta.env"

dotnet publish "$repo/src/BootPrep.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$results/bin" --nologo >/dev/null
export BOOTPREP_BENCH_BIN=$results/bin/bootprep

for part in compare cache memory large-uki registry startup; do
  echo "== $part" >&2
  "$here/$part.sh" >&2
done
echo "== BenchmarkDotNet" >&2
dotnet run -c Release --project "$here" -- --filter '*TarReading*' '*PeHeaders*' '*MergedTreeInsert*' --job short \
  --exporters github --artifacts "$results/bdn" >&2

echo "load_after=$(load)" >> "$results/meta.env"
python3 "$here/performance-doc.py" "$results" > "$results/performance.md"
mv "$results/performance.md" "$repo/docs/performance.md"
echo "wrote docs/performance.md" >&2
