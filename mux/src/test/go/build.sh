#!/usr/bin/env bash
# Builds the yamux interop peer (yamuxpeer/main.go) offline, in GOPATH mode,
# against Debian's packaged github.com/hashicorp/yamux.
#
# Usage: build.sh [OUTPUT]   (default: <repo>/mux/target/yamuxpeer)
#
# Needs the Debian packages golang-go and golang-github-hashicorp-yamux-dev.
# Environment overrides: YAMUX_SRC (yamux source dir), JFRP_GOCACHE (go build cache).
# Exit status 3 if a prerequisite is missing.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../../../.." && pwd)"   # mux/src/test/go -> repo root

out="${1:-$repo_root/mux/target/yamuxpeer}"
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"

yamux_src="${YAMUX_SRC:-/usr/share/gocode/src/github.com/hashicorp/yamux}"

go_bin="$(command -v go || true)"
if [[ -z "$go_bin" && -x /usr/lib/go/bin/go ]]; then
    go_bin=/usr/lib/go/bin/go
fi
if [[ -z "$go_bin" ]]; then
    echo "build.sh: 'go' not found; install the Debian package golang-go (apt-get install golang-go)" >&2
    exit 3
fi
if [[ ! -f "$yamux_src/session.go" ]]; then
    echo "build.sh: yamux source not found at $yamux_src; install the Debian package" \
         "golang-github-hashicorp-yamux-dev (apt-get install golang-github-hashicorp-yamux-dev)" >&2
    exit 3
fi

# Private GOPATH containing only a symlink to the packaged yamux source.
gopath="$(mktemp -d /tmp/jfrp-yamuxpeer-gopath.XXXXXX)"
trap 'rm -rf "$gopath"' EXIT
mkdir -p "$gopath/src/github.com/hashicorp"
ln -s "$yamux_src" "$gopath/src/github.com/hashicorp/yamux"

gocache="${JFRP_GOCACHE:-/tmp/jfrp-yamuxpeer-gocache}"
mkdir -p "$gocache"

export GO111MODULE=off
export GOPATH="$gopath"
export GOCACHE="$gocache"
export GOFLAGS=""
export GOPROXY=off
export CGO_ENABLED=0

cd "$script_dir/yamuxpeer"
"$go_bin" vet .
"$go_bin" build -o "$out" .
echo "built $out ($("$go_bin" version))"
