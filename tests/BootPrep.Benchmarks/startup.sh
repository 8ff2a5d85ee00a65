#!/usr/bin/env bash
# Start-up time and size of the NativeAOT binary against the JIT (framework-dependent) build of the same source and a
# NativeAOT "hello, world" (the runtime's own start-up), in one hyperfine run each: `bootprep --version`, and inspect
# of a small directory root that ships in the repo; and the page faults each start-up takes.
#
#   tests/BootPrep.Benchmarks/startup.sh     # see lib.sh for the environment it reads
set -euo pipefail
source "$(dirname "$0")/lib.sh"
needs hyperfine:hyperfine
aot=$(bootprep_binary)
jit=$work/startup-jit
rm -rf "$jit"
dotnet publish "$repo/src/BootPrep.Cli" -c Release -o "$jit" --nologo >/dev/null

# The peer: the smallest NativeAOT program, built once for each SDK.
hello=$work/hello-$(dotnet --version)
if [ ! -x "$hello/bin/hello" ]; then
  rm -rf "$hello"
  dotnet new console -o "$hello" -n hello >/dev/null
  dotnet publish "$hello" -c Release -r linux-x64 -p:PublishAot=true -p:InvariantGlobalization=true -o "$hello/bin" --nologo >/dev/null
fi

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
  -n 'JIT bootprep --version' "$jit/bootprep --version" \
  -n 'NativeAOT hello, world' "$hello/bin/hello"
# Minor page faults of one start-up (the median of 9): what a start-up touches for the first time.
faults() { for _ in $(seq 9); do { /usr/bin/time -f %R "$@" >/dev/null; } 2>&1 | tail -1; done | sort -n | sed -n 5p; }
printf 'NativeAOT bootprep --version\t%s\nJIT bootprep --version\t%s\nNativeAOT hello, world\t%s\n' \
  "$(faults "$aot" --version)" "$(faults "$jit/bootprep" --version)" "$(faults "$hello/bin/hello")" | tee /dev/stderr |
  { if [ -n "${BOOTPREP_BENCH_OUT:-}" ]; then cat > "$BOOTPREP_BENCH_OUT/startup-faults.tsv"; else cat >/dev/null; fi; }
export_as startup-inspect
hyperfine -N --warmup 3 --runs 30 "${exports[@]}" \
  -n 'NativeAOT bootprep inspect' "$aot inspect $root --json" \
  -n 'JIT bootprep inspect' "$jit/bootprep inspect $root --json"
