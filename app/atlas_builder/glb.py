"""Minimal reader for the plain glTF 2.0 binaries of the anatomy dataset.

Only what the dataset uses: triangle primitives with POSITION and optional indices, node
transforms (matrix or TRS).  Returns vertices in metres in the dataset frame.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_COMPONENT_DTYPES = {5120: np.int8, 5121: np.uint8, 5122: np.int16, 5123: np.uint16, 5125: np.uint32, 5126: np.float32}
_TYPE_SIZES = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4, "MAT4": 16}


@dataclass(frozen=True)
class TriangleMesh:
    name: str
    vertices: np.ndarray  # (n, 3) float64, metres
    faces: np.ndarray  # (m, 3) int64


class GlbError(ValueError):
    """The file is not a readable glTF binary."""


def _read_chunks(data: bytes) -> tuple[dict, bytes]:
    if len(data) < 20 or data[:4] != b"glTF":
        raise GlbError("not a glTF binary (bad magic)")
    json_len, json_type = struct.unpack_from("<II", data, 12)
    if json_type != 0x4E4F534A:
        raise GlbError("first chunk is not JSON")
    doc = json.loads(data[20 : 20 + json_len])
    offset = 20 + json_len
    binary = b""
    if offset + 8 <= len(data):
        bin_len, _bin_type = struct.unpack_from("<II", data, offset)
        binary = data[offset + 8 : offset + 8 + bin_len]
    return doc, binary


def _accessor(doc: dict, binary: bytes, index: int) -> np.ndarray:
    acc = doc["accessors"][index]
    view = doc["bufferViews"][acc["bufferView"]]
    dtype = np.dtype(_COMPONENT_DTYPES[acc["componentType"]])
    width = _TYPE_SIZES[acc["type"]]
    count = acc["count"]
    start = view.get("byteOffset", 0) + acc.get("byteOffset", 0)
    stride = view.get("byteStride") or dtype.itemsize * width
    raw = np.frombuffer(binary, dtype=np.uint8, count=stride * (count - 1) + dtype.itemsize * width, offset=start)
    rows = np.lib.stride_tricks.as_strided(raw, shape=(count, dtype.itemsize * width), strides=(stride, 1))
    return np.ascontiguousarray(rows).view(dtype).reshape(count, width)


def _node_matrix(node: dict) -> np.ndarray:
    if "matrix" in node:
        return np.array(node["matrix"], dtype=np.float64).reshape(4, 4).T
    m = np.eye(4)
    if "scale" in node:
        m = m @ np.diag([*node["scale"], 1.0])
    if "rotation" in node:
        x, y, z, w = node["rotation"]
        r = np.array(
            [
                [1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w), 0],
                [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w), 0],
                [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y), 0],
                [0, 0, 0, 1],
            ]
        )
        m = r @ m
    if "translation" in node:
        t = np.eye(4)
        t[:3, 3] = node["translation"]
        m = t @ m
    return m


def load_glb(path: str | Path) -> list[TriangleMesh]:
    """All meshes in the file, one per node that has a mesh, in world coordinates."""
    data = Path(path).read_bytes()
    doc, binary = _read_chunks(data)
    meshes: list[TriangleMesh] = []
    nodes = doc.get("nodes", [])
    children = {c for n in nodes for c in n.get("children", [])}
    roots = [i for i in range(len(nodes)) if i not in children]

    def visit(index: int, parent: np.ndarray) -> None:
        node = nodes[index]
        world = parent @ _node_matrix(node)
        if "mesh" in node:
            verts_parts, face_parts, base = [], [], 0
            for prim in doc["meshes"][node["mesh"]]["primitives"]:
                if prim.get("mode", 4) != 4:
                    continue
                pos = _accessor(doc, binary, prim["attributes"]["POSITION"]).astype(np.float64)
                if "indices" in prim:
                    idx = _accessor(doc, binary, prim["indices"]).astype(np.int64).reshape(-1, 3)
                else:
                    idx = np.arange(len(pos), dtype=np.int64).reshape(-1, 3)
                homo = np.c_[pos, np.ones(len(pos))] @ world.T
                verts_parts.append(homo[:, :3])
                face_parts.append(idx + base)
                base += len(pos)
            if verts_parts:
                name = node.get("name") or doc["meshes"][node["mesh"]].get("name") or Path(path).stem
                meshes.append(TriangleMesh(name, np.vstack(verts_parts), np.vstack(face_parts)))
        for child in node.get("children", []):
            visit(child, world)

    for root in roots:
        visit(root, np.eye(4))
    return meshes


def write_glb(path: str | Path, meshes: list[TriangleMesh]) -> None:
    """Write meshes as a plain GLB (one node each).  Used by tests to make tiny inputs."""
    binary = bytearray()
    accessors, views, gl_meshes, nodes = [], [], [], []
    for mesh in meshes:
        pos = np.asarray(mesh.vertices, dtype=np.float32)
        idx = np.asarray(mesh.faces, dtype=np.uint32).reshape(-1)
        for arr, kind, comp, target in ((pos, "VEC3", 5126, 34962), (idx, "SCALAR", 5125, 34963)):
            while len(binary) % 4:
                binary.append(0)
            views.append({"buffer": 0, "byteOffset": len(binary), "byteLength": arr.nbytes, "target": target})
            acc = {"bufferView": len(views) - 1, "componentType": comp, "count": int(arr.shape[0]), "type": kind}
            if kind == "VEC3":
                acc["min"], acc["max"] = pos.min(0).tolist(), pos.max(0).tolist()
            accessors.append(acc)
            binary.extend(arr.tobytes())
        gl_meshes.append({"name": mesh.name, "primitives": [{"attributes": {"POSITION": len(accessors) - 2}, "indices": len(accessors) - 1}]})
        nodes.append({"name": mesh.name, "mesh": len(gl_meshes) - 1})
    while len(binary) % 4:
        binary.append(0)
    doc = {"asset": {"version": "2.0"}, "buffers": [{"byteLength": len(binary)}], "bufferViews": views,
           "accessors": accessors, "meshes": gl_meshes, "nodes": nodes, "scenes": [{"nodes": list(range(len(nodes)))}]}
    js = json.dumps(doc).encode()
    js += b" " * (-len(js) % 4)
    total = 12 + 8 + len(js) + 8 + len(binary)
    out = struct.pack("<III", 0x46546C67, 2, total) + struct.pack("<II", len(js), 0x4E4F534A) + js
    out += struct.pack("<II", len(binary), 0x004E4942) + bytes(binary)
    Path(path).write_bytes(out)
