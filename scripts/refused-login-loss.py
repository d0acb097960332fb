#!/usr/bin/env python3
"""A refused Login's answer over a network that loses it once: delivered, or lost to a reset?

Runs inside a network namespace of its own, as root, against a jfrps listening there on 127.0.0.1
with tcpMux off and the login back-off off (the namespace and jfrps are set up by hand, see below).
It connects, then drops every segment jfrps sends that carries data (iptables, IP length > 120: the
answer, never the bare ACK, FIN or RST), sends a Login with a wrong key followed by MORE bytes of
pipelined NewWorkConns, lets 400 ms pass (jfrps answers and the answer is dropped), lifts the drop
and reads: the LoginResp, once jfrps' kernel sends it again, then a FIN; or nothing and a reset,
when jfrps closed with bytes unread (or received more after its close) and its kernel reset the
connection, throwing away the answer it was still to deliver.

    NS=jfrp-loss-$RANDOM; ip netns add $NS; ip -n $NS link set lo up
    printf 'bindAddr = "127.0.0.1"\\nbindPort = 7000\\nauth.token = "right"\\ntransport.tcpMux = false\\n%s\\n' \\
        'jfrp.security.loginFailureLimit = 0' > /tmp/frps.toml
    ip netns exec $NS bin/jfrps -c /tmp/frps.toml &     # then, once it has started:
    ip netns exec $NS scripts/refused-login-loss.py 7000 plain 65536    # or tls; MORE in bytes
    kill %1; ip netns del $NS

Figures (docs/SECURITY.md, "The answer before a close"): before LingeringClose, 16 KiB and more
behind the Login lost the answer in 5 of 5 runs on plain TCP (64 KiB and more over TLS); with it,
every run up to 64 KiB gets the answer; 1 MiB, past the linger's 256 KiB bound, still loses it.
"""
import json
import socket
import ssl
import struct
import subprocess
import sys
import time


def frame(kind, body):
    data = json.dumps(body).encode()
    return kind + struct.pack('>q', len(data)) + data


def main():
    port, tls, more = int(sys.argv[1]), sys.argv[2] == 'tls', int(sys.argv[3])
    login = frame(b'o', {"version": "0.70.0", "os": "linux", "arch": "amd64", "privilege_key": "0" * 32,
                         "timestamp": int(time.time()), "run_id": "", "pool_count": 1})
    pipelined = frame(b'w', {"run_id": "pipelined"})
    payload = login + pipelined * -(-more // len(pipelined))
    s = socket.create_connection(('127.0.0.1', port))
    if tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2  # no session ticket after the handshake to drop
        s = ctx.wrap_socket(s)
    rule = ['OUTPUT', '-p', 'tcp', '--sport', str(port), '-m', 'length', '--length', '121:65535', '-j', 'DROP']
    subprocess.run(['iptables', '-A'] + rule, check=True)
    try:
        try:
            s.sendall(payload)
        except OSError as e:
            print('sending:', e.__class__.__name__, end='; ')
        time.sleep(0.4)
    finally:
        subprocess.run(['iptables', '-D'] + rule, check=True)
    s.settimeout(5)
    got = b''
    try:
        while True:
            data = s.recv(65536)
            if not data:
                break
            got += data
        end = 'FIN'
    except OSError as e:
        end = e.__class__.__name__
    answer = got[9:].decode(errors='replace') if got[:1] == b'1' else 'no answer'
    print(f'{answer} then {end}')


if __name__ == '__main__':
    main()
