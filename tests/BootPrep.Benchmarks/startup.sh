#!/usr/bin/env bash
# Start-up time and size of the NativeAOT binary against the JIT (framework-dependent) build, measured in the
# same run with hyperfine: `bootprep --version`, and inspect of a small directory root that ships in the repo.
# Usage: tests/BootPrep.Benchmarks/startup.sh [output directory, default /var/tmp/bootprep-startup]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-/var/tmp/bootprep-startup}
rm -rf "$out"
dotnet publish src/BootPrep.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" --nologo >/dev/null
dotnet publish src/BootPrep.Cli -c Release -o "$out/jit" --nologo >/dev/null

echo "NativeAOT binary: $(stat -c %s "$out/aot/bootprep") bytes"
echo "JIT build: $(du -sb "$out/jit" | cut -f1) bytes in $(find "$out/jit" -type f | wc -l) files (plus the shared .NET runtime)"
root=fixtures/rootfs/vmlinuz
hyperfine -N --warmup 3 --runs 30 --export-markdown "$out/version.md" \
  -n 'aot --version' "$out/aot/bootprep --version" \
  -n 'jit --version' "$out/jit/bootprep --version"
hyperfine -N --warmup 3 --runs 30 --export-markdown "$out/inspect.md" \
  -n 'aot inspect' "$out/aot/bootprep inspect $root --json" \
  -n 'jit inspect' "$out/jit/bootprep inspect $root --json"
cat "$out/version.md" "$out/inspect.md"
