#!/usr/bin/env bash
# Builds the "tiny" test guest: Debian's cloud kernel with a busybox + dropbear initramfs that
# understands just enough NoCloud seed to be reachable over SSH. Output in $GUESTS_DIR/tiny:
#   vmlinuz, initrd.img  direct kernel boot (-kernel/-initrd)
#   cmdline              what to pass with -append
#   disk.qcow2           64 MiB ext4 instance disk, mounted at /data by the guest
# Everything comes from the host's apt sources as .debs that are unpacked, never installed.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUT="$GUESTS_DIR/tiny"
INIT="$GUESTS_SCRIPT_DIR/tiny-init"
CMDLINE="console=ttyS0 quiet"
DISK_MIB=64
# Modules the guest loads, by name; their dependencies come from modules.dep. ext4 and crc32c
# are built into the cloud kernel. cdrom is listed for isofs, sd/sr/virtio_scsi let the seed also
# be a scsi-cd, button+evdev turn the ACPI power button into an input event for acpid.
MODULES=(
  virtio_pci virtio_blk virtio_net virtio_scsi virtio-rng sd_mod sr_mod cdrom isofs
  button evdev
)
# Programs copied from their packages, with the libraries they link against.
PROGRAMS=(usr/sbin/dropbear usr/bin/dropbearkey usr/lib/openssh/sftp-server)

main() {
  local hash work started=$SECONDS
  hash="$(inputs_hash "$GUESTS_SCRIPT_DIR/lib.sh" "${BASH_SOURCE[0]}" "$INIT")"
  if is_fresh "$OUT" "$hash" vmlinuz initrd.img disk.qcow2 cmdline; then
    log "tiny: up to date in $OUT"
    return 0
  fi
  check_host

  mkdir -p "$GUESTS_DIR"
  work="$(mktemp -d "$GUESTS_DIR/.work-tiny.XXXXXX")"
  # shellcheck disable=SC2064 # expand now: $work is local and gone when the trap runs
  trap "rm -rf '$work'" EXIT
  mkdir "$work/debs" "$work/pkgs" "$work/initrd" "$work/out"

  fetch_packages "$work"
  build_initrd "$work/pkgs" "$work/initrd" "$work/out/initrd.img"
  cp "$work/pkgs/boot/vmlinuz-$KVER" "$work/out/vmlinuz"
  printf '%s\n' "$CMDLINE" >"$work/out/cmdline"
  make_data_disk "$work"

  publish "$work/out" "$OUT" "$hash"
  log "tiny: built $OUT (kernel $KVER) in $((SECONDS - started)) s"
}

check_host() {
  [[ $EUID -eq 0 ]] || die "build-tiny.sh must run as root (device nodes, file ownership)"
  need_cmd apt-get apt
  need_cmd dpkg-deb dpkg
  need_cmd cpio cpio
  need_cmd mkfs.ext4 e2fsprogs
  need_cmd qemu-img qemu-utils
}

fetch_packages() {
  local work="$1" kernel_pkg deb
  ensure_apt_lists linux-image-cloud-amd64
  # The metapackage only depends on the versioned image package that holds the files.
  kernel_pkg="$(package_depends linux-image-cloud-amd64 | grep '^linux-image-' | head -n 1)"
  [[ -n "$kernel_pkg" ]] || die "cannot resolve linux-image-cloud-amd64 to a kernel package"

  local -a wanted
  mapfile -t wanted < <(library_closure busybox-static dropbear-bin openssh-sftp-server)
  log "tiny: fetching $kernel_pkg ${wanted[*]}"
  apt_download "$work/debs" "$kernel_pkg" "${wanted[@]}"
  for deb in "$work"/debs/*.deb; do
    dpkg-deb -x "$deb" "$work/pkgs"
  done

  KVER="$(ls "$work/pkgs/lib/modules")"
  [[ -f "$work/pkgs/boot/vmlinuz-$KVER" ]] || die "no vmlinuz-$KVER in $kernel_pkg"
}

# library_closure PACKAGE...: the packages plus every library package they need, transitively,
# so the guest's shared libraries come from the mirror and not from whatever the host has.
library_closure() {
  local -A seen=()
  local -a queue=("$@")
  local pkg dep
  while ((${#queue[@]})); do
    pkg="${queue[0]}"
    queue=("${queue[@]:1}")
    [[ -n "${seen[$pkg]:-}" ]] && continue
    seen[$pkg]=1
    printf '%s\n' "$pkg"
    for dep in $(package_depends "$pkg"); do
      # Only libraries: sftp-server's dependency on openssh-client is for the client tools.
      [[ "$dep" =~ ^(lib|zlib) ]] && queue+=("$dep")
    done
  done
}

build_initrd() {
  local pkgs="$1" root="$2" image="$3"
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,usr/lib,lib64,lib/x86_64-linux-gnu,dev}
  mkdir -p "$root"/{proc,sys,tmp,run,seed,data,etc,root,home,var/log}
  # The kernel opens /dev/console for /init before any devtmpfs is mounted.
  mknod -m 600 "$root/dev/console" c 5 1

  install_busybox "$pkgs" "$root"
  install_programs "$pkgs" "$root"
  install_modules "$pkgs" "$root"
  install -m 755 "$INIT" "$root/init"

  (cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
    cpio --quiet -o -H newc --reproducible --owner=0:0) | gzip -6 -n >"$image"
}

install_busybox() {
  local pkgs="$1" root="$2" applet
  install -m 755 "$pkgs/bin/busybox" "$root/bin/busybox"
  # Links made here rather than with "busybox --install" at boot, which would cost boot time.
  for applet in $("$root/bin/busybox" --list-full); do
    [[ -e "$root/$applet" ]] || ln -s /bin/busybox "$root/$applet"
  done
}

install_programs() {
  local pkgs="$1" root="$2" libdirs loader prog lib
  libdirs="$pkgs/lib/x86_64-linux-gnu:$pkgs/usr/lib/x86_64-linux-gnu"
  loader="$pkgs/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
  [[ -x "$loader" ]] || die "libc6 did not provide $loader"
  install -m 755 "$loader" "$root/lib64/ld-linux-x86-64.so.2"

  for prog in "${PROGRAMS[@]}"; do
    install -D -m 755 "$pkgs/$prog" "$root/$prog"
    # What ldd does, but with the unpacked loader and libraries, so nothing resolves to the host.
    for lib in $("$loader" --inhibit-cache --library-path "$libdirs" --list "$pkgs/$prog" |
      awk '$2 == "=>" && $3 ~ /^\// { print $3 }'); do
      [[ "$lib" == "$pkgs"/* ]] || die "$prog needs $lib, which no fetched package provides"
      cp -L "$lib" "$root/lib/x86_64-linux-gnu/"
    done
  done
  # Dropbear serves the sftp subsystem from this fixed path.
  ln -s /usr/lib/openssh/sftp-server "$root/usr/lib/sftp-server"
}

install_modules() {
  local pkgs="$1" root="$2" moddir="$1/lib/modules/$KVER" name path
  # The .deb ships no modules.dep (depmod runs at install time); busybox's depmod writes one.
  "$pkgs/bin/busybox" depmod -b "$pkgs" "$KVER"

  mkdir -p "$root/lib/modules"
  : >"$root/lib/modules/load-order"
  for name in "${MODULES[@]}"; do
    path="$(module_path "$moddir" "$name")"
    [[ -n "$path" ]] || die "kernel $KVER has no module $name"
    add_module "$moddir" "$path" "$root/lib/modules"
  done
}

# module_path MODDIR NAME: a module's path relative to MODDIR; "-" and "_" are interchangeable
# in module names.
module_path() {
  awk -F: -v want="$2" '
    { file = $1; sub(/.*\//, "", file); sub(/\.ko.*$/, "", file); gsub(/-/, "_", file)
      w = want; gsub(/-/, "_", w); if (file == w) { print $1; exit } }
  ' "$1/modules.dep"
}

# add_module MODDIR PATH DEST: append PATH to DEST/load-order after its dependencies, depth first,
# so insmod at boot never meets an unresolved symbol.
add_module() {
  local moddir="$1" path="$2" dest="$3" dep
  grep -qxF "${path##*/}" "$dest/load-order" && return 0
  for dep in $(awk -F': *' -v p="$path" '$1 == p { print $2; exit }' "$moddir/modules.dep"); do
    add_module "$moddir" "$dep" "$dest"
  done
  cp "$moddir/$path" "$dest/"
  printf '%s\n' "${path##*/}" >>"$dest/load-order"
}

make_data_disk() {
  local work="$1"
  mkdir "$work/empty"
  # No partition table: the guest mounts /dev/vda itself. Berth may enlarge the image; the
  # filesystem stays 64 MiB, which is all the tests need.
  # mke2fs announces that it creates the file even with -q.
  mkfs.ext4 -q -F -L berth-data -d "$work/empty" "$work/data.raw" "${DISK_MIB}M" >/dev/null
  qemu-img convert -O qcow2 "$work/data.raw" "$work/out/disk.qcow2"
}

main "$@"
