#!/usr/bin/env bash
# Runs the cmlr kernels on the CPU (g++ + shim.h) and checks them against direct formulas.
# Usage: kernels/emulate/run.sh WORK_DIR   (writes WORK_DIR/stream.txt; exit 0 when all pass)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:?usage: run.sh WORK_DIR}"
mkdir -p "$work"
for f in generation statistics estep reductions; do
  sed -e 's/extern __shared__ double tile\[\];/double* tile = g_dyn;/' -e 's/__shared__/static/' \
      -e 's/#include "common.cuh"/#include "common.h"/' "$here/../$f.cu" > "$work/$f.cc"
done
sed -e 's/#pragma once/#pragma once\n#include "shim.h"/' "$here/../common.cuh" > "$work/common.h"
cp "$here/shim.h" "$here/check.cc" "$work/"
g++ -std=c++20 -O1 -pthread -o "$work/check" "$work/check.cc"
cd "$work" && ./check
