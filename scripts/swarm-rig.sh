#!/usr/bin/env bash
# Why: Swarm behaviour (spreading, overlay networks, rolling updates, drains) only shows on more than
# one node. As docker-machine once simulated a cluster on one host, this brings up three dockerd
# engines, each in its own network namespace on a private bridge, joined as three Swarm managers.
#
#   bash scripts/swarm-rig.sh up       # idempotent; prints the three DOCKER_HOST values on stdout
#   bash scripts/swarm-rig.sh down     # stops every engine by pidfile, removes namespaces, links, rule, data
#   bash scripts/swarm-rig.sh status   # one line per node; exit 1 when the rig is not fully up
#
# It never touches the main engine (/var/run/docker.sock) except to `docker save` images from it, nor
# its docker0 bridge. Needs root, iproute2, iptables, util-linux (unshare) and dockerd.
# SWARM_RIG_IMAGES (space-separated) overrides the images copied in.
set -euo pipefail

NODES=(1 2 3)
PREFIX=sfswarm                       # namespaces sfswarm1.., veths sfswarm1h/sfswarm1n
BRIDGE=sfswarm-br
NET=10.231.0                         # private /24, used only by the rig's namespaces
BRIDGE_IP=$NET.1
RUN_DIR=/run/stackform-swarm         # sockets, pidfiles, exec roots, logs
DATA_DIR=/var/lib/stackform-swarm    # data roots
IMAGES=${SWARM_RIG_IMAGES:-stackform-test/busybox:1}
MAIN_HOST=unix:///var/run/docker.sock

say() { echo "swarm-rig: $*" >&2; }
die() {
  say "$*"
  exit 1
}

node_ip() { echo "$NET.$((10 + $1))"; }
node_sock() { echo "$RUN_DIR/node$1.sock"; }
node_host() { echo "unix://$(node_sock "$1")"; }
node_pidfile() { echo "$RUN_DIR/node$1.pid"; }
node_log() { echo "$RUN_DIR/node$1.log"; }
ndocker() {
  local n=$1
  shift
  docker -H "$(node_host "$n")" "$@"
}

# The FORWARD rule that lets bridged traffic between the namespaces through (the root namespace's
# policy drops it); -C tells whether it is there.
forward_rule() { iptables "$1" FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT; }
# What the nodes send beyond the bridge (there is no route out of this machine) is refused at once
# rather than dropped: an engine's pull of a tag then fails in milliseconds instead of waiting out
# DNS timeouts (20 s a task), and Swarm runs the local image, as it does when a registry is down.
reject_rule() { iptables "$1" FORWARD -i "$BRIDGE" ! -o "$BRIDGE" -j REJECT --reject-with icmp-port-unreachable; }

pings() { [ -S "$(node_sock "$1")" ] && ndocker "$1" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# Only ever signal the dockerd this rig started: the pidfile could be stale and its pid reused.
rig_pid() {
  local pidfile pid
  pidfile=$(node_pidfile "$1")
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--pidfile=$pidfile" || return 1
  echo "$pid"
}

network_up() {
  ip link show "$BRIDGE" >/dev/null 2>&1 || ip link add name "$BRIDGE" type bridge
  # Not `ip addr show | grep -q`: under pipefail, grep quitting early can fail the pipe with SIGPIPE.
  grep -q "$BRIDGE_IP/24" <<<"$(ip addr show dev "$BRIDGE")" || ip addr add "$BRIDGE_IP/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  forward_rule -C 2>/dev/null || forward_rule -I
  reject_rule -C 2>/dev/null || reject_rule -I
  for n in "${NODES[@]}"; do
    local ns=$PREFIX$n
    ip netns list | grep -qw "^$ns" || ip netns add "$ns"
    if ! ip link show "${ns}h" >/dev/null 2>&1; then
      ip link add "${ns}h" type veth peer name "${ns}n"
      ip link set "${ns}n" netns "$ns"
      ip -n "$ns" link set "${ns}n" name eth0
      ip -n "$ns" addr add "$(node_ip "$n")/24" dev eth0
    fi
    ip link set "${ns}h" master "$BRIDGE" up
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
    ip -n "$ns" route replace default via "$BRIDGE_IP"
    # `ip netns exec` mounts these over /etc for the node's engine: no name outside the rig
    # resolves (there is no way out of this machine), so a pull of a tag from Docker Hub fails in
    # milliseconds instead of waiting out DNS timeouts, and Swarm runs the node's own copy.
    mkdir -p "/etc/netns/$ns"
    printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"/etc/netns/$ns/resolv.conf"
  done
}

# `ip netns exec` remounts /sys and so hides /sys/fs/cgroup, which dockerd needs: the hierarchies
# the host has (v1 controllers and the v2 one, as /proc/self/mountinfo lists them) are mounted again.
cgroup_mounts() {
  awk '$5 ~ "^/sys/fs/cgroup/" {
      split($0, halves, " - "); split(halves[2], f, " ")
      if (f[1] == "cgroup") {
        n = split(f[3], opts, ","); keep = ""
        for (i = 1; i <= n; i++) if (opts[i] != "rw" && opts[i] != "ro") keep = keep (keep == "" ? "" : ",") opts[i]
        if (keep ~ /^name=/) keep = "none," keep
        printf "mkdir -p %s && mount -t cgroup -o %s cgroup %s\n", $5, keep, $5
      } else if (f[1] == "cgroup2") {
        printf "mkdir -p %s && mount -t cgroup2 cgroup2 %s\n", $5, $5
      }
    }' /proc/self/mountinfo
}

engine_up() {
  local n=$1 ns=$PREFIX$1
  pings "$n" && return 0
  mkdir -p "$RUN_DIR" "$DATA_DIR/node$n"
  # --insecure-registry: a test registry on the bridge ($BRIDGE_IP:PORT, plain HTTP) is where swarm
  # builds are pushed and every node pulls from; only 127.0.0.0/8 is insecure-allowed by default.
  echo '{}' >"$RUN_DIR/node$n-daemon.json"
  local script
  script="hostname swarm-node$n
mount -t tmpfs cgroup /sys/fs/cgroup
$(cgroup_mounts)
exec dockerd --config-file=$RUN_DIR/node$n-daemon.json --data-root=$DATA_DIR/node$n \
  --exec-root=$RUN_DIR/node$n-exec --pidfile=$(node_pidfile "$n") -H $(node_host "$n") \
  --bip=10.232.$n.1/24 --cgroup-parent=/stackform-swarm-node$n --insecure-registry=$NET.0/24"
  # In a subshell, so the engine is reparented to init: not a child this script (or a test runner
  # waiting on it) waits for.
  # Tasks pull their image as on any Swarm (a built image by digest from a registry on the bridge);
  # a tag the registry cannot serve runs from the node's copy (see reject_rule).
  (setsid ip netns exec "$ns" unshare --uts sh -c "$script" \
    >>"$(node_log "$n")" 2>&1 </dev/null &)
}

wait_engine() {
  local n=$1 deadline=$((SECONDS + 60))
  until pings "$n"; do
    if [ $SECONDS -gt $deadline ]; then
      tail -20 "$(node_log "$n")" >&2 || true
      die "node$n did not answer on $(node_host "$n") within 60 s (log above)"
    fi
    sleep 0.1
  done
}

swarm_state() { ndocker "$1" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null; }

swarm_up() {
  if [ "$(swarm_state 1)" != active ]; then
    ndocker 1 swarm init --advertise-addr "$(node_ip 1)" --listen-addr "$(node_ip 1):2377" >/dev/null
  fi
  local token
  token=$(ndocker 1 swarm join-token -q manager)
  for n in "${NODES[@]:1}"; do
    [ "$(swarm_state "$n")" = active ] && continue
    ndocker "$n" swarm join --token "$token" --advertise-addr "$(node_ip "$n")" \
      --listen-addr "$(node_ip "$n"):2377" "$(node_ip 1):2377" >/dev/null
  done
}

images_in() {
  for image in $IMAGES; do
    local id
    id=$(docker -H "$MAIN_HOST" image inspect --format '{{.Id}}' "$image" 2>/dev/null) ||
      die "the main engine has no $image (run: bash scripts/make-test-images.sh)"
    local targets=()
    for n in "${NODES[@]}"; do
      [ "$(ndocker "$n" image inspect --format '{{.Id}}' "$image" 2>/dev/null)" = "$id" ] || targets+=("$n")
    done
    [ "${#targets[@]}" -eq 0 ] && continue
    local tar
    tar=$(mktemp)
    docker -H "$MAIN_HOST" save "$image" >"$tar"
    local loads=()
    for n in "${targets[@]}"; do
      ndocker "$n" load -q <"$tar" >/dev/null &
      loads+=($!)
    done
    for pid in "${loads[@]}"; do wait "$pid" || die "loading $image failed"; done
    rm -f "$tar"
  done
}

cmd_up() {
  [ "$(id -u)" = 0 ] || die "needs root (network namespaces, mounts, iptables)"
  local t0
  t0=$(date +%s.%N)
  network_up
  for n in "${NODES[@]}"; do engine_up "$n"; done
  for n in "${NODES[@]}"; do wait_engine "$n"; done
  swarm_up
  images_in
  local managers
  managers=$(ndocker 1 node ls --filter role=manager --format '{{.Hostname}} {{.Status}}' | grep -c Ready || true)
  [ "$managers" -eq "${#NODES[@]}" ] || die "expected ${#NODES[@]} ready managers, found $managers"
  say "up in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s: ${#NODES[@]} managers"
  for n in "${NODES[@]}"; do node_host "$n"; done
}

engine_down() {
  local n=$1 pid
  if pid=$(rig_pid "$n"); then
    # Leaving the swarm first is not needed (the whole swarm goes) and costs a raft round per node.
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  # A killed dockerd may leave its containerd shims and mounts behind: end only those under the
  # rig's own exec root, then unmount what is left under its directories.
  local shim
  for shim in $(pgrep -f -- "$RUN_DIR/node$n-exec" || true); do kill -KILL "$shim" 2>/dev/null || true; done
  awk -v a="$DATA_DIR/node$n/" -v b="$RUN_DIR/node$n-exec/" 'index($2, a) == 1 || index($2, b) == 1 { print $2 }' \
    /proc/self/mounts | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  rm -rf "${DATA_DIR:?}/node$n" "${RUN_DIR:?}/node$n-exec" "$(node_sock "$n")" "$(node_pidfile "$n")" \
    "$RUN_DIR/node$n-daemon.json"
}

cmd_down() {
  [ "$(id -u)" = 0 ] || die "needs root"
  local t0
  t0=$(date +%s.%N)
  local downs=()
  for n in "${NODES[@]}"; do
    engine_down "$n" &
    downs+=($!)
  done
  for pid in "${downs[@]}"; do wait "$pid"; done
  for n in "${NODES[@]}"; do
    rm -rf "/etc/netns/$PREFIX$n"
    ip netns del "$PREFIX$n" 2>/dev/null || true
    ip link del "$PREFIX${n}h" 2>/dev/null || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
  while forward_rule -C 2>/dev/null; do forward_rule -D; done
  while reject_rule -C 2>/dev/null; do reject_rule -D; done
  rm -f "$RUN_DIR"/node*.log
  rmdir "$RUN_DIR" "$DATA_DIR" 2>/dev/null || true
  say "down in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
}

cmd_status() {
  local ok=0
  for n in "${NODES[@]}"; do
    if pings "$n"; then
      echo "node$n $(node_host "$n") swarm=$(swarm_state "$n")"
      [ "$(swarm_state "$n")" = active ] || ok=1
    else
      echo "node$n $(node_host "$n") down"
      ok=1
    fi
  done
  return $ok
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) die "usage: $0 up|down|status" ;;
esac
