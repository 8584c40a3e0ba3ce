#!/usr/bin/env bash
# Builds the "lxd" test guest: a Debian 12 minbase system container with systemd, cloud-init
# and OpenSSH, as one unified LXD image tarball (metadata.yaml + rootfs/). Output:
#   $GUESTS_DIR/lxd/image.tar.gz
# Berth imports it into LXD's image store itself. Everything comes from the machine's Debian
# mirror; no LXD is needed to build it.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/rootfs.sh"

OUT="$GUESTS_DIR/lxd"
# python3-cffi-backend and dbus: without them cloud-init's crypto fails (machines-here.md).
# ifupdown + isc-dhcp-client: cloud-init renders eth0 through its ENI renderer.
PACKAGES=(
  systemd-sysv udev dbus cloud-init openssh-server sudo iproute2 ifupdown isc-dhcp-client
  netbase python3-cffi-backend
)

main() {
  local hash work started=$SECONDS
  hash="$(inputs_hash "$GUESTS_SCRIPT_DIR/lib.sh" "$GUESTS_SCRIPT_DIR/rootfs.sh" "${BASH_SOURCE[0]}")"
  if is_fresh "$OUT" "$hash" image.tar.gz; then
    log "lxd: up to date in $OUT"
    return 0
  fi
  [[ $EUID -eq 0 ]] || die "build-lxd.sh must run as root (debootstrap, file ownership)"
  need_cmd debootstrap debootstrap

  mkdir -p "$GUESTS_DIR"
  work="$(mktemp -d "$GUESTS_DIR/.work-lxd.XXXXXX")"
  # shellcheck disable=SC2064 # expand now: $work is local and gone when the trap runs
  trap "rm -rf '$work'" EXIT

  bootstrap_rootfs lxd "$work/rootfs" "${PACKAGES[@]}"
  # The LXD datasource reads Berth's cloud-init.* (or user.*) keys through /dev/lxd.
  configure_cloud_init "$work/rootfs" '[LXD, NoCloud, None]'
  clean_rootfs "$work/rootfs"
  metadata >"$work/metadata.yaml"

  mkdir "$work/out"
  # gzip -1: the tarball is imported once per test run; its size matters less than build time.
  tar -C "$work" --numeric-owner -cf - metadata.yaml rootfs | gzip -1 >"$work/out/image.tar.gz"
  publish "$work/out" "$OUT" "$hash"
  log "lxd: built $OUT/image.tar.gz in $((SECONDS - started)) s"
}

metadata() {
  cat <<EOF
architecture: x86_64
creation_date: $(date +%s)
properties:
  os: debian
  release: $GUESTS_SUITE
  variant: berth-test
  description: Berth LXD test guest (Debian $GUESTS_SUITE minbase, cloud-init, OpenSSH)
EOF
}

main "$@"
