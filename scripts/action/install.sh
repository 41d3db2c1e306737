#!/usr/bin/env bash
# Step "install" of the ssmlint GitHub Action (action.yml): puts an ssmlint
# binary under $RUNNER_TEMP and on PATH for the later steps of the job.
#
# INPUT_INSTALL  auto     the release binary for this runner when there is one,
#                         else a build from source (Linux x86_64 and aarch64 have
#                         binaries; other systems, or a version without a release,
#                         are built)
#                release  the release binary or fail
#                build    build this action's own source with the Swift toolchain
#                path     the ssmlint already on PATH
# INPUT_VERSION  the release to download (default: the version this action's
#                source declares, SSMLint.version, so a tag or commit of the
#                action gets the binary of that version)
# INPUT_RELEASE_BASE_URL  where releases are (default: the project's GitHub
#                releases, from Sources/SSMLintRuleSchema/ProjectLinks.swift);
#                https:// or file:// (a mirror, or a test that runs offline)
#
# Outputs: binary (absolute path), version (what the binary reports), method
# (release, build or path).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$here/lib.sh"
# The action's own checkout: the whole ssmlint repository at the action's ref.
source_root=$(cd "$here/../.." && pwd)

mode=${INPUT_INSTALL:-auto}
version=${INPUT_VERSION:-}
base=${INPUT_RELEASE_BASE_URL:-}
single_line install "$mode"
single_line version "$version"
single_line release-base-url "$base"
case "$mode" in
  auto|release|build|path) ;;
  *) action_fail "input 'install' must be auto, release, build or path, not '$mode'" ;;
esac

# declared FILE PATTERN: the string literal a Swift declaration assigns.
declared() {
  sed -n "s/^ *$2 = \"\\([^\"]*\\)\"\$/\\1/p" "$1" | head -1
}

if [ -z "$version" ]; then
  version=$(declared "$source_root/Sources/ssmlint/SSMLint.swift" 'static let version')
  [ -n "$version" ] || action_fail "cannot read SSMLint.version from the action's source"
fi
version=${version#v}
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] \
  || action_fail "input 'version' must be a release version such as 0.1.0, not '$version'"
if [ -z "$base" ]; then
  # The project's home is declared once, in ProjectLinks.swift (SARIF, rule
  # help links and the CLI read it too); its releases live beneath it.
  repository=$(declared "$source_root/Sources/SSMLintRuleSchema/ProjectLinks.swift" 'public static let repository')
  [ -n "$repository" ] || action_fail "cannot read ProjectLinks.repository from the action's source"
  base="$repository/releases/download"
fi
case "$base" in
  https://*|file://*) base=${base%/} ;;
  *) action_fail "input 'release-base-url' must be an https:// or file:// URL, not '$base'" ;;
esac

temp=${RUNNER_TEMP:?RUNNER_TEMP is not set: run this script as a step of the action}
prefix="$temp/ssmlint-$version"
binary="$prefix/bin/ssmlint"

# The release asset for this runner, if ssmlint publishes one.
asset=""
if [ "${RUNNER_OS:-$(uname -s)}" = Linux ]; then
  case "${RUNNER_ARCH:-$(uname -m)}" in
    X64|x86_64|amd64) asset="ssmlint-$version-linux-x86_64" ;;
    ARM64|aarch64|arm64) asset="ssmlint-$version-linux-aarch64" ;;
  esac
fi

# download URL FILE: fails on an HTTP error, a missing file:// file, or a
# redirect to anything but https.
download() {
  curl --fail --silent --show-error --location --proto '=https,file' --proto-redir '=https' \
    --retry 3 --connect-timeout 20 --max-time 600 --output "$2" "$1"
}

# install_release: 0 when the release binary is installed; 1 when there is no
# release to download (the caller may build instead). A checksum that does not
# match, or a tarball without the binary, stops the action: that is never a
# reason to carry on with something else.
install_release() {
  if [ -z "$asset" ]; then
    echo "no ssmlint release binary for ${RUNNER_OS:-$(uname -s)} ${RUNNER_ARCH:-$(uname -m)}"
    return 1
  fi
  local work url expected actual
  work=$(mktemp -d "$temp/ssmlint-download.XXXXXX") || action_fail "cannot make a directory in $temp"
  url="$base/v$version/$asset.tar.gz"
  echo "downloading $url"
  if ! download "$url" "$work/$asset.tar.gz"; then
    echo "could not download $url"
    return 1
  fi
  download "$url.sha256" "$work/$asset.tar.gz.sha256" \
    || action_fail "the release has $asset.tar.gz but its checksum $url.sha256 could not be downloaded"
  expected=$(awk -v name="$asset.tar.gz" 'NR == 1 && NF == 2 && $2 == name { print $1 }' "$work/$asset.tar.gz.sha256")
  [[ "$expected" =~ ^[0-9a-f]{64}$ ]] || action_fail "$url.sha256 is not a SHA-256 checksum of $asset.tar.gz"
  actual=$(sha256sum "$work/$asset.tar.gz" | awk '{ print $1 }')
  [ "$actual" = "$expected" ] \
    || action_fail "checksum mismatch for $url: expected $expected, got $actual; not installing it"
  echo "sha256 verified: $actual"
  # Called in a condition, where set -e does not apply: every step checks.
  mkdir "$work/unpacked" || action_fail "cannot make $work/unpacked"
  tar -xzf "$work/$asset.tar.gz" -C "$work/unpacked" --no-same-owner || action_fail "cannot unpack $asset.tar.gz"
  if [ ! -f "$work/unpacked/$asset/bin/ssmlint" ] || [ -L "$work/unpacked/$asset/bin/ssmlint" ]; then
    action_fail "$asset.tar.gz holds no $asset/bin/ssmlint"
  fi
  rm -rf "$prefix" || action_fail "cannot remove $prefix"
  mv "$work/unpacked/$asset" "$prefix" || action_fail "cannot install into $prefix"
  rm -rf "$work"
  method=release
}

# build_from_source: the action's own source, built and installed by
# scripts/install (swift build -c release; minutes).
build_from_source() {
  command -v swift >/dev/null \
    || action_fail "building ssmlint needs the Swift toolchain (6.3), which this runner lacks: add a step that installs Swift before this action, or use a runner with a release binary (Linux x86_64 or aarch64)"
  if ! pkg-config --exists yaml-0.1 libxml-2.0 libcrypto 2>/dev/null; then
    if command -v apt-get >/dev/null; then
      local sudo=""
      [ "$(id -u)" -eq 0 ] || sudo="sudo"
      echo "installing libyaml, libxml2 and libcrypto development files (apt-get)"
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libyaml-dev libxml2-dev libssl-dev pkg-config >/dev/null
    else
      action_warning "pkg-config does not find libyaml, libxml2 and libcrypto; the build will likely fail"
    fi
  fi
  echo "building ssmlint from $source_root with $(swift --version 2>/dev/null | head -1)"
  rm -rf "$prefix"
  PREFIX="$prefix" "$source_root/scripts/install"
  method=build
}

method=""
case "$mode" in
  path)
    found=$(command -v ssmlint) || action_fail "input install is 'path' but there is no ssmlint on PATH"
    binary=$(absolute "$found")
    method=path
    ;;
  release)
    install_release || action_fail "no ssmlint $version release binary to install (input install is 'release')"
    ;;
  build)
    build_from_source
    ;;
  auto)
    if ! install_release; then
      echo "building it from the action's source instead"
      build_from_source
    fi
    ;;
esac

installed=$("$binary" --version) || action_fail "$binary does not run"
if [ "$method" != path ] && [ "$method" != build ] && [ "$installed" != "$version" ]; then
  action_fail "the installed ssmlint reports version $installed, expected $version"
fi
[ "$method" = path ] || printf '%s\n' "$(dirname "$binary")" >>"${GITHUB_PATH:?GITHUB_PATH is not set}"
echo "ssmlint $installed ($method): $binary"
set_output binary "$binary"
set_output version "$installed"
set_output method "$method"
