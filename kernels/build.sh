#!/usr/bin/env bash
# Compiles kernels/*.cu into one fatbin: machine code for sm_80, sm_86, sm_89, sm_90 plus
# compute_90 PTX for newer GPUs. Usage: kernels/build.sh OUT_DIR
# Without nvcc the build still succeeds; the GPU backend then reports "kernels not built".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: build.sh OUT_DIR}"
mkdir -p "$out"
# NVCC=/path/to/nvcc picks a compiler; NVCC=none builds without kernels (as on a machine without nvcc).
nvcc="${NVCC:-}"
if [[ "$nvcc" == none ]]; then
  nvcc=""
elif [[ -z "$nvcc" ]]; then
  if command -v nvcc >/dev/null 2>&1; then nvcc="$(command -v nvcc)";
  elif [[ -n "${CUDA_HOME:-}" && -x "$CUDA_HOME/bin/nvcc" ]]; then nvcc="$CUDA_HOME/bin/nvcc";
  elif [[ -x /usr/local/cuda/bin/nvcc ]]; then nvcc=/usr/local/cuda/bin/nvcc;
  fi
fi
if [[ -z "$nvcc" ]]; then
  echo "[cmlr kernels] nvcc not found: GPU kernels NOT built (the CPU backend works; the GPU backend will report 'kernels not built')"
  rm -f "$out/cmlr.fatbin"
  exit 0
fi
target="$out/cmlr.fatbin"
newest_src="$(ls -t "$here"/*.cu "$here"/*.cuh "$0" | head -1)"
if [[ -f "$target" && "$target" -nt "$newest_src" ]]; then
  echo "[cmlr kernels] $target is up to date"
  exit 0
fi
archs=(-gencode arch=compute_80,code=sm_80 -gencode arch=compute_86,code=sm_86
       -gencode arch=compute_89,code=sm_89 -gencode arch=compute_90,code=sm_90
       -gencode arch=compute_90,code=compute_90)
echo "[cmlr kernels] $("$nvcc" --version | tail -1)"
start=$(date +%s)
# -Werror all-warnings: a kernel that warns is a bug waiting; --threads 0 compiles archs in parallel.
"$nvcc" -fatbin -O3 --threads 0 -Werror all-warnings -std=c++17 "${archs[@]}" -o "$target.tmp" "$here/cmlr.cu"
mv "$target.tmp" "$target"
echo "[cmlr kernels] built $target ($(stat -c %s "$target") bytes) in $(( $(date +%s) - start )) s"
