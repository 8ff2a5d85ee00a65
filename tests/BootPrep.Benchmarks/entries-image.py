#!/usr/bin/env python3
"""entries-image.py DIR ENTRIES LAYERS [KERNEL]: writes an OCI layout in DIR whose LAYERS gzip layers hold ENTRIES
empty files between them (usr/share/pK/dN/file-with-a-longish-name-I.txt, 500 to a directory), plus a last layer
with KERNEL (default: the Debian fixture's vmlinuz) as usr/lib/modules/6.1/vmlinuz. For measuring how inspect's
memory grows with the number of entries: /usr/bin/time -f %M bootprep inspect oci:DIR --json.
"""
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile

directory, entries, layer_count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
kernel = sys.argv[4] if len(sys.argv) > 4 else "/var/tmp/bootprep-debian/vmlinuz"
os.makedirs(f"{directory}/blobs/sha256", exist_ok=True)


def blob(data):
    digest = hashlib.sha256(data).hexdigest()
    with open(f"{directory}/blobs/sha256/{digest}", "wb") as out:
        out.write(data)
    return digest


def layer(write):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        write(tar)
    tar_bytes = raw.getvalue()
    compressed = gzip.compress(tar_bytes, 1)
    return hashlib.sha256(tar_bytes).hexdigest(), blob(compressed), len(compressed)


def files(prefix, count):
    def write(tar):
        for i in range(count):
            info = tarfile.TarInfo(f"usr/share/{prefix}/d{i // 500}/file-with-a-longish-name-{i}.txt")
            tar.addfile(info, io.BytesIO(b""))
    return write


def kernel_layer(tar):
    data = open(kernel, "rb").read()
    info = tarfile.TarInfo("usr/lib/modules/6.1/vmlinuz")
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


layers = [layer(files(f"p{k}", entries // layer_count)) for k in range(layer_count)] + [layer(kernel_layer)]
config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": [f"sha256:{diff}" for diff, _, _ in layers]}}).encode()
config_digest = blob(config)
manifest = json.dumps({
    "schemaVersion": 2,
    "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": f"sha256:{config_digest}", "size": len(config)},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": f"sha256:{digest}", "size": size} for _, digest, size in layers],
}).encode()
manifest_digest = blob(manifest)
with open(f"{directory}/index.json", "w") as out:
    json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": f"sha256:{manifest_digest}", "size": len(manifest)}]}, out)
with open(f"{directory}/oci-layout", "w") as out:
    out.write('{"imageLayoutVersion":"1.0.0"}')
