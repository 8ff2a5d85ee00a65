#!/usr/bin/env bash
# A large UKI against one sequential sha256 of it: `bootprep inspect` of a root holding a ~150 MB UKI (systemd's
# stub, Debian's kernel, a 140 MB random .initrd, assembled with objcopy) against `openssl dgst -sha256` of the file,
# in one hyperfine run. inspect hashes the file and each section in one pass; one pass over the file is the floor.
#
#   tests/BootPrep.Benchmarks/large-uki.sh     # see lib.sh for the environment it reads
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${BOOTPREP_BENCH_RUNS:-10}
needs hyperfine:hyperfine objcopy:binutils

debian=$("$repo/fixtures/debian/build.sh")
root=$work/large-uki
uki=$root/boot/EFI/Linux/large.efi
if [ ! -f "$uki" ]; then
  parts=$(mktemp -d)
  trap 'rm -rf "$parts"' EXIT
  head -c 140M /dev/urandom > "$parts/initrd"
  printf 'ID=debian\nVERSION_ID="12"\n' > "$parts/osrel"
  printf 'console=ttyS0 root=/dev/vda2 ro' > "$parts/cmdline"
  mkdir -p "$(dirname "$uki")"
  "$repo/fixtures/debian/assemble-uki.sh" "$debian/stub.efi" "$uki.tmp" .osrel "$parts/osrel" .cmdline "$parts/cmdline" \
    .linux "$debian/vmlinuz" .initrd "$parts/initrd"
  mv "$uki.tmp" "$uki"
fi
bin=$(bootprep_binary)

echo "UKI: $(stat -c %s "$uki") bytes"
[ -n "${BOOTPREP_BENCH_OUT:-}" ] && stat -c %s "$uki" > "$BOOTPREP_BENCH_OUT/large-uki.size"
export_as large-uki
hyperfine -N --warmup 2 --runs "$runs" "${exports[@]}" \
  -n "openssl dgst -sha256" "openssl dgst -sha256 $uki" \
  -n "bootprep inspect" "$bin inspect $root --json --no-cache"
