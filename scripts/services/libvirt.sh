#!/usr/bin/env bash
# Starts or stops libvirt's daemons by hand, for tests and CI on machines without systemd.
# Usage: scripts/services/libvirt.sh start|stop|status
# `start` is idempotent: a daemon that already answers is left as it is.
set -euo pipefail

RUN_DIR=/run/libvirt
SOCKET="$RUN_DIR/libvirt-sock"
VIRTLOGD_PID=/run/berth-virtlogd.pid
LIBVIRTD_PID=/run/berth-libvirtd.pid
WAIT_TENTHS=100 # 10 s
NAT_NETWORK=default
NAT_NETWORK_XML=/usr/share/libvirt/networks/default.xml

alive() {
  [[ -s "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

answers() {
  virsh -c qemu:///system version >/dev/null 2>&1
}

QEMU_CONF=/etc/libvirt/qemu.conf
BEGIN_MARK='# berth: begin (scripts/services/libvirt.sh)'

# Test and CI data folders are private to root (mkdtemp, mode 0700), which libvirt's default
# QEMU user (libvirt-qemu) cannot enter. Run QEMU as root instead; returns 0 if it changed.
configure_qemu_user() {
  [[ $EUID -eq 0 && -f $QEMU_CONF ]] || return 1
  grep -qF "$BEGIN_MARK" "$QEMU_CONF" && return 1
  {
    echo "$BEGIN_MARK"
    echo 'user = "root"'
    echo 'group = "root"'
    echo '# berth: end'
  } >>"$QEMU_CONF"
  echo "libvirt.sh: QEMU under libvirt now runs as root ($QEMU_CONF)"
}

start() {
  for tool in virtlogd libvirtd virsh; do
    command -v "$tool" >/dev/null || {
      echo "libvirt.sh: $tool is missing; apt-get install libvirt-daemon-system libvirt-clients" >&2
      exit 1
    }
  done
  mkdir -p "$RUN_DIR" /var/log/libvirt
  if configure_qemu_user && alive "$LIBVIRTD_PID"; then
    stop_one "$LIBVIRTD_PID" # so the new QEMU user applies
  fi
  if answers; then
    echo "libvirt.sh: libvirtd already answers"
  else
    start_daemons
  fi
  start_nat_network
}

start_daemons() {
  alive "$VIRTLOGD_PID" || virtlogd -d -p "$VIRTLOGD_PID"
  alive "$LIBVIRTD_PID" || libvirtd -d --pid-file "$LIBVIRTD_PID"
  for ((i = 0; i < WAIT_TENTHS; i++)); do
    if [[ -S "$SOCKET" ]] && answers; then
      echo "libvirt.sh: libvirtd ready after $((i * 100)) ms"
      return
    fi
    sleep 0.1
  done
  echo "libvirt.sh: libvirtd did not answer on $SOCKET within 10 s" >&2
  exit 1
}

# libvirt's "default" NAT network (virbr0 with its own dnsmasq), where each Berth domain gets
# a second NIC; Debian defines it but nothing starts it without systemd.
start_nat_network() {
  local virsh=(virsh -c qemu:///system) info
  if ! "${virsh[@]}" net-info "$NAT_NETWORK" >/dev/null 2>&1; then
    "${virsh[@]}" net-define "$NAT_NETWORK_XML" >/dev/null
  fi
  info=$("${virsh[@]}" net-info "$NAT_NETWORK")
  if grep -Eq '^Active:[[:space:]]+yes' <<<"$info"; then
    echo "libvirt.sh: network $NAT_NETWORK already active"
  else
    "${virsh[@]}" net-start "$NAT_NETWORK" >/dev/null
    echo "libvirt.sh: network $NAT_NETWORK started"
  fi
}

stop_one() {
  local pidfile=$1
  alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  local pid
  pid=$(cat "$pidfile")
  kill "$pid"
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$pidfile"
}

stop() {
  stop_one "$LIBVIRTD_PID"
  stop_one "$VIRTLOGD_PID"
  echo "libvirt.sh: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) answers && echo running || { echo stopped; exit 1; } ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
