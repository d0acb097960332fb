# shellcheck shell=bash
# Sourced by packaging/build-release.sh: the Debian package, made with dpkg-deb.
#
#   /usr/lib/jfrp/{bin,lib,runtime}            the release tree
#   /usr/bin/jfrps, /usr/bin/jfrpc             symbolic links to its launchers
#   /etc/jfrp/frps.toml, frpc.toml             the example configurations (conffiles)
#   /usr/lib/systemd/system/*.service          jfrps, jfrpc, jfrpc@
#   /usr/share/bash-completion/completions/    and /usr/share/zsh/vendor-completions/
#   /usr/share/man/man1/*.1.gz
#   /usr/share/doc/jfrp/copyright
# and DEBIAN/{control,conffiles,postinst,prerm,postrm} from packaging/debian/.

# Builds the package of release tree $1, version $2, in scratch directory $3, into directory $4;
# prints the package's path.
build_deb() {
  local stage="$1" version="$2" root="$3/root" out="$4" debversion prog page deb
  # A native package: no Debian revision. '~' sorts before anything, so 0.1.0~SNAPSHOT < 0.1.0.
  debversion="${version//-/\~}"
  rm -rf "$root"
  mkdir -p "$root"/{DEBIAN,usr/lib/jfrp,usr/bin,etc/jfrp,usr/lib/systemd/system} \
           "$root"/usr/share/{bash-completion/completions,zsh/vendor-completions,man/man1,doc/jfrp}
  cp -a "$stage/bin" "$stage/lib" "$stage/runtime" "$root/usr/lib/jfrp/"
  for prog in "${PROGRAMS[@]}"; do
    ln -s "../lib/jfrp/bin/$prog" "$root/usr/bin/$prog"
    install -m 0644 "$stage/completion/bash/$prog" "$root/usr/share/bash-completion/completions/$prog"
    install -m 0644 "$stage/completion/zsh/_$prog" "$root/usr/share/zsh/vendor-completions/_$prog"
  done
  install -m 0644 "$stage"/conf/*.toml "$root/etc/jfrp/"
  render_units /usr/bin "$root/usr/lib/systemd/system"
  for page in "$stage"/man/man1/*.1; do
    gzip -9n -c "$page" >"$root/usr/share/man/man1/${page##*/}.gz"
  done
  install -m 0644 "$PACKAGING/debian/copyright" "$root/usr/share/doc/jfrp/copyright"

  (cd "$root" && find etc -type f | sed 's|^|/|' | sort) >"$root/DEBIAN/conffiles"
  install -m 0755 "$PACKAGING/debian/postinst" "$PACKAGING/debian/prerm" "$PACKAGING/debian/postrm" "$root/DEBIAN/"
  sed -e "s|@VERSION@|$debversion|" \
      -e "s|@MAINTAINER@|${JFRP_DEB_MAINTAINER:-jfrp developers <jfrp@localhost>}|" \
      -e "s|@INSTALLED_SIZE@|$(du -sk --exclude=DEBIAN "$root" | cut -f1)|" \
      -e "s|@DEPENDS@|$(deb_depends "$root/usr/lib/jfrp" "$3"), passwd|" \
      "$PACKAGING/debian/control.in" >"$root/DEBIAN/control"

  deb="$out/jfrp_${debversion}_amd64.deb"
  # gzip: xz would make it 20% smaller but takes minutes on two cores.
  dpkg-deb --root-owner-group -Zgzip -z9 --build "$root" "$deb" >/dev/null || die "dpkg-deb failed"
  echo "$deb"
}

# The shared-library dependencies of the native code under $1 (the Java runtime, Netty's
# libraries), as dpkg-shlibdeps computes them from the libraries' symbols; $2 is scratch space.
deb_depends() {
  local dir="$1" tmp="$2/shlibdeps" libs=() d
  mkdir -p "$tmp/debian"
  printf 'Source: jfrp\n\nPackage: jfrp\nArchitecture: amd64\n' >"$tmp/debian/control"
  mapfile -t libs < <(find "$dir" -name '*.so' -type f | sort)
  # -l: libjvm.so and the runtime's other libraries are the package's own.
  d="$(cd "$tmp" && dpkg-shlibdeps -O -l"$dir/runtime/lib" -l"$dir/runtime/lib/server" "${libs[@]/#/-e}" 2>"$tmp/warnings")" \
    || { cat "$tmp/warnings" >&2; die "dpkg-shlibdeps failed"; }
  d="${d#shlibs:Depends=}"
  [[ -n "$d" ]] || die "dpkg-shlibdeps found no dependency"
  echo "$d"
}
