#!/usr/bin/env python3
"""split-image.py SOURCE TARGET LAYERS: writes in TARGET an OCI layout of the image in SOURCE (a layout of gzip
layers) whose first layer is cut into LAYERS - (the source's layer count - 1) layers, the rest kept as they are: the
same root in as many layers as an rpm-ostree "chunked" image has. Each new layer holds a run of the first layer's
entries, with the directories above them, gzip level 6 as umoci writes them; the JSON is compact, as umoci writes it
(compare.sh finds digests with sed).
"""
import gzip
import hashlib
import io
import json
import os
import shutil
import sys
import tarfile

source, target, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(f"{target}/blobs/sha256", exist_ok=True)
with open(f"{target}/oci-layout", "w") as out:
    json.dump({"imageLayoutVersion": "1.0.0"}, out)


def path(digest):
    return digest.replace("sha256:", "blobs/sha256/")


def read(digest):
    with open(f"{source}/{path(digest)}", "rb") as blob:
        return blob.read()


def put(data):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    with open(f"{target}/{path(digest)}", "wb") as out:
        out.write(data)
    return digest


index = json.load(open(f"{source}/index.json"))
manifest = json.loads(read(index["manifests"][0]["digest"]))
config = json.loads(read(manifest["config"]["digest"]))
first, rest = manifest["layers"][0], manifest["layers"][1:]
parts = wanted - len(rest)

with tarfile.open(fileobj=io.BytesIO(gzip.decompress(read(first["digest"]))), mode="r:") as tar:
    members = [(member, tar.extractfile(member).read() if member.isfile() else None) for member in tar.getmembers()]
directories = {member.name.rstrip("/"): member for member, _ in members if member.isdir()}

layers, diff_ids = [], []
size = -(-len(members) // parts)
for start in range(0, len(members), size):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        written = set()
        for member, data in members[start:start + size]:
            parent = os.path.dirname(member.name.rstrip("/"))
            above = []
            while parent and parent not in written and parent in directories:
                above.append(directories[parent])
                parent = os.path.dirname(parent)
            for directory in reversed(above):
                tar.addfile(directory)
                written.add(directory.name.rstrip("/"))
            tar.addfile(member, io.BytesIO(data) if data is not None else None)
            if member.isdir():
                written.add(member.name.rstrip("/"))
    tar_bytes = raw.getvalue()
    diff_ids.append("sha256:" + hashlib.sha256(tar_bytes).hexdigest())
    compressed = gzip.compress(tar_bytes, 6)
    layers.append({"mediaType": first["mediaType"], "digest": put(compressed), "size": len(compressed)})

for layer in rest:
    shutil.copyfile(f"{source}/{path(layer['digest'])}", f"{target}/{path(layer['digest'])}")
config["rootfs"]["diff_ids"] = diff_ids + config["rootfs"]["diff_ids"][1:]
config.pop("history", None)
config_bytes = json.dumps(config, separators=(",", ":")).encode()
manifest["config"].update({"digest": put(config_bytes), "size": len(config_bytes)})
manifest["layers"] = layers + rest
manifest_bytes = json.dumps(manifest, separators=(",", ":")).encode()
with open(f"{target}/index.json", "w") as out:
    json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
               "digest": put(manifest_bytes), "size": len(manifest_bytes),
               "annotations": {"org.opencontainers.image.ref.name": "latest"}}]}, out, separators=(",", ":"))
