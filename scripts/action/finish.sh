#!/usr/bin/env bash
# Last step of the ssmlint GitHub Action (action.yml): exits with the status
# ssmlint exited with in the scan step, after the SARIF upload has run, so the
# job fails (or passes) as `ssmlint scan` decided.
#
# SSMLINT_EXIT_CODE  the scan step's exit-code output
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$here/lib.sh"

status=${SSMLINT_EXIT_CODE:-}
[[ "$status" =~ ^[0-9]{1,3}$ ]] || action_fail "the scan step recorded no exit status"
case "$status" in
  0) echo "ssmlint: passed" ;;
  1) echo "ssmlint: findings at or above the fail-on level (exit status 1); they are listed above" ;;
  2) echo "ssmlint: an input could not be read or parsed (exit status 2); set fail-on-input-error to false to report such inputs without failing" ;;
  64) printf '::error title=ssmlint::%s\n' "ssmlint was called wrongly (exit status 64): check the action's inputs; the message is in the scan step's log" ;;
  *) printf '::error title=ssmlint::%s\n' "ssmlint failed (exit status $status): see the scan step's log" ;;
esac
exit "$status"
