#!/usr/bin/env bash
# Builds the frp stream-wrapping interop peer (frpstream/main.go) against Debian's
# github.com/golang/snappy, the snappy library stock frp uses.
# Usage: build.sh [OUTPUT]   (default: <repo>/protocol/target/frpstream). Exit 3 if go or snappy is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
exec bash "$root/scripts/build-go-peer.sh" "$here/frpstream" github.com/golang/snappy snappy.go \
    golang-github-golang-snappy-dev "${1:-$root/protocol/target/frpstream}"
