#!/bin/sh
# The checks of one short GPU session (about 3-5 minutes on an H200), prepared so that no device
# time goes to typing. Build the bundle first on a machine with Java and nvcc:
#   mvn -B package -Pbundle -DskipTests
# then, on the GPU machine, from the repository root (the bundle directory carried along):
#   native-check/device-session.sh target/cmlr-0.1.0-linux-x86_64
# Every step's full output goes to $OUT (default /tmp/cmlr-device); the last lines are printed.
# A step that fails with a CUDA error is repeated with CUDA_LAUNCH_BLOCKING=1, so the error is
# reported by the kernel launch that caused it rather than by a later copy.
set -u
bundle="${1:?usage: device-session.sh BUNDLE_DIR}"
out="${OUT:-/tmp/cmlr-device}"
mkdir -p "$out"
cmlr="$bundle/bin/cmlr"

step() {
  name="$1"; limit="$2"; shift 2
  echo "=== $name: $*"
  t0=$(date +%s)
  timeout "$limit" "$@" > "$out/$name.txt" 2>&1
  rc=$?
  echo "--- $name: exit $rc after $(( $(date +%s) - t0 )) s"
  tail -n "${TAIL:-30}" "$out/$name.txt"
  return $rc
}

{
  nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv
  (ldconfig -p 2>/dev/null | grep -E 'libcuda\.so|libcublas|libcurand') || echo "no cuBLAS/cuRAND in the loader cache"
  ls -d /usr/local/cuda* 2>/dev/null
} > "$out/machine.txt" 2>&1
cat "$out/machine.txt"

step native-check 120 "$bundle/bin/native-check"
TAIL=0 step native-check-json 120 "$bundle/bin/native-check" --json
step crosscheck 180 "$cmlr" crosscheck
rc=$?
# 7 = no usable GPU (native-check says why), 8 = differences beyond tolerance (a numbers problem);
# anything else non-zero is a CUDA or JNI fault: repeat with synchronous launches to name the kernel.
if [ $rc -ne 0 ] && [ $rc -ne 7 ] && [ $rc -ne 8 ]; then
  CMLR_JAVA_OPTS="-Djcuda.LibUtils.level=INFO ${CMLR_JAVA_OPTS:-}" CUDA_LAUNCH_BLOCKING=1 \
    step crosscheck-blocking 180 "$cmlr" crosscheck
fi
step suite 240 "$cmlr" crosscheck --suite
step bench 240 "$cmlr" bench gpu
echo "=== outputs in $out: $(ls "$out" | tr '\n' ' ')"
