#!/usr/bin/env bash
# Builds jfrp's release: what a user installs on a server that has no JDK and no Maven.
#
#   packaging/build-release.sh [--out DIR] [--no-build] [--no-deb]
#
# Into DIR (default target/release):
#   jfrp-<version>-linux-x86_64.tar.gz   jfrps and jfrpc with a jlink Java runtime (no JDK needed),
#                                        release launchers, example configurations, systemd units,
#                                        bash and zsh completion, man pages, LICENSE, COPYRIGHT
#                                        (the bundled components' licences), INSTALL.md
#   jfrp_<version>_amd64.deb             the same as a Debian package (/usr/lib/jfrp, /usr/bin,
#                                        /etc/jfrp, the units, a jfrp system user, CDS on install)
#   jfrp-<version>/                      the archive's tree, unpacked
#
# --no-build uses the jars already in server/target and client/target instead of running
# `mvn -pl server,client -am package`; --no-deb skips the Debian package.
# Needs: JDK 17 with jmods (JFRP_JDK, else JAVA_HOME, else the JDK of `javac`), Maven, asciidoctor,
# dpkg-deb and dpkg-shlibdeps (dpkg-dev); scripts/install-test-deps.sh installs them all. Maven
# fetches picocli-codegen (the man page generator) from Maven Central the first time.
# The class-data-sharing archives are not in the artifacts: on Java 17 they only work at the path
# they were made at, so bin/jfrp-cds (run by the package's postinst) makes them where installed.
set -euo pipefail

PACKAGING="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(dirname "$PACKAGING")"

# ---- The programs: command name -> main class and Maven module. The one place that names them:
# the launchers, the CDS training, the completion scripts and the man pages all come from here.
PROGRAMS=(jfrps jfrpc)
declare -A MAIN=([jfrps]=io.jfrp.server.cli.Jfrps [jfrpc]=io.jfrp.client.cli.Jfrpc)
declare -A MODULE=([jfrps]=server [jfrpc]=client)

OUT="$ROOT/target/release"
build=yes deb=yes
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) OUT="$(mkdir -p "$2" && cd "$2" && pwd -P)"; shift 2 ;;
    --no-build) build=""; shift ;;
    --no-deb) deb=""; shift ;;
    -h|--help) sed -n '4,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-release.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=packaging/lib/runtime.sh
source "$PACKAGING/lib/runtime.sh"
# shellcheck source=packaging/lib/docs.sh
source "$PACKAGING/lib/docs.sh"
# shellcheck source=packaging/lib/deb.sh
source "$PACKAGING/lib/deb.sh"

step() { echo "== $*" >&2; }
die() { echo "build-release.sh: $*" >&2; exit 1; }

JDK="$(find_jdk17)" || exit 1
WORK="$OUT/work"
rm -rf "$WORK"
mkdir -p "$WORK"

if [[ -n "$build" ]]; then
  step "building the jars: mvn -pl server,client -am package -Dmaven.test.skip=true"
  modules="$(IFS=,; echo "${MODULE[*]}")"
  (cd "$ROOT" && mvn -B -ntp -q -Dstyle.color=never -Dmaven.test.skip=true -pl "$modules" -am package) \
    || die "the Maven build failed"
fi

# The program jar of a module: its target/*.jar (not -sources/-tests/-javadoc).
program_jar() {
  local jars=()
  mapfile -t jars < <(find "$ROOT/$1/target" -maxdepth 1 -name '*.jar' ! -name '*-sources.jar' \
                        ! -name '*-tests.jar' ! -name '*-javadoc.jar' | sort)
  [[ ${#jars[@]} -eq 1 && -d "$ROOT/$1/target/lib" ]] \
    || die "expected one jar and lib/ in $1/target (found ${#jars[@]}); build first or drop --no-build"
  echo "${jars[0]}"
}

# The version, from the server jar's Maven descriptor (as --version reads it).
VERSION="$(jar_version "$(program_jar "${MODULE[jfrps]}")")" || die "no version in the server jar"
NAME="jfrp-$VERSION"
STAGE="$OUT/$NAME"
rm -rf "$STAGE"
mkdir -p "$STAGE"/{bin,lib/native,lib/optional,conf,systemd,completion/bash,completion/zsh,man/man1}
step "jfrp $VERSION with the JDK in $JDK"

# ---- lib/: the jars of both programs (one copy of each shared jar), each program's main class and
# class path, its optional jars in lib/optional (added by the program when a feature needs them:
# io.jfrp.classpath.OptionalJars) listed in lib/<program>.optional, Netty's native libraries
for prog in "${PROGRAMS[@]}"; do
  jar="$(program_jar "${MODULE[$prog]}")"
  {
    echo "${MAIN[$prog]}"
    basename "$jar"
    find "$(dirname "$jar")/lib" -maxdepth 1 -name '*.jar' -printf '%f\n' | sort
  } >"$STAGE/lib/$prog.launch"
  find "$(dirname "$jar")/lib/optional" -maxdepth 1 -name '*.jar' -printf '%f\n' | sort >"$STAGE/lib/$prog.optional"
  for j in "$jar" "$(dirname "$jar")"/lib/*.jar "$(dirname "$jar")"/lib/optional/*.jar; do
    dest="$STAGE/lib"
    [[ "$j" == */lib/optional/* ]] && dest="$STAGE/lib/optional"
    if [[ -f "$dest/$(basename "$j")" ]]; then
      cmp -s "$j" "$dest/$(basename "$j")" || die "two different $(basename "$j") in the programs' class paths"
    else
      cp -p "$j" "$dest/"
    fi
  done
done
extract_netty_natives "$STAGE/lib" "$STAGE/lib/native"
install -m 0644 "$PACKAGING/launcher/jfrp-launch.sh" "$PACKAGING/launcher/jfrp-jvm.sh" "$STAGE/lib/"
install -m 0755 "$ROOT/scripts/make-cds.sh" "$STAGE/lib/"
install -m 0644 "$ROOT/scripts/lib/process-probes.sh" "$STAGE/lib/"  # make-cds.sh sources it
install -m 0755 "$PACKAGING/launcher/jfrps" "$PACKAGING/launcher/jfrpc" "$PACKAGING/launcher/jfrp-cds" "$STAGE/bin/"

# ---- runtime/: the Java modules the programs use, nothing else
class_path_jars=()
for prog in "${PROGRAMS[@]}"; do
  while IFS= read -r j; do class_path_jars+=("$STAGE/lib/$j"); done < <(tail -n +2 "$STAGE/lib/$prog.launch")
  while IFS= read -r j; do class_path_jars+=("$STAGE/lib/optional/$j"); done <"$STAGE/lib/$prog.optional"
done
mapfile -t class_path_jars < <(printf '%s\n' "${class_path_jars[@]}" | sort -u)
modules="$(runtime_modules "${class_path_jars[@]}")" || exit 1
step "jlink runtime with $modules"
make_runtime "$modules" "$STAGE/runtime"

# ---- conf/, systemd/, completion/, man/, LICENSE, COPYRIGHT, INSTALL.md
install -m 0644 "$PACKAGING/conf/frps.toml" "$PACKAGING/conf/frpc.toml" "$STAGE/conf/"
for prog in "${PROGRAMS[@]}"; do
  "$STAGE/bin/$prog" verify -c "$STAGE/conf/${prog#j}.toml" >/dev/null \
    || die "the example ${prog#j}.toml does not pass $prog verify"
done
render_units /usr/local/bin "$STAGE/systemd"
step "completion and man pages from the command model (picocli)"
make_docs "$WORK/docs" "$STAGE"
install -m 0644 "$ROOT/LICENSE" "$STAGE/LICENSE"
install -m 0644 "$PACKAGING/debian/copyright" "$STAGE/COPYRIGHT"
install -m 0644 "$ROOT/docs/install.md" "$STAGE/INSTALL.md"

# ---- the archive: reproducible (sorted, owned by root, files dated by the last commit)
epoch="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}"
ARCHIVE="$OUT/$NAME-linux-x86_64.tar.gz"
step "archive $(basename "$ARCHIVE")"
tar -C "$OUT" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" --clamp-mtime \
  -cf - "$NAME" | gzip -9n >"$ARCHIVE"

if [[ -n "$deb" ]]; then
  DEB="$(build_deb "$STAGE" "$VERSION" "$WORK/deb" "$OUT")"
  step "package $(basename "$DEB")"
fi

rm -rf "$WORK"
echo "$ARCHIVE ($(du -h "$ARCHIVE" | cut -f1))"
[[ -z "$deb" ]] || echo "$DEB ($(du -h "$DEB" | cut -f1))"
