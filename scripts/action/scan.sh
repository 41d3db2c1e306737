#!/usr/bin/env bash
# Step "scan" of the ssmlint GitHub Action (action.yml): runs `ssmlint scan`
# with the action's inputs and records its exit status as an output instead of
# failing, so that the SARIF upload after it still runs; the action's last
# step (finish.sh) then exits with that status.
#
# SSMLINT_BINARY             the binary install.sh put in place
# INPUT_PATHS                files and directories, one per line (default .)
# INPUT_WORKING_DIRECTORY    where to run (default: the workspace)
# INPUT_CONFIG, INPUT_FAIL_ON, INPUT_FAIL_ON_INPUT_ERROR, INPUT_BASELINE,
# INPUT_SARIF_CATEGORY       passed as --config, --fail-on, ... when set
# INPUT_SARIF_FILE, INPUT_JUNIT_FILE, INPUT_JSON_FILE
#                            report files (empty: not written; the JSON report
#                            is always written, to a temporary file by default,
#                            for the finding counts)
# INPUT_ANNOTATIONS          true: --format github (annotations on the diff, then
#                            the console report); false: the console report only
# INPUT_STEP_SUMMARY         true: the Markdown summary appended to the job summary
# INPUT_UPLOAD_SARIF         true: the SARIF report is needed (checked here)
# INPUT_ARGS                 more arguments for ssmlint scan, one per line
#
# Outputs: exit-code; sarif-file, junit-file, json-file (absolute paths, when
# written); errors, warnings, notes (findings that count towards --fail-on:
# not suppressed, not in the baseline), suppressed, input-errors.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$here/lib.sh"

ssmlint=${SSMLINT_BINARY:?SSMLINT_BINARY is not set: the install step comes first}
directory=${INPUT_WORKING_DIRECTORY:-.}
config=${INPUT_CONFIG:-}
fail_on=${INPUT_FAIL_ON:-}
fail_on_input_error=${INPUT_FAIL_ON_INPUT_ERROR:-}
baseline=${INPUT_BASELINE:-}
category=${INPUT_SARIF_CATEGORY:-}
sarif=${INPUT_SARIF_FILE:-}
junit=${INPUT_JUNIT_FILE:-}
json=${INPUT_JSON_FILE:-}
for name in working-directory config fail-on fail-on-input-error baseline sarif-category sarif-file junit-file json-file; do
  variable="INPUT_$(tr 'a-z-' 'A-Z_' <<<"$name")"
  single_line "$name" "${!variable:-}"
done
annotations=$(boolean annotations "${INPUT_ANNOTATIONS:-true}")
summary=$(boolean step-summary "${INPUT_STEP_SUMMARY:-true}")
upload=$(boolean upload-sarif "${INPUT_UPLOAD_SARIF:-false}")
[ "$upload" = false ] || [ -n "$sarif" ] || action_fail "input upload-sarif is true but sarif-file is empty"

cd -- "$directory" || action_fail "working-directory '$directory' does not exist"
work=$(mktemp -d "${RUNNER_TEMP:?RUNNER_TEMP is not set}/ssmlint-scan.XXXXXX")
[ -n "$json" ] || json="$work/report.json"

args=(scan)
[ -z "$config" ] || args+=(--config "$config")
[ -z "$fail_on" ] || args+=(--fail-on "$fail_on")
[ -z "$fail_on_input_error" ] || args+=("--fail-on-input-error=$fail_on_input_error")
[ -z "$baseline" ] || args+=(--baseline "$baseline")
[ -z "$category" ] || args+=(--sarif-category "$category")
if [ "$annotations" = true ]; then args+=(--format github); else args+=(--format console); fi
# A report left by an earlier step must not pass for this scan's, should
# ssmlint stop before writing it (a usage error, for example).
# ssmlint writes into existing directories only: make those the inputs name.
for report in "$sarif" "$junit" "$json"; do
  [ -n "$report" ] || continue
  [ ! -f "$report" ] || rm -f -- "$report"
  mkdir -p -- "$(dirname -- "$report")" || action_fail "cannot make the directory for $report"
done
[ -z "$sarif" ] || args+=(--format "sarif=$sarif")
[ -z "$junit" ] || args+=(--format "junit=$junit")
args+=(--format "json=$json")
[ "$summary" = false ] || args+=(--format "markdown=$work/summary.md")
while IFS= read -r argument; do args+=("$argument"); done < <(lines "${INPUT_ARGS:-}")
# Everything after -- is a path, even one that looks like an option.
args+=(--)
paths=0
while IFS= read -r path; do args+=("$path"); paths=$((paths + 1)); done < <(lines "${INPUT_PATHS:-}")
[ "$paths" -gt 0 ] || args+=(.)

status=0
if [ "$annotations" = true ]; then
  # --format github writes the annotations as workflow commands and prints the
  # console report between stop-commands markers of its own. What ssmlint
  # writes to standard error (a usage or configuration error, which can quote
  # an input) is held back and shown between markers of ours.
  "$ssmlint" "${args[@]}" 2>"$work/stderr" || status=$?
  if [ -s "$work/stderr" ]; then
    token="ssmlint-$(random_token)"
    echo "::stop-commands::$token"
    cat "$work/stderr"
    echo "::$token::"
  fi
else
  # The console report quotes templates and file names: keep the runner from
  # reading any of it as a workflow command.
  token="ssmlint-$(random_token)"
  echo "::stop-commands::$token"
  "$ssmlint" "${args[@]}" 2>&1 || status=$?
  echo "::$token::"
fi

set_output exit-code "$status"
[ ! -f "$sarif" ] || set_output sarif-file "$(absolute "$sarif")"
[ ! -f "$junit" ] || set_output junit-file "$(absolute "$junit")"
[ -z "${INPUT_JSON_FILE:-}" ] || [ ! -f "$json" ] || set_output json-file "$(absolute "$json")"
if [ "$summary" = true ] && [ -s "$work/summary.md" ]; then
  cat "$work/summary.md" >>"${GITHUB_STEP_SUMMARY:?GITHUB_STEP_SUMMARY is not set}"
fi

# Finding counts from the JSON report (python3 is on every GitHub-hosted runner).
if [ -f "$json" ] && command -v python3 >/dev/null; then
  while read -r name count; do
    set_output "$name" "$count"
  done < <(python3 - "$json" <<'PY'
import json, sys

report = json.load(open(sys.argv[1], encoding="utf-8"))
counts = {"errors": 0, "warnings": 0, "notes": 0, "suppressed": 0}
plural = {"error": "errors", "warning": "warnings", "note": "notes"}
for finding in report["findings"]:
    if finding.get("suppression"):
        counts["suppressed"] += 1
    elif finding.get("baselineState") != "unchanged":
        counts[plural[finding["level"]]] += 1
counts["input-errors"] = report["summary"]["failedInputs"]
for name, count in counts.items():
    print(name, count)
PY
  )
elif [ -f "$json" ]; then
  echo "python3 not found: the errors, warnings, notes, suppressed and input-errors outputs are left empty"
fi
rm -rf "$work"
echo "ssmlint exited $status"
