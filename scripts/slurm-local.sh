#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, to run examples/slurm-sweep.sh for real (the Slurm test
# uses it). Debian or Ubuntu, as root. No systemd needed: the daemons are started directly.
#   scripts/slurm-local.sh start    install slurmctld, slurmd, slurm-client and munge if missing,
#                                   configure and start; does nothing when the cluster already answers
#   scripts/slurm-local.sh status   exit 0 when the controller answers and the node takes jobs
#   scripts/slurm-local.sh logs     the end of each daemon's log
#   scripts/slurm-local.sh stop     stop the daemons this script started
# Accounting is off (no slurmdbd): sacct has nothing, squeue and scontrol show jobs.
set -euo pipefail

CONF=/etc/slurm/slurm.conf
MARK="# written by cmlr scripts/slurm-local.sh"
STATE=/var/lib/cmlr-slurm
LOGS=/var/log/cmlr-slurm
RUN=/run/cmlr-slurm
PACKAGES=(slurmctld slurmd slurm-client munge)
READY_TIMEOUT_S=90

say() { echo "slurm-local: $*" >&2; }
die() { say "$*"; exit 1; }

node_state() {
    sinfo -h -n "$(hostname -s)" -o %t 2>/dev/null | head -n 1 || true
}

# The controller answers and the node is in a state that takes or runs jobs.
cluster_ready() {
    command -v scontrol >/dev/null && scontrol ping 2>/dev/null | grep -q UP || return 1
    case "$(node_state)" in idle* | mix* | alloc* | comp*) return 0 ;; *) return 1 ;; esac
}

need_root() {
    [ "$(id -u)" = 0 ] || die "$1 needs root (this is $(id -un)); run it as root, or start a cluster yourself"
}

install_packages() {
    local missing=()
    for cmd in slurmctld slurmd sbatch munged; do command -v "$cmd" >/dev/null || missing+=("$cmd"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    need_root "installing ${PACKAGES[*]} (missing: ${missing[*]})"
    command -v apt-get >/dev/null || die "no apt-get: install ${PACKAGES[*]} with this system's package manager"
    say "installing ${PACKAGES[*]} from the Debian archive"
    # Another apt run may hold the dpkg lock for a while: wait for it rather than fail.
    local apt=(apt-get -q -o DPkg::Lock::Timeout=300)
    "${apt[@]}" update >"$LOGS/apt.log" 2>&1 || { tail -n 20 "$LOGS/apt.log" >&2; die "apt-get update failed"; }
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends "${PACKAGES[@]}" \
        >>"$LOGS/apt.log" 2>&1 || { tail -n 20 "$LOGS/apt.log" >&2; die "apt-get install ${PACKAGES[*]} failed"; }
}

# NodeName line from slurmd -C (the real sockets, cores and threads) without the memory, which
# drifts; the node is reached on the loopback address so no name lookup is needed.
write_conf() {
    local host node
    host=$(hostname -s)
    node=$(slurmd -C | head -n 1 | sed -e 's/ RealMemory=[0-9]*//')
    mkdir -p "$(dirname "$CONF")"
    cat >"$CONF.tmp" <<EOF
$MARK: a one-node cluster on $host
ClusterName=cmlr-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/d
SlurmctldPidFile=$RUN/slurmctld.pid
SlurmdPidFile=$RUN/slurmd.pid
SlurmctldLogFile=$LOGS/slurmctld.log
SlurmdLogFile=$LOGS/slurmd.log
# containers and small VMs have no usable cgroups: track processes through /proc
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
# scancel: SIGTERM, then SIGKILL after 5 s; finished jobs stay visible to scontrol for 10 min
KillWait=5
MinJobAge=600
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
    mv "$CONF.tmp" "$CONF"
}

start_munge() {
    if munge -n </dev/null >/dev/null 2>&1; then return 0; fi
    [ -s /etc/munge/munge.key ] || { mungekey --create --keyfile /etc/munge/munge.key && chown munge:munge /etc/munge/munge.key; }
    install -d -o munge -g munge -m 0755 /run/munge
    runuser -u munge -- /usr/sbin/munged
    touch "$RUN/munged.ours"
    for _ in $(seq 50); do munge -n </dev/null >/dev/null 2>&1 && return 0; sleep 0.2; done
    die "munged does not answer (see /var/log/munge/munged.log)"
}

stop_pidfile() {
    local f=$1 pid
    [ -s "$f" ] || return 0
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
    rm -f "$f"
}

wait_ready() {
    local deadline=$((SECONDS + READY_TIMEOUT_S))
    until cluster_ready; do
        if [ $SECONDS -ge $deadline ]; then
            say "the cluster did not become ready in ${READY_TIMEOUT_S}s; node state '$(node_state)'"
            logs >&2
            exit 1
        fi
        sleep 1
    done
}

start() {
    if cluster_ready; then say "Slurm already answers; node $(hostname -s) is $(node_state)"; return 0; fi
    if [ -e "$CONF" ] && ! head -n 1 "$CONF" | grep -qF "$MARK"; then
        die "$CONF exists and was not written by this script, and its cluster does not answer; not touching it"
    fi
    need_root "starting slurmctld and slurmd"
    mkdir -p "$LOGS" "$RUN" "$STATE/ctld" "$STATE/d"
    install_packages
    write_conf
    start_munge
    # leftovers of an earlier start that no longer answer
    stop_pidfile "$RUN/slurmd.pid"
    stop_pidfile "$RUN/slurmctld.pid"
    slurmctld || die "slurmctld did not start (see $LOGS/slurmctld.log)"
    slurmd || die "slurmd did not start (see $LOGS/slurmd.log)"
    wait_ready
    say "ready: node $(hostname -s) is $(node_state) ($(sinfo -h -o '%c CPUs, partition %P'))"
}

stop() {
    stop_pidfile "$RUN/slurmd.pid"
    stop_pidfile "$RUN/slurmctld.pid"
    if [ -e "$RUN/munged.ours" ]; then
        stop_pidfile /run/munge/munged.pid
        rm -f "$RUN/munged.ours"
    fi
    say "stopped"
}

logs() {
    for f in "$LOGS"/slurmctld.log "$LOGS"/slurmd.log /var/log/munge/munged.log "$LOGS"/apt.log; do
        [ -e "$f" ] || continue
        echo "==== $f (last 60 lines)"
        tail -n 60 "$f"
    done
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) if cluster_ready; then echo "ready: node $(hostname -s) is $(node_state)"; else echo "not ready"; exit 1; fi ;;
    logs) logs ;;
    *) echo "usage: $0 start|status|logs|stop" >&2; exit 2 ;;
esac
