# Drives an interactive zsh through a pseudo-terminal (zsh/zpty) the way a user completes:
#   zsh -f zsh-completion.zsh FPATH_DIR BIN_DIR TYPED EXPECTED...
# starts `zsh -f -i` with FPATH_DIR in fpath, compinit and BIN_DIR first in PATH, types TYPED
# followed by two Tabs and waits (up to 20 s) until everything shown contains each EXPECTED word.
# Exit 0 when it did; else 1, printing what the terminal showed.
zmodload zsh/zpty
local fdir=$1 bindir=$2 typed=$3
shift 3
zpty z 'PS1="> " TERM=dumb zsh -f -i'
zpty -w z "fpath=(${(q)fdir} \$fpath); autoload -U compinit; compinit -u -D; PATH=${(q)bindir}:\$PATH"
zpty -w -n z "$typed"$'\t'
local out="" line missing deadline=$(( SECONDS + 20 )) tabbed=""
while (( SECONDS < deadline )); do
  while zpty -r -t z line; do out+=$line; done
  # The second Tab lists the candidates when the first could only complete a common prefix.
  if [[ -z $tabbed && $out == *"$typed"* ]]; then zpty -w -n z $'\t'; tabbed=yes; fi
  missing=""
  for word in "$@"; do [[ $out == *$word* ]] || missing+=" $word"; done
  [[ -z $missing ]] && break
  sleep 0.1
done
zpty -d z
if [[ -n $missing ]]; then
  print -r -- "zsh completion of '$typed' did not offer:$missing; the terminal showed:"
  print -r -- "${out//$'\r'/}" | tail -n 20
  exit 1
fi
if [[ $out == *"command not found"* ]]; then
  print -r -- "zsh completion of '$typed' printed an error: ${out//$'\r'/}"
  exit 1
fi
exit 0
