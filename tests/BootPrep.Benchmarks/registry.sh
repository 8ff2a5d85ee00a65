#!/usr/bin/env bash
# Whole-process comparison for images in a registry: 'bootprep inspect docker://…' (layers streamed, nothing
# written) against 'skopeo copy docker://… oci:DIR' followed by 'bootprep inspect oci:DIR', measured in one
# hyperfine run against Debian's docker-registry on loopback (TLS with a throw-away CA). Uses the gzip image
# compare.sh builds, the same image recompressed by skopeo as zstd:chunked, and the NativeAOT binary. The bytes
# each command fetched are summed from the registry's access log (http.response.written).
#
#   tests/BootPrep.Benchmarks/registry.sh     # prints the hyperfine table and the bytes each side moves
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${BOOTPREP_BENCH_RUNS:-3}
[ -f "$work/image-gzip/index.json" ] || "$here/compare.sh" >/dev/null
needs docker-registry:docker-registry skopeo:skopeo hyperfine:hyperfine openssl:openssl bc:bc
bin=$(bootprep_binary)

registry=$(mktemp -d)
trap 'kill $(cat "$registry/pid" 2>/dev/null) 2>/dev/null; rm -rf "$registry"' EXIT
mkdir -p "$registry/certs"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$registry/key.pem" -out "$registry/certs/ca.crt" -days 1 \
  -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$registry/config.yml" <<CONFIG
version: 0.1
log: {level: info, formatter: text, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $registry/data}}
http: {addr: "127.0.0.1:$port", tls: {certificate: $registry/certs/ca.crt, key: $registry/key.pem}}
CONFIG
docker-registry serve "$registry/config.yml" >"$registry/log" 2>&1 &
echo $! > "$registry/pid"
sleep 1
image=docker://127.0.0.1:$port/bench/os:latest
chunked=docker://127.0.0.1:$port/bench/chunked:latest
[ -f "$work/image-chunked/index.json" ] ||
  skopeo copy --quiet --dest-compress --dest-compress-format zstd:chunked "oci:$work/image-gzip" "oci:$work/image-chunked:latest"
# The same image without its third layer (the UKI-sized file): a vmlinuz image, whose kernel is a small part.
[ -f "$work/image-chunked-vmlinuz/index.json" ] || python3 "$here/drop-last-layer.py" "$work/image-chunked" "$work/image-chunked-vmlinuz"
vmlinuz=docker://127.0.0.1:$port/bench/vmlinuz:latest
skopeo copy --quiet --preserve-digests --dest-tls-verify=false "oci:$work/image-gzip" "$image"
skopeo copy --quiet --preserve-digests --dest-tls-verify=false "oci:$work/image-chunked:latest" "$chunked"
skopeo copy --quiet --preserve-digests --dest-tls-verify=false "oci:$work/image-chunked-vmlinuz:latest" "$vmlinuz"

# The bytes the registry sent while one command ran.
fetched() {
  : > "$registry/log"
  "$@" >/dev/null
  sleep 0.2
  grep -ao 'http.response.written=[0-9]*' "$registry/log" | cut -d= -f2 | paste -sd+ | bc
}
layers() { skopeo inspect --raw --tls-verify=false "$1" | python3 -c 'import json,sys; print(sum(l["size"] for l in json.load(sys.stdin)["layers"]))'; }

copy=$registry/copy
# One row of the bytes table: what the command is, the image's compressed layers, what the registry sent.
row() {
  local label=$1 image=$2
  shift 2
  local compressed sent
  compressed=$(layers "$image")
  sent=$(fetched "$@")
  echo "| $label | $compressed | $sent |"
  [ -n "${BOOTPREP_BENCH_OUT:-}" ] && printf '%s\t%s\t%s\n' "$label" "$compressed" "$sent" >> "$BOOTPREP_BENCH_OUT/registry-bytes.tsv"
  return 0
}
echo "| command | compressed layers | fetched from the registry |"
echo "| --- | ---: | ---: |"
row "bootprep inspect docker://… (gzip)" "$image" "$bin" inspect "$image" --cert-dir "$registry/certs" --json --no-cache
row "bootprep inspect docker://… (zstd:chunked)" "$chunked" "$bin" inspect "$chunked" --cert-dir "$registry/certs" --json --no-cache
row "bootprep inspect docker://… (zstd:chunked, no UKI layer)" "$vmlinuz" "$bin" inspect "$vmlinuz" --cert-dir "$registry/certs" --json --no-cache
row "skopeo copy docker://… oci:DIR (gzip)" "$image" skopeo copy --quiet --src-cert-dir "$registry/certs" "$image" "oci:$copy:latest"
echo
export_as registry
hyperfine --warmup 1 --runs "$runs" "${exports[@]}" \
  -n "bootprep inspect docker:// (gzip)" "$bin inspect $image --cert-dir $registry/certs --json --no-cache >/dev/null" \
  -n "bootprep inspect docker:// (zstd:chunked)" "$bin inspect $chunked --cert-dir $registry/certs --json --no-cache >/dev/null" \
  -n "skopeo copy, then bootprep inspect oci:" "rm -rf $copy && skopeo copy --quiet --src-cert-dir $registry/certs $image oci:$copy:latest && $bin inspect oci:$copy:latest --json --no-cache >/dev/null"
echo "bytes written to disk: bootprep 0; skopeo copy $(du -sb "$copy" | cut -f1)"
