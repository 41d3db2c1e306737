# shellcheck shell=bash
# Shared by the shell steps of the ssmlint GitHub Action (action.yml at the
# repository root). Sourced, not run.
#
# Every input reaches these scripts through an environment variable, never by
# ${{ }} substitution into the script text, so no input can become shell code.
# Inputs can still hold anything (a workflow may pass a pull request's title),
# so single-value inputs are checked before use and nothing an input holds is
# echoed where the runner would read it as a workflow command.

# action_fail MESSAGE: an error annotation, then exit 1.
action_fail() {
  printf '::error title=ssmlint action::%s\n' "$(command_escape "$1")"
  exit 1
}

action_warning() {
  printf '::warning title=ssmlint action::%s\n' "$(command_escape "$1")"
}

# The data of a workflow command: %, CR and LF escaped as the runner expects.
command_escape() {
  local text=${1//'%'/%25}
  text=${text//$'\r'/%0D}
  printf '%s' "${text//$'\n'/%0A}"
}

# single_line NAME VALUE: stops unless VALUE has no control character (an
# input that is one value: a version, a file name, a level).
single_line() {
  if [[ "$2" =~ [[:cntrl:]] ]]; then
    action_fail "input '$1' must be a single line without control characters"
  fi
}

# boolean NAME VALUE: prints true or false, or stops.
boolean() {
  case "$2" in
    true|True|TRUE) echo true ;;
    false|False|FALSE|"") echo false ;;
    *) action_fail "input '$1' must be true or false, not '$2'" ;;
  esac
}

# lines VALUE: one item per non-empty line, surrounding blanks and CR removed
# (for inputs that are lists: paths, extra arguments). Items stay whole:
# spaces inside a line are part of the item, and nothing is expanded.
lines() {
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    [ -z "$line" ] || printf '%s\n' "$line"
  done <<<"$1"
}

# random_token: 32 hex digits, for output delimiters and stop-commands.
random_token() {
  od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
}

# set_output NAME VALUE: a step output, in the multi-line form with a random
# delimiter, so no value can end its entry early and forge another.
set_output() {
  local delimiter
  delimiter="ghadelimiter_$(random_token)"
  [[ "$2" != *"$delimiter"* ]] || action_fail "output $1 holds its own delimiter"
  printf '%s<<%s\n%s\n%s\n' "$1" "$delimiter" "$2" "$delimiter" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set: run this script as a step of the action}"
}

# absolute PATH: PATH made absolute against the current directory.
absolute() {
  case "$1" in
    /*) printf '%s' "$1" ;;
    *) printf '%s/%s' "$PWD" "${1#./}" ;;
  esac
}
