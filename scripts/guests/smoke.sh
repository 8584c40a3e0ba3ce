#!/usr/bin/env bash
# Manual boot check of a built test guest: boots it under QEMU the way Berth does (overlay disk,
# NoCloud seed ISO on a virtio disk, SSH through a loopback port forward, QMP on a unix socket)
# and prints timings.
#   smoke.sh tiny [RUNS]   boot to SSH RUNS times, then /data across stop/start, savevm/loadvm
#                          with a file in /tmp, and power-off by the ACPI button
#   smoke.sh cloud [RUNS]  boot to SSH through OVMF, root grown to the resized disk, power-off
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

GUEST="${1:-}"
RUNS="${2:-1}"
SSH_USER=ubuntu
OVMF_CODE=/usr/share/OVMF/OVMF_CODE_4M.fd
OVMF_VARS=/usr/share/OVMF/OVMF_VARS_4M.fd
QEMU_PID=""

now_ms() {
  date +%s%3N
}

secs_since() {
  local ms=$(($(now_ms) - $1))
  printf '%d.%03d' $((ms / 1000)) $((ms % 1000))
}

# Same rule as the Berth core: KVM only when it is usable and the CPU advertises it; the nested
# KVM on these machines opens but hangs guests, and its cpuinfo lacks vmx/svm.
pick_accel() {
  if [[ -n "${SMOKE_ACCEL:-}" ]]; then
    echo "$SMOKE_ACCEL"
  elif [[ -r /dev/kvm && -w /dev/kvm ]] && grep -qE '\b(vmx|svm)\b' /proc/cpuinfo; then
    echo kvm
  else
    echo tcg
  fi
}

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

make_seed() {
  local dir="$1" key
  key="$(cat "$WORK/id_ed25519.pub")"
  mkdir -p "$dir"
  printf 'instance-id: smoke-%s\nlocal-hostname: smoke-%s\n' "$RANDOM" "$GUEST" >"$dir/meta-data"
  # The shape the Berth core writes: the key in vendor-data, user-data left to the user.
  printf '#cloud-config\nssh_authorized_keys:\n  - %s\n' "$key" >"$dir/vendor-data"
  printf '#cloud-config\n{}\n' >"$dir/user-data"
  genisoimage -quiet -volid cidata -joliet -rock -o "$WORK/seed.iso" \
    "$dir/meta-data" "$dir/user-data" "$dir/vendor-data"
}

guest_ssh() {
  ssh -i "$WORK/id_ed25519" -p "$PORT" -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes -o ConnectTimeout=5 \
    "$SSH_USER@127.0.0.1" "$@"
}

# wait_ssh TIMEOUT_S: poll until a command runs over SSH. The forward accepts before the guest
# listens, so failures are fast and the poll interval sets the resolution.
wait_ssh() {
  local deadline=$((SECONDS + $1))
  until guest_ssh true 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    kill -0 "$QEMU_PID" 2>/dev/null || return 1
    sleep 0.2
  done
}

start_qemu() {
  local -a args
  rm -f "$WORK/qmp.sock"
  args=(-machine q35 -accel "$ACCEL" -display none -monitor none -no-user-config -nodefaults
    -serial "file:$WORK/console.log" -qmp "unix:$WORK/qmp.sock,server=on,wait=off"
    -drive "file=$WORK/overlay.qcow2,if=virtio,format=qcow2"
    -drive "file=$WORK/seed.iso,if=virtio,format=raw,readonly=on"
    -netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$PORT-:22" -device virtio-net-pci,netdev=n0)
  if [[ "$GUEST" == tiny ]]; then
    args+=(-m 256 -kernel "$DIR/vmlinuz" -initrd "$DIR/initrd.img" -append "$(cat "$DIR/cmdline")")
  else
    args+=(-m 1024 -smp 2
      -drive "if=pflash,format=raw,readonly=on,file=$OVMF_CODE"
      -drive "if=pflash,format=qcow2,file=$WORK/vars.qcow2")
  fi
  # Never inside $(...): QEMU would hold the substitution's pipe open until it exits.
  qemu-system-x86_64 "${args[@]}" "$@" </dev/null >>"$WORK/qemu.log" 2>&1 &
  QEMU_PID=$!
}

qmp_open() {
  local i line
  for i in $(seq 100); do
    [[ -S "$WORK/qmp.sock" ]] && break
    sleep 0.05
  done
  coproc QMP { socat - "UNIX-CONNECT:$WORK/qmp.sock"; }
  read -r -t 10 -u "${QMP[0]}" line || die "no QMP greeting"
  qmp '{"execute":"qmp_capabilities"}' >/dev/null
}

# qmp JSON: send one command and print its reply, skipping the asynchronous events.
qmp() {
  local line
  printf '%s\n' "$1" >&"${QMP[1]}"
  while read -r -t 120 -u "${QMP[0]}" line; do
    if [[ "$line" == *'"return"'* || "$line" == *'"error"'* ]]; then
      printf '%s\n' "$line"
      return 0
    fi
  done
  return 1
}

hmp() {
  qmp "{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"$1\"}}"
}

qmp_close() {
  exec {QMP[1]}>&- || true
  wait "$QMP_PID" 2>/dev/null || true
}

# wait_exit TIMEOUT_S: wait for QEMU to exit; fails if it is still running after TIMEOUT_S.
wait_exit() {
  local deadline=$((SECONDS + $1))
  while kill -0 "$QEMU_PID" 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    sleep 0.05
  done
  wait "$QEMU_PID" 2>/dev/null || true
}

# boot_to_ssh TIMEOUT_S [QEMU ARGS]: start the guest; BOOT_S = seconds until SSH answers.
boot_to_ssh() {
  local t0 timeout="$1"
  shift
  t0=$(now_ms)
  start_qemu "$@"
  wait_ssh "$timeout" || fail "no SSH within $timeout s"
  BOOT_S="$(secs_since "$t0")"
}

# powerdown: press the ACPI power button; POWERDOWN_S = seconds until QEMU has exited.
powerdown() {
  local t0
  qmp_open
  t0=$(now_ms)
  qmp '{"execute":"system_powerdown"}' >/dev/null
  wait_exit 60 || fail "QEMU still running 60 s after system_powerdown"
  POWERDOWN_S="$(secs_since "$t0")"
  qmp_close
}

fail() {
  echo "FAILED: $*; console log:" >&2
  tail -n 40 "$WORK/console.log" >&2 || true
  exit 1
}

cleanup() {
  if [[ -n "$QEMU_PID" ]] && kill -0 "$QEMU_PID" 2>/dev/null; then
    kill "$QEMU_PID" || true
  fi
  [[ "${SMOKE_KEEP:-0}" == 1 ]] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); print (NR % 2) ? v[m] : \
    sprintf("%.3f", (v[m] + v[m + 1]) / 2) }'
}

new_overlay() {
  rm -f "$WORK/overlay.qcow2"
  qemu-img create -q -f qcow2 -F qcow2 -b "$DIR/disk.qcow2" "$WORK/overlay.qcow2" "$1"
}

smoke_tiny() {
  local i t times=() out
  for i in $(seq "$RUNS"); do
    new_overlay 1G
    boot_to_ssh 60
    times+=("$BOOT_S")
    [[ $i -lt $RUNS ]] && { kill "$QEMU_PID"; wait_exit 10 || true; }
  done
  echo "boot to SSH (s): ${times[*]}; median $(printf '%s\n' "${times[@]}" | median)"
  echo "guest: $(guest_ssh 'uname -r; hostname; sudo id -u' | tr '\n' ' ')"

  guest_ssh 'echo ram-ok >/tmp/marker && echo disk-ok >/data/marker && sync'
  qmp_open
  t=$(now_ms)
  out="$(hmp 'savevm smoke')"
  echo "savevm: $(secs_since "$t") s (reply $out)"
  qmp '{"execute":"quit"}' >/dev/null
  wait_exit 10
  qmp_close

  t=$(now_ms)
  start_qemu -loadvm smoke
  wait_ssh 60 || fail "no SSH after -loadvm"
  echo "-loadvm to SSH: $(secs_since "$t") s; /tmp/marker: $(guest_ssh 'cat /tmp/marker')"
  powerdown
  echo "powerdown to QEMU exit: $POWERDOWN_S s"

  boot_to_ssh 60
  echo "cold boot after powerdown: $BOOT_S s; /data/marker: $(guest_ssh 'cat /data/marker')"
  powerdown
  echo "powerdown to QEMU exit: $POWERDOWN_S s"
}

smoke_cloud() {
  local i t times=()
  for i in $(seq "$RUNS"); do
    new_overlay 4G
    qemu-img convert -O qcow2 "$OVMF_VARS" "$WORK/vars.qcow2"
    boot_to_ssh 300
    times+=("$BOOT_S")
    echo "run $i: SSH after $BOOT_S s; root: $(guest_ssh 'df -h / | tail -n 1')"
    echo "guest: $(guest_ssh 'uname -r; hostname; sudo -n id -u' | tr '\n' ' ')"
    powerdown
    echo "powerdown to QEMU exit: $POWERDOWN_S s"
  done
  echo "boot to SSH (s): ${times[*]}; median $(printf '%s\n' "${times[@]}" | median)"
}

main() {
  case "$GUEST" in
    tiny) DIR="$GUESTS_DIR/tiny" ;;
    cloud) DIR="$GUESTS_DIR/cloud" ;;
    *) die "usage: smoke.sh tiny|cloud [RUNS]" ;;
  esac
  [[ -f "$DIR/disk.qcow2" ]] || die "no $GUEST guest in $DIR; run build-all.sh first"
  need_cmd qemu-system-x86_64 qemu-system-x86
  need_cmd ssh openssh-client
  need_cmd ssh-keygen openssh-client
  need_cmd genisoimage genisoimage
  need_cmd socat socat

  WORK="$(mktemp -d /tmp/berth-smoke.XXXXXX)"
  trap cleanup EXIT
  ACCEL="$(pick_accel)"
  PORT="$(free_port)"
  ssh-keygen -q -t ed25519 -N '' -C smoke -f "$WORK/id_ed25519"
  make_seed "$WORK/seed"
  echo "$GUEST guest from $DIR, accel $ACCEL, ssh port $PORT"
  "smoke_$GUEST"
}

main "$@"
