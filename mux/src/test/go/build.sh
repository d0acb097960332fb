#!/usr/bin/env bash
# Builds the yamux interop peer (yamuxpeer/main.go) against Debian's github.com/hashicorp/yamux.
# Usage: build.sh [OUTPUT]   (default: <repo>/mux/target/yamuxpeer). Exit 3 if go or yamux is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
exec bash "$root/scripts/build-go-peer.sh" "$here/yamuxpeer" github.com/hashicorp/yamux session.go \
    golang-github-hashicorp-yamux-dev "${1:-$root/mux/target/yamuxpeer}"
