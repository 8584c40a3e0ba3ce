#!/usr/bin/env bash
# Builds the "lxd" test guest: a Debian 12 minbase system container with systemd, cloud-init
# and OpenSSH, as one unified LXD image tarball (metadata.yaml + rootfs/). Output:
#   $GUESTS_DIR/lxd/image.tar.gz
# Berth imports it into LXD's image store itself. Everything comes from the machine's Debian
# mirror; no LXD is needed to build it.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUT="$GUESTS_DIR/lxd"
# python3-cffi-backend and dbus: without them cloud-init's crypto fails (machines-here.md).
# ifupdown + isc-dhcp-client: cloud-init renders eth0 through its ENI renderer.
PACKAGES=(
  systemd-sysv udev dbus cloud-init openssh-server sudo iproute2 ifupdown isc-dhcp-client
  netbase python3-cffi-backend
)

main() {
  local hash work started=$SECONDS
  hash="$(inputs_hash "$GUESTS_SCRIPT_DIR/lib.sh" "${BASH_SOURCE[0]}")"
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

  bootstrap "$work/rootfs"
  configure "$work/rootfs"
  clean "$work/rootfs"
  metadata >"$work/metadata.yaml"

  mkdir "$work/out"
  # gzip -1: the tarball is imported once per test run; its size matters less than build time.
  tar -C "$work" --numeric-owner -cf - metadata.yaml rootfs | gzip -1 >"$work/out/image.tar.gz"
  publish "$work/out" "$OUT" "$hash"
  log "lxd: built $OUT/image.tar.gz in $((SECONDS - started)) s"
}

bootstrap() {
  local root="$1" mirror include
  mirror="$(debian_mirror)"
  include="$(IFS=,; echo "${PACKAGES[*]}")"
  log "lxd: debootstrap $GUESTS_SUITE from $mirror (about 1-2 min)"
  debootstrap --variant=minbase --include="$include" "$GUESTS_SUITE" "$root" "$mirror" \
    >"$root.debootstrap.log" 2>&1 || {
    tail -n 30 "$root.debootstrap.log" >&2
    die "debootstrap failed (full log above was $root.debootstrap.log)"
  }
}

configure() {
  local root="$1"
  # The LXD datasource reads Berth's cloud-init.* (or user.*) keys through /dev/lxd. The
  # default user is "ubuntu" because that is the user Berth logs in as.
  cat >"$root/etc/cloud/cloud.cfg.d/90-berth.cfg" <<'CFG'
datasource_list: [LXD, NoCloud, None]
locale: "false"
ssh_genkeytypes: [ed25519]
manage_etc_hosts: true
system_info:
  default_user:
    name: ubuntu
    gecos: Berth test user
    groups: [adm, sudo]
    sudo: ["ALL=(ALL) NOPASSWD:ALL"]
    shell: /bin/bash
    lock_passwd: true
CFG
  cat >"$root/etc/network/interfaces" <<'ENI'
auto lo
iface lo inet loopback

source /etc/network/interfaces.d/*
ENI
  local unit
  for unit in apt-daily.timer apt-daily-upgrade.timer; do
    ln -sf /dev/null "$root/etc/systemd/system/$unit"
  done
}

clean() {
  local root="$1"
  # Every instance must look brand new to systemd and cloud-init.
  : >"$root/etc/machine-id"
  rm -f "$root/var/lib/dbus/machine-id" "$root"/etc/ssh/ssh_host_*
  rm -rf "$root"/var/lib/cloud/*
  : >"$root/etc/hostname"
  chroot "$root" apt-get clean
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/log/*.log "$root"/tmp/* "$root"/var/tmp/*
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
