#!/usr/bin/env bash
# Builds every test guest (tiny first: it is quick and most tests need only it) into
# $BERTH_GUESTS_DIR, default .cache/guests. A guest whose build scripts have not changed since
# its last build is reused; BERTH_GUESTS_REBUILD=1 forces a rebuild.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

main() {
  local guest started summary=()
  for guest in tiny cloud lxd; do
    started=$SECONDS
    # Exported so the child scripts agree with the directory printed below.
    BERTH_GUESTS_DIR="$GUESTS_DIR" "$GUESTS_SCRIPT_DIR/build-$guest.sh" ||
      die "building the $guest guest failed"
    summary+=("$guest: $GUESTS_DIR/$guest ($((SECONDS - started)) s)")
  done
  printf '%s\n' "${summary[@]}"
}

main "$@"
