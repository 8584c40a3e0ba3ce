#!/usr/bin/env bash
# Builds the "cloud" test guest: a Debian 12 minbase system with cloud-init and OpenSSH on a
# UEFI-bootable GPT disk, booted by OVMF through systemd-boot. Output:
#   $GUESTS_DIR/cloud/disk.qcow2
# Everything comes from the machine's Debian mirror; nothing is mounted, so it runs where loop
# devices are unavailable.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/rootfs.sh"

OUT="$GUESTS_DIR/cloud"
# python3-cffi-backend and dbus are not optional: without them cloud-init's crypto fails and
# logind never sees the ACPI power button (see shared/reference/machines-here.md).
PACKAGES=(
  systemd-sysv udev dbus cloud-init cloud-guest-utils openssh-server sudo
  linux-image-cloud-amd64 initramfs-tools ifupdown isc-dhcp-client iproute2 e2fsprogs netbase
  python3-cffi-backend
)
# Fixed layout so the offsets are known without reading the table back: ESP at 1 MiB, root after
# it up to the last MiB, which holds the backup GPT. 1 GiB leaves ~450 MiB free on the root
# filesystem; cloud-init's growpart extends root when Berth resizes the disk.
DISK_MIB=1024
ESP_START_MIB=1
ESP_MIB=128
ROOT_START_MIB=$((ESP_START_MIB + ESP_MIB))
ROOT_MIB=$((DISK_MIB - ROOT_START_MIB - 1))
SYSTEMD_BOOT=/usr/lib/systemd/boot/efi/systemd-bootx64.efi

main() {
  local hash work started=$SECONDS
  hash="$(inputs_hash "$GUESTS_SCRIPT_DIR/lib.sh" "$GUESTS_SCRIPT_DIR/rootfs.sh" "${BASH_SOURCE[0]}")"
  if is_fresh "$OUT" "$hash" disk.qcow2; then
    log "cloud: up to date in $OUT"
    return 0
  fi
  check_host

  mkdir -p "$GUESTS_DIR"
  work="$(mktemp -d "$GUESTS_DIR/.work-cloud.XXXXXX")"
  # shellcheck disable=SC2064 # expand now: $work is local and gone when the trap runs
  trap "rm -rf '$work'" EXIT

  bootstrap_rootfs cloud "$work/rootfs" "${PACKAGES[@]}"
  configure_cloud_init "$work/rootfs" '[NoCloud, None]'
  echo "UUID=$ROOT_FS_UUID / ext4 rw,errors=remount-ro 0 1" >"$work/rootfs/etc/fstab"
  clean_rootfs "$work/rootfs"
  make_disk "$work"

  mkdir "$work/out"
  qemu-img convert -O qcow2 "$work/disk.raw" "$work/out/disk.qcow2"
  publish "$work/out" "$OUT" "$hash"
  log "cloud: built $OUT/disk.qcow2 in $((SECONDS - started)) s"
}

check_host() {
  [[ $EUID -eq 0 ]] || die "build-cloud.sh must run as root (debootstrap, file ownership)"
  need_cmd debootstrap debootstrap
  need_cmd sfdisk fdisk
  need_cmd mkfs.vfat dosfstools
  need_cmd mcopy mtools
  need_cmd mkfs.ext4 e2fsprogs
  need_cmd qemu-img qemu-utils
  [[ -f "$SYSTEMD_BOOT" ]] || die "missing $SYSTEMD_BOOT (apt-get install systemd-boot-efi)"
}

make_disk() {
  local work="$1" raw="$1/disk.raw" esp_offset root_offset
  esp_offset=$((ESP_START_MIB * 1024 * 1024))
  root_offset=$((ROOT_START_MIB * 1024 * 1024))

  rm -f "$raw"
  truncate -s "${DISK_MIB}M" "$raw"
  sfdisk --quiet "$raw" <<TABLE
label: gpt
unit: sectors
start=$((esp_offset / 512)), size=$((ESP_MIB * 2048)), type=U, name="esp"
start=$((root_offset / 512)), size=$((ROOT_MIB * 2048)), type=L, uuid=$ROOT_PART_UUID, name="root"
TABLE

  # -s 1: with the default cluster size a 128 MiB FAT32 has too few clusters for mtools. Its
  # output is kept for failures only: it always warns that the file is larger than the ESP.
  local out
  out="$(mkfs.vfat -F 32 -s 1 -n ESP --offset=$((esp_offset / 512)) "$raw" \
    $((ESP_MIB * 1024)) 2>&1)" || die "mkfs.vfat failed: $out"
  fill_esp "$raw@@$esp_offset" "$work/rootfs"

  mkfs.ext4 -q -F -L root -U "$ROOT_FS_UUID" -d "$work/rootfs" -E offset="$root_offset" \
    "$raw" "${ROOT_MIB}M"
}

fill_esp() {
  local image="$1" root="$2" kernel initrd
  kernel="$(ls "$root"/boot/vmlinuz-* | sort -V | tail -n 1)"
  initrd="$root/boot/initrd.img-${kernel##*/vmlinuz-}"
  [[ -f "$initrd" ]] || die "debootstrap left no initramfs for ${kernel##*/}"

  # OVMF boots the removable-media path, so no EFI boot variable is needed; timeout 0 skips
  # the menu, which would otherwise cost seconds under TCG.
  cat >"$root.loader.conf" <<CONF
default berth.conf
timeout 0
CONF
  cat >"$root.entry.conf" <<CONF
title Berth cloud guest
linux /vmlinuz
initrd /initrd.img
options root=PARTUUID=$ROOT_PART_UUID ro console=ttyS0
CONF

  export MTOOLS_SKIP_CHECK=1
  mmd -i "$image" ::/EFI ::/EFI/BOOT ::/loader ::/loader/entries
  mcopy -i "$image" "$SYSTEMD_BOOT" ::/EFI/BOOT/BOOTX64.EFI
  mcopy -i "$image" "$kernel" ::/vmlinuz
  mcopy -i "$image" "$initrd" ::/initrd.img
  mcopy -i "$image" "$root.loader.conf" ::/loader/loader.conf
  mcopy -i "$image" "$root.entry.conf" ::/loader/entries/berth.conf
}

# Fresh identifiers per build; the loader entry and fstab refer to them.
ROOT_PART_UUID="$(cat /proc/sys/kernel/random/uuid)"
ROOT_FS_UUID="$(cat /proc/sys/kernel/random/uuid)"

main "$@"
