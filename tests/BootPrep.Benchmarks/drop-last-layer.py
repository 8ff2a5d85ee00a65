#!/usr/bin/env python3
"""Copies an OCI layout (blobs hard-linked) without its image's last layer: of the bench image, a vmlinuz image.

    drop-last-layer.py SOURCE-LAYOUT TARGET-LAYOUT
"""
import hashlib
import json
import os
import shutil
import sys

source, target = sys.argv[1:]
shutil.copytree(source, target, copy_function=os.link)


def blob(digest):
    return os.path.join(target, "blobs", *digest.split(":"))


def put(data):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    with open(blob(digest), "wb") as out:
        out.write(data)
    return {"digest": digest, "size": len(data)}


index = json.load(open(os.path.join(target, "index.json")))
manifest = json.load(open(blob(index["manifests"][0]["digest"])))
config = json.load(open(blob(manifest["config"]["digest"])))
manifest["layers"].pop()
config["rootfs"]["diff_ids"].pop()
config.pop("history", None)
manifest["config"].update(put(json.dumps(config).encode()))
index["manifests"][0].update(put(json.dumps(manifest).encode()))
os.unlink(os.path.join(target, "index.json"))  # a hard link to the source's until now
json.dump(index, open(os.path.join(target, "index.json"), "w"))
