# shellcheck shell=bash
# Sourced by packaging/build-release.sh: the JDK, the runtime image and the jars' contents.

# The JDK 17 to build with (it must have jmods for jlink): JFRP_JDK, else JAVA_HOME, else the JDK
# that `javac` on PATH belongs to.
find_jdk17() {
  local c javac
  for c in "${JFRP_JDK:-}" "${JAVA_HOME:-}"; do
    [[ -n "$c" ]] || continue
    if is_jdk17 "$c"; then echo "$c"; return 0; fi
    echo "build-release.sh: $c is not a JDK 17 with jmods; looking further" >&2
  done
  javac="$(command -v javac || true)"
  if [[ -n "$javac" ]]; then
    c="$(dirname "$(dirname "$(readlink -f "$javac")")")"
    if is_jdk17 "$c"; then echo "$c"; return 0; fi
  fi
  echo "build-release.sh: no JDK 17 with jmods found; set JFRP_JDK (Debian: apt-get install openjdk-17-jdk-headless)" >&2
  return 1
}

is_jdk17() {
  [[ -x "$1/bin/jlink" && -x "$1/bin/jdeps" && -f "$1/jmods/java.base.jmod" ]] \
    && grep -q '^JAVA_VERSION="17[."]' "$1/release"
}

# The version in a jar's Maven descriptor (META-INF/maven/*/*/pom.properties).
jar_version() {
  local tmp v
  tmp="$(mktemp -d)"
  (cd "$tmp" && "$JDK/bin/jar" xf "$1" META-INF/maven)
  v="$(sed -n 's/^version=//p' "$tmp"/META-INF/maven/*/*/pom.properties | head -n 1)"
  rm -rf "$tmp"
  [[ -n "$v" ]] && echo "$v"
}

# Copies the Linux x86_64 native libraries out of Netty's jars in $1 (epoll, BoringSSL for
# netty-tcnative) into $2. Netty tries java.library.path before extracting a library from its jar
# into the temporary directory, so a release never writes or executes code from /tmp (which a
# hardened server may mount noexec) and starts without unpacking 3 MB.
extract_netty_natives() {
  local tmp jar n=0
  tmp="$(mktemp -d)"
  for jar in "$1"/netty-*linux-x86_64.jar; do
    (cd "$tmp" && "$JDK/bin/jar" xf "$jar" META-INF/native)
  done
  for so in "$tmp"/META-INF/native/*.so; do
    [[ -f "$so" ]] || continue
    install -m 0644 "$so" "$2/"
    n=$((n + 1))
  done
  rm -rf "$tmp"
  [[ $n -gt 0 ]] || { echo "build-release.sh: no native library in Netty's jars" >&2; return 1; }
}

# ---- Which Java modules the runtime holds. jdeps lists what the class path refers to; the lists
# below say, for each module, why it is kept or left out. A module jdeps finds that is in neither
# list stops the build: someone decides, and writes down why.

# Found by jdeps and needed.
declare -A MODULES_KEPT=(
  [java.base]="everything"
  [java.logging]="Bouncy Castle, Jackson and Netty log through java.util.logging when asked"
  [java.naming]="Netty's TLS trust manager reads certificate subject names with javax.naming.ldap.LdapName; logback's JNDI lookups"
  [java.xml]="logback reads a logback.xml given with -Dlogback.configurationFile with SAX"
  [jdk.unsupported]="Netty's direct buffers and queues use sun.misc.Unsafe"
  [java.management]="Micrometer's JVM metrics (memory pools, threads, GC) behind jfrps' Prometheus endpoint"
  [jdk.management]="Micrometer's GC pause and process CPU metrics read com.sun.management beans"
  [java.net.http]="jfrpc's admin commands (reload, status, stop) call its admin API with java.net.http.HttpClient"
  [java.security.jgss]="Apache MINA SSHD (the SSH tunnel gateway) refers to GSS-API in its auth classes; kept so no class of it fails to link"
  [java.rmi]="Apache MINA SSHD refers to java.rmi in its core; kept so no class of it fails to link"
)
# Found by jdeps, never loaded by jfrps or jfrpc.
declare -A MODULES_LEFT_OUT=(
  [java.desktop]="only java.beans: Jackson's @ConstructorProperties support (Jackson goes without when the module is absent) and Typesafe Config's ConfigBeanFactory (unused)"
  [java.sql]="Jackson's java.sql date types and a Bouncy Castle LDAP store helper: neither is used"
  [jdk.jfr]="Netty's optional buffer-allocation events, used only when FlightRecorder.isAvailable()"
)
# Not visible to jdeps (found by name at run time) and needed.
declare -A MODULES_ADDED=(
  [jdk.crypto.ec]="the SunEC provider: EC keys (the self-signed and 'jfrps certs' certificates are EC P-256) and ECDHE/ECDSA in the JDK's TLS; the JDK finds it through java.security"
)

# The comma-separated module list for jars "$@".
runtime_modules() {
  local found m unknown=()
  found="$("$JDK/bin/jdeps" --multi-release 17 --ignore-missing-deps --list-deps "$@" 2>/dev/null \
           | sed 's/^ *//' | grep -E '^(java|jdk)\.[a-z.]+$' | sort -u)" \
    || { echo "build-release.sh: jdeps failed" >&2; return 1; }
  for m in $found; do
    [[ -n "${MODULES_KEPT[$m]:-}" || -n "${MODULES_LEFT_OUT[$m]:-}" ]] || unknown+=("$m")
  done
  if [[ ${#unknown[@]} -gt 0 ]]; then
    echo "build-release.sh: jdeps finds modules no list in packaging/lib/runtime.sh names: ${unknown[*]}." >&2
    echo "  Add each to MODULES_KEPT or MODULES_LEFT_OUT, with the reason." >&2
    return 1
  fi
  for m in "${!MODULES_KEPT[@]}"; do
    [[ " $found " == *[[:space:]]"$m"[[:space:]]* ]] \
      || echo "build-release.sh: note: jdeps no longer finds $m (kept anyway; drop it from MODULES_KEPT if unused)" >&2
  done
  printf '%s\n' "${!MODULES_KEPT[@]}" "${!MODULES_ADDED[@]}" | sort -u | paste -sd, -
}

# A runtime image with modules $1 at $2: no debug attributes, headers or man pages, and a default
# class-data-sharing archive of its own classes (the base the programs' archives build on).
# Not --compress: zipped modules make the release archive larger (gzip does better on the raw
# classes) for 15 MB less on disk.
make_runtime() {
  rm -rf "$2"
  "$JDK/bin/jlink" --add-modules "$1" --output "$2" \
    --strip-debug --no-header-files --no-man-pages --generate-cds-archive >/dev/null
  # The default CDS archive for heaps over 32 GB (no compressed oops): 11 MB a proxy does not need;
  # such a JVM would only start without class-data sharing.
  rm -f "$2/lib/server/classes_nocoops.jsa"
  [[ -x "$2/bin/java" ]]
}
