#!/usr/bin/env bash
# Runs frp v0.70.0's own end-to-end suite (241 Ginkgo specs, unpatched; ../shared/peers/frp-0.70.0)
# against bin/jfrps and bin/jfrpc, prints its summary, and fails when fewer specs pass than the
# number the README records on its "frp e2e specs passing" line: a ratchet, so the count can only
# go up. When more pass, it says so; raise the README's number in the same change.
#
#   scripts/run-frp-e2e.sh                  the whole suite (about 25 minutes on 2 cores)
#   GINKGO_ARGS='-ginkgo.focus=\[Feature:.HTTP\]' scripts/run-frp-e2e.sh     one area (no ratchet; the
#                                         runner splits GINKGO_ARGS on spaces: write a space as '.')
#
# Environment: FRP_E2E_DIR (default ../shared/peers/frp-0.70.0 beside the project), OUTDIR
# (default target/frp-e2e; results.tsv there lists every spec with the start of its failure).
# With CI=true a missing suite is a failure; otherwise the script says what is missing and exits 0.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
suite_dir="${FRP_E2E_DIR:-$root/../shared/peers/frp-0.70.0}"
runner="$suite_dir/run-e2e.sh"
if [[ ! -x "$runner" || ! -x "$suite_dir/e2e.test" ]]; then
  echo "run-frp-e2e: frp's e2e suite not found in $suite_dir (run-e2e.sh, e2e.test)" >&2
  [[ "${CI:-}" == "true" ]] && exit 1
  exit 0
fi

# One run at a time on a machine: the suite takes its ports from 10000-30000 on 127.0.0.1 and ::1,
# so two runs (from two checkouts) would take each other's ports. A second run waits its turn.
if [[ -z "${JFRP_E2E_LOCKED:-}" ]] && command -v flock >/dev/null; then
  exec env JFRP_E2E_LOCKED=1 flock /tmp/jfrp-frp-e2e.lock "$0" "$@"
fi

# Build once up front, so that no spec's start-up wait is spent in Maven.
bin/jfrps --version >/dev/null
bin/jfrpc --version >/dev/null

export OUTDIR="${OUTDIR:-$root/target/frp-e2e}"
mkdir -p "$OUTDIR"
start=$(date +%s)
"$runner" "$root/bin/jfrps" "$root/bin/jfrpc"
echo "frp e2e suite took $(( $(date +%s) - start )) s; every spec: $OUTDIR/results.tsv"

if [[ -n "${GINKGO_ARGS:-}" ]]; then
  exit 0  # a focused run proves nothing about the whole count
fi
passed=$(sed -nE 's/^frp e2e v0\.70\.0: ([0-9]+) passed.*/\1/p' "$OUTDIR/summary.txt")
recorded=$(sed -nE 's/^frp e2e specs passing: \*\*([0-9]+)\*\*.*/\1/p' README.md | head -n 1)
if [[ -z "$passed" || -z "$recorded" ]]; then
  echo "run-frp-e2e: could not read the count (summary: '${passed}', README: '${recorded}')" >&2
  exit 1
fi
if (( passed < recorded )); then
  echo "run-frp-e2e: FAILED: $passed specs pass, fewer than the $recorded the README records" >&2
  echo "failing specs:" >&2
  grep -vE $'^(passed|skipped|pending)\t' "$OUTDIR/results.tsv" | cut -f1-3,5 | head -n 200 >&2
  exit 1
fi
if (( passed > recorded )); then
  echo "run-frp-e2e: $passed specs pass, more than the $recorded the README records: raise it"
fi
echo "run-frp-e2e: ratchet holds ($passed passing, README records $recorded)"
