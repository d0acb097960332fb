#!/usr/bin/env bash
# Builds the KCP interop peer (kcppeer/main.go) against Debian's github.com/xtaci/kcp-go (5.6.1)
# and its dependencies (reedsolomon, x/net, x/crypto, ...), all from /usr/share/gocode.
# Usage: build.sh [OUTPUT]   (default: <repo>/kcp/target/kcppeer). Exit 3 if go or kcp-go is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
JFRP_GOPATH_ALL=1 exec bash "$root/scripts/build-go-peer.sh" "$here/kcppeer" github.com/xtaci/kcp-go sess.go \
    golang-github-xtaci-kcp-dev "${1:-$root/kcp/target/kcppeer}"
