#!/usr/bin/env python3
"""Removes wasm-streams' exported classes from a wasm-bindgen build: WASM GLUE (both rewritten).

Leptos always enables server_fn's "browser" feature, which brings wasm-streams, whose
#[wasm_bindgen] classes (IntoUnderlyingSource, IntoUnderlyingByteSource, IntoUnderlyingSink)
are exported by every module built with it. Nothing in Stele or in the loader constructs them:
Rust never creates them (the glue has no `__wrap` for them), and they are JS-constructed
classes no script of ours imports. Their exports keep their code alive through wasm-opt, so
they are dropped here and wasm-opt then removes the code (about 1.3 KB brotli per module).

Checked afterwards: no export or class of theirs is left, and every `wasm.name` the glue uses
is still an export of the module. A wasm-bindgen release that writes them differently fails
here, loudly, instead of shipping a broken glue.
"""
import re
import sys

DROPPED = re.compile(rb"^(__wbg_)?intounderlying")


def leb(data, i):
    result = shift = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, i


def uleb(n):
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def rewrite_exports(data):
    """The module without the dropped exports, and the names of the exports kept."""
    assert data[:4] == b"\0asm", "not a wasm module"
    out, i, kept = bytearray(data[:8]), 8, []
    while i < len(data):
        section = data[i]
        size, start = leb(data, i + 1)
        body = data[start:start + size]
        if section == 7:
            count, j = leb(body, 0)
            entries = []
            for _ in range(count):
                length, k = leb(body, j)
                name = body[k:k + length]
                _, end = leb(body, k + length + 1)  # kind byte, then index
                if not DROPPED.match(name):
                    entries.append(body[j:end])
                    kept.append(name.decode())
                j = end
            body = uleb(len(entries)) + b"".join(entries)
        out += bytes([section]) + uleb(len(body)) + body
        i = start + size
    return bytes(out), kept


def rewrite_glue(js):
    classes = r"IntoUnderlying(?:ByteSource|Source|Sink)"
    js, removed = re.subn(
        r"export class (%s) \{\n.*?\n\}\nif \(Symbol\.dispose\) \1\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;\n" % classes,
        "", js, flags=re.S)
    assert removed == 3, f"expected 3 wasm-streams classes in the glue, found {removed}"
    js, removed = re.subn(
        r"const (%s)Finalization = \(typeof FinalizationRegistry === 'undefined'\)\n[^\n]*\n[^\n]*\n" % classes, "", js)
    assert removed == 3, f"expected 3 wasm-streams finalization registries, found {removed}"
    return js


def main(wasm_path, glue_path):
    with open(wasm_path, "rb") as f:
        wasm, kept = rewrite_exports(f.read())
    with open(glue_path, encoding="utf-8") as f:
        glue = rewrite_glue(f.read())
    left = re.findall(r"intounderlying", glue, flags=re.I)
    assert not left, "the glue still names wasm-streams' classes"
    missing = sorted(set(re.findall(r"\bwasm\.(\w+)", glue)) - set(kept))
    assert not missing, f"the glue uses exports the module lacks: {missing}"
    with open(wasm_path, "wb") as f:
        f.write(wasm)
    with open(glue_path, "w", encoding="utf-8") as f:
        f.write(glue)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
