#!/usr/bin/env bash
# Builds the frp stream-wrapping interop peer (frpstream/main.go) offline, in GOPATH mode, against
# Debian's packaged github.com/golang/snappy (the snappy library stock frp uses).
#
# Usage: build.sh [OUTPUT]   (default: <repo>/protocol/target/frpstream)
#
# Needs the Debian packages golang-go and golang-github-golang-snappy-dev.
# Environment overrides: SNAPPY_SRC (snappy source dir), JFRP_GOCACHE (go build cache).
# Exit status 3 if a prerequisite is missing.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../../../.." && pwd)"   # protocol/src/test/go -> repo root

out="${1:-$repo_root/protocol/target/frpstream}"
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"

snappy_src="${SNAPPY_SRC:-/usr/share/gocode/src/github.com/golang/snappy}"

go_bin="$(command -v go || true)"
if [[ -z "$go_bin" && -x /usr/lib/go/bin/go ]]; then
    go_bin=/usr/lib/go/bin/go
fi
if [[ -z "$go_bin" ]]; then
    echo "build.sh: 'go' not found; install the Debian package golang-go (apt-get install golang-go)" >&2
    exit 3
fi
if [[ ! -f "$snappy_src/snappy.go" ]]; then
    echo "build.sh: snappy source not found at $snappy_src; install the Debian package" \
         "golang-github-golang-snappy-dev (apt-get install golang-github-golang-snappy-dev)" >&2
    exit 3
fi

# Private GOPATH containing only a symlink to the packaged snappy source.
gopath="$(mktemp -d /tmp/jfrp-frpstream-gopath.XXXXXX)"
trap 'rm -rf "$gopath"' EXIT
mkdir -p "$gopath/src/github.com/golang"
ln -s "$snappy_src" "$gopath/src/github.com/golang/snappy"

gocache="${JFRP_GOCACHE:-/tmp/jfrp-frpstream-gocache}"
mkdir -p "$gocache"

export GO111MODULE=off
export GOPATH="$gopath"
export GOCACHE="$gocache"
export GOFLAGS=""
export GOPROXY=off
export CGO_ENABLED=0

cd "$script_dir/frpstream"
"$go_bin" vet .
"$go_bin" build -o "$out" .
echo "built $out ($("$go_bin" version))"
