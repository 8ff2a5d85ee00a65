# Sourced by the benchmark scripts: where the images are kept, which binary is measured, where results go.
#   BOOTPREP_BENCH_DIR  the images (built once, cached); default /var/tmp/bootprep-bench
#   BOOTPREP_BENCH_BIN  the NativeAOT bootprep to measure; default: this tree, published into the bench directory
#   BOOTPREP_BENCH_OUT  a directory the scripts also write their raw results to (performance.sh reads them)
here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${BOOTPREP_BENCH_DIR:-/var/tmp/bootprep-bench}
mkdir -p "$work"

# Prints the path of the binary to measure, publishing this tree first unless BOOTPREP_BENCH_BIN names one.
bootprep_binary() {
  if [ -n "${BOOTPREP_BENCH_BIN:-}" ]; then
    echo "$BOOTPREP_BENCH_BIN"
    return
  fi
  dotnet publish "$repo/src/BootPrep.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$work/bin" --nologo >/dev/null
  echo "$work/bin/bootprep"
}

# Sets `exports` to hyperfine's arguments that also save the run as BOOTPREP_BENCH_OUT/NAME.json, when that is set.
export_as() {
  exports=()
  if [ -n "${BOOTPREP_BENCH_OUT:-}" ]; then
    exports=(--export-json "$BOOTPREP_BENCH_OUT/$1.json")
  fi
}

# Installs the Debian packages whose commands are missing: needs COMMAND:PACKAGE ...
needs() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}
