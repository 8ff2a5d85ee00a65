#!/usr/bin/env bash
# Whole-process comparison on a realistic bootc-style image: bootprep inspect and unpack against
# umoci unpack and against decompression alone (zcat/zstdcat of every layer), measured in one run.
#
#   tests/BootPrep.Benchmarks/compare.sh            # builds the image once (cached), then measures
#   BOOTPREP_BENCH_VARIANTS="gzip gzip48" compare.sh  # which images (default: gzip gzip48 zstd); see lib.sh for the rest
#
# Needs root (debootstrap), and Debian's debootstrap, umoci, skopeo, zstd, hyperfine and time.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${BOOTPREP_BENCH_RUNS:-5}
needs debootstrap:debootstrap umoci:umoci skopeo:skopeo zstd:zstd hyperfine:hyperfine /usr/bin/time:time

build_image() {
  local layout=$work/image-gzip
  [ -f "$layout/index.json" ] && return
  rm -rf "$layout" "$work/build/kernel" "$work/build/uki" "$work/build/bundle"
  mkdir -p "$work/build"
  # Layer 1: a Debian root (about 200 MB).
  [ -d "$work/build/base/usr" ] || debootstrap --variant=minbase bookworm "$work/build/base" >/dev/null
  # Layer 2: Debian's kernel package, as bootc lays it out: usr/lib/modules/<v>/{vmlinuz,initramfs.img,...}.
  ls "$work"/build/linux-image-*.deb >/dev/null 2>&1 || (cd "$work/build" && apt-get download "$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}')" >/dev/null)
  dpkg-deb -x "$work"/build/linux-image-*.deb "$work/build/kernel"
  local version
  version=$(ls "$work/build/kernel/lib/modules")
  mkdir -p "$work/build/kernel/usr/lib/modules"
  mv "$work/build/kernel/lib/modules/$version" "$work/build/kernel/usr/lib/modules/$version"
  rm -rf "$work/build/kernel/lib"
  cp "$work/build/kernel/boot/vmlinuz-$version" "$work/build/kernel/usr/lib/modules/$version/vmlinuz"
  head -c 40M /dev/urandom > "$work/build/kernel/usr/lib/modules/$version/initramfs.img"
  # Layer 3: a UKI-sized file where bootc looks first.
  mkdir -p "$work/build/uki/boot/EFI/Linux"
  cat "$work/build/kernel/usr/lib/modules/$version/vmlinuz" "$work/build/kernel/usr/lib/modules/$version/initramfs.img" \
    > "$work/build/uki/boot/EFI/Linux/$version.efi"

  umoci init --layout "$layout"
  umoci new --image "$layout:latest"
  umoci unpack --rootless --image "$layout:latest" "$work/build/bundle" >/dev/null
  for part in base kernel uki; do
    cp -a "$work/build/$part/." "$work/build/bundle/rootfs/"
    # --refresh-bundle: the next repack stacks a new layer on this one instead of replacing it.
    umoci repack --refresh-bundle --image "$layout:latest" "$work/build/bundle" >/dev/null
  done
  umoci gc --layout "$layout"
  rm -rf "$work/build/bundle"
}

build_gzip48() { # the same root in 48 layers, as an rpm-ostree "chunked" image has
  local layout=$work/image-gzip48
  [ -f "$layout/index.json" ] && return
  python3 "$here/split-image.py" "$work/image-gzip" "$layout" 48
}

build_zstd() {
  local layout=$work/image-zstd
  [ -f "$layout/index.json" ] && return
  skopeo copy --quiet --dest-compress-format zstd --dest-compress "oci:$work/image-gzip:latest" "oci:$layout:latest"
}

layers() { # the layer blobs of a layout, bottom first
  local layout=$1 manifest
  manifest=$(sed -n 's/.*"digest":"sha256:\([0-9a-f]*\)".*/\1/p' "$layout/index.json" | head -1)
  grep -o '"layers":\[.*\]' "$layout/blobs/sha256/$manifest" | grep -o 'sha256:[0-9a-f]*' | sed "s|sha256:|$layout/blobs/sha256/|"
}

build_image
build_gzip48
build_zstd
bootprep=$(bootprep_binary)

results=$work/results.md
: > "$results"
for variant in ${BOOTPREP_BENCH_VARIANTS:-gzip gzip48 zstd}; do
  layout=$work/image-$variant
  cat_tool=zcat
  [ "$variant" = zstd ] && cat_tool=zstdcat
  blobs=$(layers "$layout" | tr '\n' ' ')
  size=$(du -sm "$layout" | cut -f1)
  echo "## $variant image: $(layers "$layout" | wc -l) layers, ${size} MB" >> "$results"
  echo >> "$results"
  commands=(
    -n "$cat_tool of all layers" "$cat_tool $blobs > /dev/null"
    -n "bootprep inspect" "$bootprep inspect oci:$layout:latest --json --no-cache > /dev/null"
    -n "bootprep unpack" "$bootprep unpack --quiet oci:$layout:latest $work/out"
  )
  # Every run starts with nothing left to write back: an unpack's gigabyte of dirty pages, flushed while the next
  # command runs, takes a core from it.
  prepares=(--prepare sync --prepare sync --prepare "rm -rf $work/out; sync")
  if [ "$variant" = zstd ]; then
    commands+=(-n "bootprep inspect (managed zstd)" "BOOTPREP_ZSTD=managed $bootprep inspect oci:$layout:latest --json --no-cache > /dev/null")
    prepares+=(--prepare sync)
  fi
  # Debian's umoci reads gzip layers only.
  if [ "$variant" != zstd ]; then
    commands+=(-n "umoci unpack" "umoci unpack --rootless --image $layout:latest $work/out > /dev/null")
    prepares+=(--prepare "rm -rf $work/out; sync")
  fi
  # hyperfine takes one --prepare per command, in order.
  export_as "compare-$variant"
  hyperfine --runs "$runs" --warmup 1 --export-markdown "$work/$variant.md" "${exports[@]}" "${prepares[@]}" "${commands[@]}" >/dev/null
  cat "$work/$variant.md" >> "$results"
  rss=$(/usr/bin/time -f %M "$bootprep" inspect "oci:$layout:latest" --json --no-cache 2>&1 >/dev/null | tail -1)
  echo >> "$results"
  echo "Peak RSS of bootprep inspect: $((rss / 1024)) MB" >> "$results"
  if [ -n "${BOOTPREP_BENCH_OUT:-}" ]; then
    # layers, size on disk, peak RSS (KB), the layers' compressed and uncompressed bytes (what inspect hashes)
    printf '%s\t%s\t%s\t%s\t%s\n' "$(layers "$layout" | wc -l)" "$(du -sb "$layout" | cut -f1)" "$rss" \
      "$(cat $blobs | wc -c)" "$($cat_tool $blobs | wc -c)" > "$BOOTPREP_BENCH_OUT/compare-$variant.tsv"
  fi
  echo >> "$results"
  rm -rf "$work/out"
done
cat "$results"
