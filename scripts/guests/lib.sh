# Shared helpers for the guest build scripts. Source it; it sets nothing but functions and the
# GUESTS_* variables below.

GUESTS_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GUESTS_REPO_DIR="$(cd "$GUESTS_SCRIPT_DIR/../.." && pwd)"
GUESTS_DIR="${BERTH_GUESTS_DIR:-$GUESTS_REPO_DIR/.cache/guests}"
# The guests are Debian 12 whatever the host runs, so their packages and kernel match the
# versions the measurements in shared/reference were taken with.
GUESTS_SUITE=bookworm

log() {
  printf '[guests] %s\n' "$*" >&2
}

die() {
  printf '[guests] error: %s\n' "$*" >&2
  exit 1
}

# need_cmd COMMAND PACKAGE: fail early with the Debian package to install, rather than halfway
# through a build with a bare "command not found".
need_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "missing '$1' (apt-get install $2)"
}

# debian_mirror: print the first enabled Debian mirror URI that serves $GUESTS_SUITE, reading
# both the one-line (*.list) and deb822 (*.sources) formats apt accepts. The guests must come from
# the machine's own mirror, the only one reachable in CI.
debian_mirror() {
  local files=() f uri
  [[ -f /etc/apt/sources.list ]] && files+=(/etc/apt/sources.list)
  for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] && files+=("$f")
  done

  for f in "${files[@]}"; do
    if [[ "$f" == *.sources ]]; then
      uri="$(mirror_from_deb822 "$f")"
    else
      uri="$(mirror_from_list "$f")"
    fi
    if [[ -n "$uri" ]]; then
      printf '%s\n' "${uri%/}"
      return 0
    fi
  done
  die "no enabled Debian mirror for $GUESTS_SUITE in /etc/apt/sources.list{,.d}"
}

mirror_from_list() {
  # Skips the optional [arch=... signed-by=...] block, then wants "deb URI SUITE".
  awk -v suite="$GUESTS_SUITE" '
    $1 != "deb" { next }
    { i = 2; if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ } }
    $(i + 1) == suite { print $i; exit }
  ' "$1"
}

mirror_from_deb822() {
  # One stanza per paragraph; a stanza may list several types, URIs and suites.
  awk -v suite="$GUESTS_SUITE" '
    BEGIN { RS = ""; FS = "\n" }
    {
      types = ""; uris = ""; suites = ""; enabled = "yes"
      for (i = 1; i <= NF; i++) {
        line = $i
        if (line ~ /^#/) continue
        key = tolower(line); sub(/:.*/, "", key)
        val = line; sub(/^[^:]*:[ \t]*/, "", val)
        if (key == "types") types = " " val " "
        else if (key == "uris") uris = val
        else if (key == "suites") suites = " " val " "
        else if (key == "enabled") enabled = tolower(val)
      }
      if (enabled != "no" && types ~ / deb / && suites ~ (" " suite " ")) {
        split(uris, list, /[ \t]+/); print list[1]; exit
      }
    }
  ' "$1"
}

# ensure_apt_lists PACKAGE: a fresh CI machine may have no package lists yet.
ensure_apt_lists() {
  if ! apt-cache show --no-all-versions "$1" >/dev/null 2>&1; then
    log "package lists lack $1; running apt-get update"
    apt-get update -qq
  fi
}

# apt_download DIR PACKAGE...: fetch .debs from the host's apt sources into DIR. As root apt
# would otherwise warn that its _apt sandbox user cannot write there.
apt_download() {
  local dir="$1"
  shift
  (cd "$dir" && apt-get download -qq -o APT::Sandbox::User=root "$@")
}

# package_depends PACKAGE: the candidate's direct Depends, names only, one a line.
package_depends() {
  apt-cache show --no-all-versions "$1" |
    awk -F': ' '$1 == "Depends" { print $2; exit }' |
    tr ',' '\n' | sed -E 's/^ +//; s/[ :(|].*//' | sed '/^$/d'
}

# inputs_hash FILE...: what decides whether a cached guest is stale. The scripts fully describe a
# guest (package names, layout, init), so their contents are the cache key.
inputs_hash() {
  cat "$@" | sha256sum | cut -d' ' -f1
}

# is_fresh DIR HASH FILE...: true when DIR was built from inputs with HASH and has every FILE.
is_fresh() {
  local dir="$1" hash="$2" f
  shift 2
  [[ "${BERTH_GUESTS_REBUILD:-0}" == 1 ]] && return 1
  [[ -f "$dir/.inputs-sha256" && "$(cat "$dir/.inputs-sha256")" == "$hash" ]] || return 1
  for f in "$@"; do
    [[ -s "$dir/$f" ]] || return 1
  done
}

# publish STAGING DIR HASH: replace DIR with STAGING in one rename so a failed or interrupted
# build never leaves a half-written guest that looks complete.
publish() {
  local staging="$1" dir="$2" hash="$3"
  printf '%s\n' "$hash" >"$staging/.inputs-sha256"
  rm -rf "$dir.old"
  [[ -e "$dir" ]] && mv "$dir" "$dir.old"
  mv "$staging" "$dir"
  rm -rf "$dir.old"
}
