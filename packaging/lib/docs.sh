# shellcheck shell=bash
# Sourced by packaging/build-release.sh: shell completion, man pages and systemd units.

# Bash and zsh completion and man pages for every program, generated from its picocli command
# model by running picocli's generators against the main classes:
#   picocli.AutoComplete                                   a bash completion script (zsh loads it
#                                                          through bashcompinit)
#   picocli.codegen.docgen.manpage.ManPageGenerator       AsciiDoc pages, one per (sub)command,
#                                                          made into man pages by asciidoctor
# $1: a scratch directory; $2: the release tree (writes completion/ and man/man1/ in it).
make_docs() {
  local work="$1" stage="$2" prog cp picocli codegen page src
  command -v asciidoctor >/dev/null || die "asciidoctor is needed for the man pages (apt-get install asciidoctor)"
  mkdir -p "$work/adoc"
  # picocli-codegen of the same version as the programs' picocli, from Maven Central.
  picocli="$(sed -n 's/^picocli-\([0-9][0-9.]*\)\.jar$/\1/p' "$stage/lib/jfrps.launch")"
  [[ -n "$picocli" ]] || die "picocli is not on jfrps's class path"
  (cd "$ROOT" && mvn -B -ntp -q -Dstyle.color=never -N dependency:copy -Dartifact="info.picocli:picocli-codegen:$picocli" \
     -DoutputDirectory="$work/codegen") || die "could not get picocli-codegen $picocli"
  codegen="$work/codegen/picocli-codegen-$picocli.jar"
  for prog in "${PROGRAMS[@]}"; do
    cp="$(tail -n +2 "$stage/lib/$prog.launch" | sed "s|^|$stage/lib/|" | paste -sd: -)"
    "$JDK/bin/java" -cp "$cp" picocli.AutoComplete --force -n "$prog" -o "$work/$prog.bash" "${MAIN[$prog]}" \
      || die "picocli.AutoComplete failed for $prog"
    install -m 0644 "$work/$prog.bash" "$stage/completion/bash/$prog"
    zsh_completion "$prog" "$work/$prog.bash" >"$stage/completion/zsh/_$prog"
    "$JDK/bin/java" -cp "$cp:$codegen" picocli.codegen.docgen.manpage.ManPageGenerator --exit \
      -d "$work/adoc" "${MAIN[$prog]}" || die "ManPageGenerator failed for $prog"
  done
  # A page written in packaging/man/ wraps the generated one of the same name (adding exit status,
  # files, see also); the others (the subcommands) are used as generated.
  for page in "$work"/adoc/*.adoc; do
    src="$PACKAGING/man/$(basename "$page")"
    [[ -f "$src" ]] || src="$page"
    asciidoctor --backend=manpage --destination-dir="$stage/man/man1" \
      -a generated="$work/adoc" -a mansource="jfrp $VERSION" -a manmanual="jfrp Manual" \
      --failure-level=WARN "$src" || die "asciidoctor failed on $(basename "$page")"
  done
  for prog in "${PROGRAMS[@]}"; do
    [[ -s "$stage/man/man1/$prog.1" ]] || die "no man page $prog.1"
  done
}

# The zsh completion file _$1 (for a directory in zsh's fpath, e.g. /usr/share/zsh/vendor-completions):
# zsh runs the file as the function _$1 on the first completion of $1; it loads zsh's bash
# completion emulation and picocli's script, whose `complete -F` makes zsh call the script's
# function from then on, and completes this first time through the same function.
zsh_completion() {
  echo "#compdef $1"
  echo "# zsh completion for $1: picocli's bash completion script through zsh's bashcompinit."
  echo "autoload -U +X bashcompinit && bashcompinit"
  echo "# picocli's script aliases compopt to complete for zsh, but zsh parses this whole file as one"
  echo "# function before running it, so the alias never reaches the functions below. compopt only"
  echo "# tunes how bash shows file names: nothing to do in zsh."
  echo "compopt() { return 0; }"
  cat "$2"
  echo "_bash_complete -o default -F _complete_$1"
}

# The systemd units, for programs installed in $1 (/usr/bin, /usr/local/bin), into $2: each
# packaging/systemd/*.service.in with @BINDIR@ and the shared settings (@HARDENING@) filled in.
render_units() {
  local bindir="$1" out="$2" in
  for in in "$PACKAGING"/systemd/*.service.in; do
    awk -v bindir="$bindir" -v inc="$PACKAGING/systemd/hardening.inc" '
      /^@HARDENING@$/ { while ((getline line < inc) > 0) print line; close(inc); next }
      { gsub(/@BINDIR@/, bindir); print }' "$in" >"$out/$(basename "$in" .in)"
    chmod 0644 "$out/$(basename "$in" .in)"
  done
}
