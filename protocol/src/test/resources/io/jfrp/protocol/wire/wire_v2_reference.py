"""Independent reference for the tests of frp wire protocol v2's crypto (jfrp's WireV2Reference).

Written from the byte layout in PROTOCOL.md section 3, on independent implementations: SHA-256 from
hashlib, HKDF-SHA256 and AES-256-GCM from the `cryptography` package, HChaCha20 and
XChaCha20-Poly1305 from libsodium (through ctypes). Reads JSON requests on stdin, one a line, and
writes one JSON answer a line on stdout for each, until stdin ends; byte strings are hex. One process
answers all of a test JVM's requests: each start imports `cryptography`, 0.5 s or more on CI.
"""
import ctypes
import ctypes.util
import hashlib
import json
import sys

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_sodium = None


def sodium():
    global _sodium
    if _sodium is None:
        for name in (ctypes.util.find_library("sodium"), "libsodium.so.23", "libsodium.so.26", "libsodium.so"):
            if not name:
                continue
            try:
                lib = ctypes.CDLL(name)
            except OSError:
                continue
            if lib.sodium_init() < 0:
                raise SystemExit("sodium_init failed")
            _sodium = lib
            break
        else:
            raise SystemExit("libsodium not found (Debian package libsodium23)")
    return _sodium


def hchacha20(key, nonce16):
    out = ctypes.create_string_buffer(32)
    if sodium().crypto_core_hchacha20(out, nonce16, key, None) != 0:
        raise SystemExit("crypto_core_hchacha20 failed")
    return out.raw


def xchacha_seal(key, nonce, aad, plaintext):
    out = ctypes.create_string_buffer(len(plaintext) + 16)
    out_len = ctypes.c_ulonglong()
    rc = sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(
        out, ctypes.byref(out_len), plaintext, ctypes.c_ulonglong(len(plaintext)),
        aad, ctypes.c_ulonglong(len(aad)), None, nonce, key)
    if rc != 0:
        raise SystemExit("xchacha20poly1305 encrypt failed")
    return out.raw[:out_len.value]


def xchacha_open(key, nonce, aad, ciphertext):
    out = ctypes.create_string_buffer(max(1, len(ciphertext) - 16))
    out_len = ctypes.c_ulonglong()
    rc = sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(
        out, ctypes.byref(out_len), None, ciphertext, ctypes.c_ulonglong(len(ciphertext)),
        aad, ctypes.c_ulonglong(len(aad)), nonce, key)
    if rc != 0:
        raise ValueError("tag mismatch")
    return out.raw[:out_len.value]


AEADS = {
    "aes-256-gcm": (12, lambda k, n, a, p: AESGCM(k).encrypt(n, p, a), lambda k, n, a, c: AESGCM(k).decrypt(n, c, a)),
    "xchacha20-poly1305": (24, xchacha_seal, xchacha_open),
}


def transcript(client_hello, server_hello):
    h = hashlib.sha256(b"frp wire v2 crypto transcript")
    for label, payload in ((b"client hello", client_hello), (b"server hello", server_hello)):
        h.update(b"\x00" + label + b"\x00" + len(payload).to_bytes(8, "big") + payload)
    return h.digest()


def derive(secret, salt, algorithm, direction):
    info = ("frp wire v2 control aead %s %s" % (algorithm, direction)).encode("ascii")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(secret)


def seal_stream(algorithm, key, n0, chunks):
    nonce_len, seal, _ = AEADS[algorithm]
    assert len(n0) == nonce_len
    out = bytearray(n0)
    start = int.from_bytes(n0, "big")
    for i, plaintext in enumerate(chunks):
        nonce = (start + i).to_bytes(nonce_len, "big")
        header = (len(plaintext) + 16).to_bytes(4, "big")
        out += header + seal(key, nonce, n0 + header, plaintext)
    return bytes(out)


def open_stream(algorithm, key, stream):
    nonce_len, _, open_ = AEADS[algorithm]
    n0 = stream[:nonce_len]
    start = int.from_bytes(n0, "big")
    pos, records = nonce_len, []
    while pos < len(stream):
        header = stream[pos:pos + 4]
        length = int.from_bytes(header, "big")
        ciphertext = stream[pos + 4:pos + 4 + length]
        if len(ciphertext) != length:
            raise SystemExit("stream ends inside a record")
        nonce = (start + len(records)).to_bytes(nonce_len, "big")
        records.append(open_(key, nonce, n0 + header, ciphertext))
        pos += 4 + length
    return n0, records


def answer(req):
    h = lambda name: bytes.fromhex(req[name])
    cmd = req["cmd"]
    if cmd == "hchacha20":
        res = {"subkey": hchacha20(h("key"), h("nonce")).hex()}
    elif cmd == "seal":
        res = {"ciphertext": AEADS[req["algorithm"]][1](h("key"), h("nonce"), h("aad"), h("plaintext")).hex()}
    elif cmd == "open":
        try:
            res = {"plaintext": AEADS[req["algorithm"]][2](h("key"), h("nonce"), h("aad"), h("ciphertext")).hex()}
        except Exception as e:  # noqa: BLE001 - any failure to open is what the test asks about
            res = {"error": type(e).__name__}
    elif cmd == "keys":
        t = transcript(h("clientHello"), h("serverHello"))
        res = {"transcript": t.hex(),
               "clientToServer": derive(h("secret"), t, req["algorithm"], "client-to-server").hex(),
               "serverToClient": derive(h("secret"), t, req["algorithm"], "server-to-client").hex()}
    elif cmd == "sealStream":
        res = {"stream": seal_stream(req["algorithm"], h("key"), h("n0"),
                                     [bytes.fromhex(c) for c in req["chunks"]]).hex()}
    elif cmd == "openStream":
        n0, records = open_stream(req["algorithm"], h("key"), h("stream"))
        res = {"n0": n0.hex(), "records": [r.hex() for r in records]}
    else:
        raise SystemExit("unknown command " + cmd)
    return res


def main():
    while True:
        line = sys.stdin.readline()
        if not line:
            return
        if line.strip():
            sys.stdout.write(json.dumps(answer(json.loads(line))) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
