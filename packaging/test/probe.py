#!/usr/bin/env python3
"""Network helpers of scripts/test-release.sh (standard library only).

  probe.py free-ports N                  N distinct free TCP ports on 127.0.0.1, one per line
  probe.py echo-server PORT              echo every connection on 127.0.0.1:PORT until killed
                                         (half-close aware: EOF in, then EOF out)
  probe.py wait-port PORT T0_NS SECONDS [PID]
                                         poll 127.0.0.1:PORT every 5 ms until it accepts; print
                                         the milliseconds since T0_NS (a `date +%s%N` taken just
                                         before the program was started) and, with PID, the CPU
                                         milliseconds (user + system, all threads) that process
                                         had used by then; exit 1 after SECONDS
  probe.py echo-check PORT BYTES CONNS   CONNS concurrent connections each send BYTES random bytes
                                         and read them back; exit 1 unless every SHA-256 matches
"""
import hashlib
import os
import socket
import sys
import threading
import time


def free_ports(n):
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
    for s in socks:
        print(s.getsockname()[1])
        s.close()


def echo_server(port):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(128)

    def serve(conn):
        with conn:
            while True:
                data = conn.recv(65536)
                if not data:
                    conn.shutdown(socket.SHUT_WR)
                    return
                conn.sendall(data)

    while True:
        conn, _ = srv.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


def cpu_ms(pid):
    """utime + stime of a process, from /proc/PID/stat (fields 14 and 15, in clock ticks)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return round((int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK"))


def wait_port(port, t0_ns, seconds, pid=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            wall = round((time.time_ns() - t0_ns) / 1e6)
            print(wall if pid is None else f"{wall} {cpu_ms(pid)}")
            return 0
        except OSError:
            time.sleep(0.005)
    print(f"127.0.0.1:{port} did not accept within {seconds} s", file=sys.stderr)
    return 1


def echo_check(port, size, conns):
    failures = []

    def one(i):
        payload = os.urandom(size)
        want = hashlib.sha256(payload).hexdigest()
        got = hashlib.sha256()
        n = 0
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
                s.settimeout(30)
                sender = threading.Thread(target=lambda: (s.sendall(payload), s.shutdown(socket.SHUT_WR)))
                sender.start()
                while True:
                    data = s.recv(65536)
                    if not data:
                        break
                    got.update(data)
                    n += len(data)
                sender.join()
        except OSError as e:
            failures.append(f"connection {i}: {e}")
            return
        if got.hexdigest() != want:
            failures.append(f"connection {i}: {n} of {size} bytes back, sha256 {got.hexdigest()} != {want}")

    threads = [threading.Thread(target=one, args=(i,)) for i in range(conns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for f in failures:
        print(f, file=sys.stderr)
    if not failures:
        print(f"{conns} x {size} bytes echoed through 127.0.0.1:{port}, SHA-256 equal")
    return 1 if failures else 0


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "free-ports":
        free_ports(int(argv[2]))
        return 0
    if cmd == "echo-server":
        echo_server(int(argv[2]))
        return 0
    if cmd == "wait-port":
        return wait_port(int(argv[2]), int(argv[3]), float(argv[4]), int(argv[5]) if len(argv) > 5 else None)
    if cmd == "echo-check":
        return echo_check(int(argv[2]), int(argv[3]), int(argv[4]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
