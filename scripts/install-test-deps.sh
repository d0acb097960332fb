#!/usr/bin/env bash
# Installs, from Debian's packages, everything the test suite and the benchmarks use:
#   maven + JDK 17      the build
#   golang-go +
#   golang-github-hashicorp-yamux-dev   the independent yamux peer the interop tests build
#   golang-github-golang-snappy-dev     Go snappy framing, for the frp stream interop test
#   golang-github-xtaci-kcp-dev         kcp-go 5.6.1 (with reedsolomon, x/net...), the KCP interop peer
#   openssl, python3    independent tools for known-answer tests
#   python3-cryptography, libsodium23   independent HKDF/AES-GCM and XChaCha20-Poly1305 for the wire v2
#                       known-answer tests (protocol/.../wire/wire_v2_reference.py)
#   iproute2            network namespaces and tc netem for the high-latency benchmark
#   iperf3, curl        the tunnel benchmark and the demo (bin/jfrp-demo); curl also drives the
#                       HTTP/HTTPS vhost tests (Host, SNI, --http2-prior-knowledge)
#   nginx-light, wrk    the HTTP server and load generator of bin/jfrp-bench
#   openssh-server      a private sshd (own config and keys) for the `ssh -R` benchmark path
#   chromium, fonts-dejavu-core   headless Chromium loading a page through a vhost (screenshot test)
#                       and the jfrps dashboard (desktop and phone screenshots)
#   prometheus          promtool (`promtool check metrics`) parses and lints jfrps' /metrics
#   haproxy             the load balancer in front of several jfrps (e2e multi, bench failover)
#   asciidoctor, dpkg-dev         the release build (packaging/build-release.sh): man pages from
#                                 picocli's AsciiDoc, the package's library dependencies (dpkg-shlibdeps)
#   zsh, man-db, systemd          the release test (scripts/test-release.sh): zsh completion on a
#                                 pseudo-terminal, `man --warnings`, `systemd-analyze verify`
#   iptables, conntrack the NAT routers of the xtcp netns test (MASQUERADE, random ports) and
#                       flushing their mappings (e2e's nathole.XtcpNetnsTest)
#   dnsutils, dnsmasq-base   dig, and a DNS server the udp/sudp tests start on a loopback port with
#                       their own records (dnsmasq-base: the program without its system service)
#   coturn, stun-server the STUN servers of that test: coturn answers RFC 5780 (OTHER-ADDRESS), stund
#                       RFC 3489 (CHANGED-ADDRESS); the test runs its own inside its namespaces
#   tinyproxy, dante-server  the HTTP and SOCKS5 proxies jfrpc's transport.proxyURL goes through in the
#                       firewall netns test (ThroughFirewallsNetnsTest) and the https proxy test
# Idempotent: packages already present are not fetched again.
set -euo pipefail

packages=(
  maven
  openjdk-17-jdk-headless
  golang-go
  golang-github-hashicorp-yamux-dev
  golang-github-golang-snappy-dev
  golang-github-xtaci-kcp-dev
  openssl
  python3
  python3-cryptography
  libsodium23
  iproute2
  iperf3
  curl
  nginx-light
  wrk
  openssh-server
  openssh-client
  chromium
  fonts-dejavu-core
  asciidoctor
  dpkg-dev
  zsh
  man-db
  systemd
  iptables
  conntrack
  coturn
  stun-server
  prometheus
  haproxy
  tinyproxy
  dante-server
  dnsutils
  dnsmasq-base
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "== installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "== test dependencies present: ${packages[*]}"
