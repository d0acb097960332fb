#!/usr/bin/env bash
# Builds one of the Go interop peers offline, in GOPATH mode, against a library Debian packages
# under /usr/share/gocode (the tests' independent implementations: hashicorp/yamux, golang/snappy).
#
# Usage: build-go-peer.sh PROGRAM_DIR IMPORT_PATH MARKER_FILE DEBIAN_PACKAGE OUTPUT
#   PROGRAM_DIR     directory of the peer's main package
#   IMPORT_PATH     the library's import path, e.g. github.com/hashicorp/yamux
#   MARKER_FILE     a file that proves the library's source is installed, e.g. session.go
#   DEBIAN_PACKAGE  the package that provides it, named in the error when it is missing
#   OUTPUT          where the binary goes
# Environment: LIB_SRC overrides the library's source directory; JFRP_GOCACHE the build cache;
# JFRP_GOPATH_ALL=1 puts all of /usr/share/gocode on the GOPATH instead of one symlinked library
# (for a library with dependencies of its own, e.g. kcp-go).
# Exit status 3 if go or the library is missing.
set -euo pipefail

program_dir="$(cd "$1" && pwd)"
import_path="$2"
marker="$3"
debian_package="$4"
out="$5"
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
lib_src="${LIB_SRC:-/usr/share/gocode/src/$import_path}"

go_bin="$(command -v go || true)"
if [[ -z "$go_bin" && -x /usr/lib/go/bin/go ]]; then
    go_bin=/usr/lib/go/bin/go
fi
if [[ -z "$go_bin" ]]; then
    echo "build-go-peer.sh: 'go' not found; install the Debian package golang-go (apt-get install golang-go)" >&2
    exit 3
fi
if [[ ! -f "$lib_src/$marker" ]]; then
    echo "build-go-peer.sh: $import_path source not found at $lib_src; install the Debian package" \
         "$debian_package (apt-get install $debian_package)" >&2
    exit 3
fi

# A private GOPATH holding only a symlink to the packaged library source.
gopath="$(mktemp -d /tmp/jfrp-go-peer-gopath.XXXXXX)"
trap 'rm -rf "$gopath"' EXIT
mkdir -p "$gopath/src/$(dirname "$import_path")"
ln -s "$lib_src" "$gopath/src/$import_path"
if [[ "${JFRP_GOPATH_ALL:-}" == 1 ]]; then
    gopath_list="$gopath:/usr/share/gocode"
else
    gopath_list="$gopath"
fi

gocache="${JFRP_GOCACHE:-/tmp/jfrp-go-peer-gocache}"
mkdir -p "$gocache"

export GO111MODULE=off GOPATH="$gopath_list" GOCACHE="$gocache" GOFLAGS="" GOPROXY=off CGO_ENABLED=0

cd "$program_dir"
"$go_bin" vet .
"$go_bin" build -o "$out" .
echo "built $out ($("$go_bin" version))"
