#!/usr/bin/env python3
"""A user-space delay line between two TUN devices, for kernels without sch_netem.

setup.sh creates a persistent TUN device (default name jfrp-tun) in each of the namespaces
jfrp-a and jfrp-b (10.99.0.1/24 and 10.99.0.2/24). This program attaches to both and forwards
every IP packet from one to the other after --delay-ms (each way, so RTT = 2 x delay), optionally
serialised at --rate bits/s behind a queue of at most --limit bytes (packets beyond it are dropped,
as a router queue would). The kernels on both sides run real TCP over it, so congestion and flow
control see the real delay. Nothing leaves the two namespaces.

Run as root. Stops on SIGTERM/SIGINT and prints its counters to stderr.
"""
import argparse
import collections
import ctypes
import fcntl
import os
import selectors
import signal
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
CLONE_NEWNET = 0x40000000
MAX_PACKET = 65536 + 64

libc = ctypes.CDLL(None, use_errno=True)


def setns(fd):
    if libc.setns(fd, CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def open_tun(netns, dev):
    """Attaches to the TUN device `dev` of namespace `netns` (the fd keeps working from any ns)."""
    with open("/run/netns/" + netns, "rb") as ns:
        setns(ns.fileno())
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", dev.encode(), IFF_TUN | IFF_NO_PI))
    return fd


class Direction:
    def __init__(self, name, out_fd, delay, rate, limit):
        self.name = name
        self.out_fd = out_fd
        self.delay = delay
        self.rate = rate  # bytes per second, 0 = unlimited
        self.limit = limit
        self.queue = collections.deque()  # (due, packet)
        self.tx_free = 0.0  # when the emulated serialiser is free again
        self.packets = self.bytes = self.drops = 0

    def arrive(self, packet, now):
        if self.rate:
            backlog = max(0.0, self.tx_free - now) * self.rate
            if backlog + len(packet) > self.limit:
                self.drops += 1
                return
            start = max(now, self.tx_free)
            self.tx_free = start + len(packet) / self.rate
            due = self.tx_free + self.delay
        else:
            due = now + self.delay
        self.queue.append((due, packet))

    def send_due(self, now):
        q = self.queue
        while q and q[0][0] <= now:
            _, packet = q.popleft()
            try:
                os.write(self.out_fd, packet)
                self.packets += 1
                self.bytes += len(packet)
            except BlockingIOError:
                self.drops += 1
            except OSError as e:  # the receiving device went down
                self.drops += 1
                print("delay-link: write %s: %s" % (self.name, e), file=sys.stderr)

    def next_due(self):
        return self.queue[0][0] if self.queue else None


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--netns-a", default="jfrp-a")
    p.add_argument("--netns-b", default="jfrp-b")
    p.add_argument("--dev", default="jfrp-tun")
    p.add_argument("--delay-ms", type=float, default=25.0, help="one-way delay (default 25 ms)")
    p.add_argument("--rate", type=float, default=0, help="bits per second each way, 0 = unlimited")
    p.add_argument("--limit", type=int, default=64 << 20, help="queue bytes before drops when rate-limited")
    p.add_argument("--pidfile")
    args = p.parse_args()

    with open("/proc/self/ns/net", "rb") as home:
        fd_a = open_tun(args.netns_a, args.dev)
        fd_b = open_tun(args.netns_b, args.dev)
        setns(home.fileno())
    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write("%d\n" % os.getpid())

    delay = args.delay_ms / 1000.0
    rate = args.rate / 8.0
    a_to_b = Direction("a->b", fd_b, delay, rate, args.limit)
    b_to_a = Direction("b->a", fd_a, delay, rate, args.limit)
    sel = selectors.DefaultSelector()
    sel.register(fd_a, selectors.EVENT_READ, a_to_b)
    sel.register(fd_b, selectors.EVENT_READ, b_to_a)

    running = [True]

    def stop(*_):
        running[0] = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print("delay-link: %s <-> %s via %s, %.1f ms each way, rate %s" % (
        args.netns_a, args.netns_b, args.dev, args.delay_ms, ("%.0f bit/s" % args.rate) if args.rate else "unlimited"),
        file=sys.stderr, flush=True)
    while running[0]:
        now = time.monotonic()
        dues = [d for d in (a_to_b.next_due(), b_to_a.next_due()) if d is not None]
        timeout = max(0.0, min(dues) - now) if dues else 0.5
        try:
            events = sel.select(timeout)
        except InterruptedError:
            continue
        now = time.monotonic()
        for key, _ in events:
            direction = key.data
            for _ in range(256):
                try:
                    packet = os.read(key.fd, MAX_PACKET)
                except BlockingIOError:
                    break
                except OSError as e:
                    print("delay-link: read: %s" % e, file=sys.stderr)
                    break
                direction.arrive(packet, now)
        now = time.monotonic()
        a_to_b.send_due(now)
        b_to_a.send_due(now)
    for d in (a_to_b, b_to_a):
        print("delay-link: %s forwarded %d packets, %d bytes, dropped %d" % (d.name, d.packets, d.bytes, d.drops),
              file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
