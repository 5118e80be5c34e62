#!/bin/sh
# One prepared GPU session, so that no device time goes to typing. Build the bundle first on a
# machine with Java and nvcc (mvn -B package -Pbundle -DskipTests), carry it to the GPU machine
# (the .tar.gz keeps file modes; a carried folder may lose them: the launchers are chmod-ed and
# started through sh either way), then from the repository root:
#   sh native-check/device-session.sh target/cmlr-0.1.0-linux-x86_64.tar.gz   (or the folder)
#   sh native-check/device-session.sh --plan      # the steps and their time limits; runs nothing
# Steps: machine facts, native-check, crosscheck (repeated with CUDA_LAUNCH_BLOCKING=1 after a
# CUDA/JNI fault), crosscheck --suite, bench gpu, the PyTorch peer (scripts/torch_em.py) with the
# cmlr / PyTorch ratios. It stops after native-check when that fails at the kernels, driver, JNI,
# device or module stage (exit 20-24), or does not finish: nothing after it could run.
# Budget: the step limits add up to at most SESSION_S (480 s): one device command may run 600 s
# and an issue has 15 minutes of device time, start-up included, so a rerun must still fit. A
# step never runs past the session's deadline. Each step's full output goes to $OUT (default
# /tmp/cmlr-device); the last lines are printed. Limits may be lowered (never raised) through the
# environment, e.g. L_BENCH=60.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
SESSION_S=480
cap() { if [ -n "${2:-}" ] && [ "$2" -lt "$1" ] 2>/dev/null; then echo "$2"; else echo "$1"; fi; }
L_MACHINE=$(cap 15 "${L_MACHINE:-}")
L_NATIVE_CHECK=$(cap 75 "${L_NATIVE_CHECK:-}")
L_CROSSCHECK=$(cap 45 "${L_CROSSCHECK:-}")
L_CROSSCHECK_BLOCKING=$(cap 45 "${L_CROSSCHECK_BLOCKING:-}")
L_SUITE=$(cap 90 "${L_SUITE:-}")
L_BENCH=$(cap 100 "${L_BENCH:-}")
L_TORCH=$(cap 100 "${L_TORCH:-}")

plan() {
  total=0
  for s in machine:$L_MACHINE native-check:$L_NATIVE_CHECK crosscheck:$L_CROSSCHECK \
           crosscheck-blocking:$L_CROSSCHECK_BLOCKING suite:$L_SUITE bench:$L_BENCH torch:$L_TORCH; do
    echo "step ${s%%:*} ${s##*:}"
    total=$((total + ${s##*:}))
  done
  echo "total $total"
  echo "session $SESSION_S"
}

if [ "${1:-}" = "--plan" ]; then plan; exit 0; fi
src="${1:?usage: device-session.sh BUNDLE_DIR|BUNDLE.tar.gz | --plan}"
out="${OUT:-/tmp/cmlr-device}"
mkdir -p "$out"
start=$(date +%s)
deadline=$((start + SESSION_S))

# The bundle: unpacked from the .tar.gz, or a folder made runnable (chmod, else a private copy).
prepare() {
  work="${TMPDIR:-/tmp}/cmlr-session.$$"
  case "$1" in
    *.tar.gz) mkdir -p "$work" && tar xzf "$1" -C "$work" || return 1
              bundle="$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)" ;;
    *) bundle="$1" ;;
  esac
  chmod +x "$bundle"/bin/* "$bundle"/runtime/bin/* 2>/dev/null
  if [ -e "$bundle/runtime/bin/java" ] && [ ! -x "$bundle/runtime/bin/java" ]; then
    mkdir -p "$work" && cp -R "$bundle" "$work/copy" && bundle="$work/copy" || return 1
    chmod +x "$bundle"/bin/* "$bundle"/runtime/bin/*
  fi
  [ -f "$bundle/bin/cmlr" ] && [ -f "$bundle/bin/native-check" ]
}

summary=""
step() {
  name="$1"; limit="$2"; shift 2
  left=$((deadline - $(date +%s)))
  if [ "$left" -lt 5 ]; then
    echo "=== $name: SKIPPED, the session's ${SESSION_S} s are used up"
    summary="$summary
$name skipped"
    return 125
  fi
  if [ "$limit" -gt "$left" ]; then limit=$left; fi
  echo "=== $name (limit ${limit} s): $(echo "$*" | tr '\n' ' ' | cut -c 1-100)"
  t0=$(date +%s)
  if command -v timeout >/dev/null 2>&1; then timeout "$limit" "$@" > "$out/$name.txt" 2>&1; else "$@" > "$out/$name.txt" 2>&1; fi
  rc=$?
  secs=$(( $(date +%s) - t0 ))
  [ "$rc" -eq 124 ] && echo "--- $name: TIMED OUT after ${limit} s"
  echo "--- $name: exit $rc after ${secs} s"
  tail -n "${TAIL:-30}" "$out/$name.txt"
  summary="$summary
$name exit $rc, ${secs} s"
  return $rc
}

finish() {
  echo "=== summary (outputs in $out: $(ls "$out" | tr '\n' ' '))$summary"
  echo "total $(( $(date +%s) - start )) s of the session's ${SESSION_S} s"
  exit "$1"
}

MACHINE='(timeout 10 nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv) 2>&1 || echo "nvidia-smi failed"
(ldconfig -p 2>/dev/null | grep -E "libcuda\.so|libcublas|libcurand") || echo "no libcuda/libcublas/libcurand in the loader cache"
ls -d /usr/local/cuda* /usr/local/nvidia 2>/dev/null
echo "python3: $(command -v python3 || echo none)"; exit 0'

trap 'rm -rf "${TMPDIR:-/tmp}/cmlr-session.$$"' EXIT  # the unpacked or copied bundle, if any
if ! prepare "$src"; then echo "device-session: no usable bundle at $src (bin/cmlr, bin/native-check)"; exit 2; fi
echo "bundle: $bundle"
step machine "$L_MACHINE" sh -c "$MACHINE"
step native-check "$L_NATIVE_CHECK" sh "$bundle/bin/native-check"
rc=$?
case $rc in
  0|25|26|27) ;;
  *) echo "STOP: native-check exit $rc (20 kernels, 21 driver, 22 JNI, 23 no device, 24 module, 124 timed out):" \
         "nothing after it can run; see $out/native-check.txt"
     finish "$rc" ;;
esac
step crosscheck "$L_CROSSCHECK" sh "$bundle/bin/cmlr" crosscheck
rc=$?
# 7 = no usable GPU, 8 = beyond tolerance (a numbers problem); any other failure is a CUDA or JNI
# fault: repeat with synchronous launches, so the kernel launch that failed reports the error.
if [ $rc -ne 0 ] && [ $rc -ne 7 ] && [ $rc -ne 8 ]; then
  CMLR_JAVA_OPTS="-Djcuda.LibUtils.level=INFO ${CMLR_JAVA_OPTS:-}" CUDA_LAUNCH_BLOCKING=1 \
    step crosscheck-blocking "$L_CROSSCHECK_BLOCKING" sh "$bundle/bin/cmlr" crosscheck
fi
step suite "$L_SUITE" sh "$bundle/bin/cmlr" crosscheck --suite
# the figures (JSON) to bench.json, the log to bench.txt
step bench "$L_BENCH" sh -c 'exec sh "$1" bench gpu --json > "$2"' bench "$bundle/bin/cmlr" "$out/bench.json"
[ -s "$out/bench.json" ] && cat "$out/bench.json"
if command -v python3 >/dev/null 2>&1; then
  step torch "$L_TORCH" python3 "$here/../scripts/torch_em.py" --cmlr-json "$out/bench.json" --json "$out/torch.json"
else
  echo "=== torch: SKIPPED, no python3 on PATH"
fi
finish 0
