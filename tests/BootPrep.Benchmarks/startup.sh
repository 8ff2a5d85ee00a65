#!/usr/bin/env bash
# Start-up time and size of the NativeAOT binary against the JIT (framework-dependent) build of the same source, in
# one hyperfine run each: `bootprep --version`, and inspect of a small directory root that ships in the repo.
#
#   tests/BootPrep.Benchmarks/startup.sh     # see lib.sh for the environment it reads
set -euo pipefail
source "$(dirname "$0")/lib.sh"
needs hyperfine:hyperfine
aot=$(bootprep_binary)
jit=$work/startup-jit
rm -rf "$jit"
dotnet publish "$repo/src/BootPrep.Cli" -c Release -o "$jit" --nologo >/dev/null

aot_size=$(stat -c %s "$aot")
jit_size=$(du -sb "$jit" | cut -f1)
jit_files=$(find "$jit" -type f | wc -l)
echo "NativeAOT binary: $aot_size bytes"
echo "JIT build: $jit_size bytes in $jit_files files (plus the shared .NET runtime)"
[ -n "${BOOTPREP_BENCH_OUT:-}" ] && printf '%s\t%s\t%s\n' "$aot_size" "$jit_size" "$jit_files" > "$BOOTPREP_BENCH_OUT/startup-sizes.tsv"
root=$repo/fixtures/rootfs/vmlinuz
export_as startup-version
hyperfine -N --warmup 3 --runs 30 "${exports[@]}" \
  -n 'NativeAOT bootprep --version' "$aot --version" \
  -n 'JIT bootprep --version' "$jit/bootprep --version"
export_as startup-inspect
hyperfine -N --warmup 3 --runs 30 "${exports[@]}" \
  -n 'NativeAOT bootprep inspect' "$aot inspect $root --json" \
  -n 'JIT bootprep inspect' "$jit/bootprep inspect $root --json"
