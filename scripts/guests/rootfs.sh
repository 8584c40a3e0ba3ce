# Shared steps of the guests built from a debootstrap root filesystem (cloud and lxd): sourced
# by their build scripts after lib.sh, and part of their cache key.

# bootstrap_rootfs GUEST ROOT PACKAGE...: a Debian minbase system with PACKAGES in ROOT.
bootstrap_rootfs() {
  local guest="$1" root="$2" mirror include
  shift 2
  mirror="$(debian_mirror)"
  include="$(IFS=,; echo "$*")"
  log "$guest: debootstrap $GUESTS_SUITE from $mirror (about 1-2 min)"
  debootstrap --variant=minbase --include="$include" "$GUESTS_SUITE" "$root" "$mirror" \
    >"$root.debootstrap.log" 2>&1 || {
    tail -n 30 "$root.debootstrap.log" >&2
    die "debootstrap failed (full log above was $root.debootstrap.log)"
  }
}

# configure_cloud_init ROOT DATASOURCES: Berth's cloud-init settings and the network and timer
# set-up both guests share. DATASOURCES is a YAML list such as "[NoCloud, None]".
configure_cloud_init() {
  local root="$1" datasources="$2" unit
  # Merged over Debian's /etc/cloud/cloud.cfg. Only ed25519 host keys: RSA generation costs
  # ~25 s under TCG. The default user is "ubuntu" because that is the user Berth logs in as.
  # locale is the string "false": cc_locale skips on it just as on the boolean, and the schema
  # check (which wants a string) stays quiet instead of warning on every boot.
  cat >"$root/etc/cloud/cloud.cfg.d/90-berth.cfg" <<CFG
datasource_list: $datasources
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

  # cloud-init renders the NIC into interfaces.d through its ENI renderer.
  cat >"$root/etc/network/interfaces" <<'ENI'
auto lo
iface lo inet loopback

source /etc/network/interfaces.d/*
ENI

  # Background apt runs would compete with the tests for the CPU.
  for unit in apt-daily.timer apt-daily-upgrade.timer; do
    ln -sf /dev/null "$root/etc/systemd/system/$unit"
  done
}

# clean_rootfs ROOT: every instance must look brand new to systemd and cloud-init: a shared
# machine-id, cloud-init state or SSH host key would make clones collide or skip their
# first-boot set-up.
clean_rootfs() {
  local root="$1"
  : >"$root/etc/machine-id"
  rm -f "$root/var/lib/dbus/machine-id" "$root"/etc/ssh/ssh_host_*
  rm -rf "$root"/var/lib/cloud/*
  : >"$root/etc/hostname"
  chroot "$root" apt-get clean
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/log/*.log "$root"/tmp/* "$root"/var/tmp/*
}
