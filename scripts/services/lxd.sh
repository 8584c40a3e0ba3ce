#!/usr/bin/env bash
# Starts or stops LXD by hand, for tests and CI on machines without systemd.
# Usage: scripts/services/lxd.sh start|stop|status
# `start` is idempotent: a daemon that already answers is left as it is. A fresh daemon is
# initialised with a preseed (`lxd init --auto` cannot find a free subnet on these machines):
# a `dir` storage pool, a bridge with an explicit address and no IPv6, and the API on
# 127.0.0.1:8443 for the remote (HTTPS) suites. BERTH_LXD_CLUSTER=1 makes it a single-member
# cluster named berth-ci, to see cluster placement; LXD 5.0.2 then leaves limits.cpu
# unpinned (a container sees every CPU), so the suites' default is a standalone server.
set -euo pipefail

LXD_DIR=${LXD_DIR:-/var/lib/lxd}
SOCKET="$LXD_DIR/unix.socket"
PID_FILE=/run/berth-lxd.pid
LOG_FILE=/var/log/berth-lxd.log
# A private /24 nothing else here uses; the preseed needs one because auto-detection fails.
BRIDGE_ADDRESS=${BERTH_LXD_BRIDGE_ADDRESS:-10.203.47.1/24}
WAIT_SECONDS=30
HTTPS_ADDRESS=${BERTH_LXD_HTTPS_ADDRESS:-127.0.0.1:8443}
CLUSTER=${BERTH_LXD_CLUSTER:-0}

alive() {
  [[ -s "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

answers() {
  [[ -S "$SOCKET" ]] && LXD_DIR="$LXD_DIR" lxc query /1.0 >/dev/null 2>&1
}

initialised() {
  LXD_DIR="$LXD_DIR" lxc storage list --format csv 2>/dev/null | grep -q .
}

preseed() {
  cat <<EOF
config:
  core.https_address: $HTTPS_ADDRESS
networks:
- name: lxdbr0
  type: bridge
  config:
    ipv4.address: $BRIDGE_ADDRESS
    ipv4.nat: "true"
    ipv6.address: none
storage_pools:
- name: default
  driver: dir
profiles:
- name: default
  devices:
    root:
      path: /
      pool: default
      type: disk
    eth0:
      name: eth0
      network: lxdbr0
      type: nic
EOF
}

start() {
  for tool in lxd lxc; do
    command -v "$tool" >/dev/null || {
      echo "lxd.sh: $tool is missing; apt-get install --no-install-recommends lxd nftables" >&2
      exit 1
    }
  done
  if answers; then
    echo "lxd.sh: LXD already answers on $SOCKET"
  else
    # A daemon of ours that is still shutting down must be gone before another starts.
    local tenths=0
    while alive && ! answers && ((tenths++ < 150)); do
      sleep 0.1
    done
    alive || {
      mkdir -p "$(dirname "$LOG_FILE")"
      LXD_DIR="$LXD_DIR" setsid lxd --group root --logfile "$LOG_FILE" </dev/null \
        >>"$LOG_FILE" 2>&1 &
      echo $! >"$PID_FILE"
    }
    LXD_DIR="$LXD_DIR" timeout "$WAIT_SECONDS" lxd waitready || {
      echo "lxd.sh: LXD did not answer on $SOCKET within $WAIT_SECONDS s; see $LOG_FILE" >&2
      exit 1
    }
    echo "lxd.sh: LXD ready"
  fi
  if ! initialised; then
    preseed | LXD_DIR="$LXD_DIR" lxd init --preseed
    # Enabled afterwards: a preseed's cluster section is applied before its https address,
    # which leaves the member at 0.0.0.0 without a trusted server certificate.
    [[ "$CLUSTER" == 1 ]] && LXD_DIR="$LXD_DIR" lxc cluster enable berth-ci
    echo "lxd.sh: initialised (dir pool, bridge $BRIDGE_ADDRESS, cluster=$CLUSTER)"
  fi
}

# The daemon's pid when this script started it; empty otherwise.
daemon_pid() {
  if alive; then
    cat "$PID_FILE"
    return
  fi
  rm -f "$PID_FILE"
}

stop() {
  local pid
  pid=$(daemon_pid)
  if [[ -z "$pid" ]]; then
    echo "lxd.sh: not started by this script; nothing to stop"
    return
  fi
  # `lxd shutdown` stops the instances too and then the daemon, as a host shutdown would.
  LXD_DIR="$LXD_DIR" timeout 60 lxd shutdown 2>/dev/null || kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$PID_FILE"
  echo "lxd.sh: stopped"
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
