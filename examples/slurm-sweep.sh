#!/bin/bash
# A Slurm job array: each task runs one shard of the sweep; no coordinator is needed because every
# shard is a deterministic slice of the plan. A task that is requeued resumes its shard.
#   sbatch examples/slurm-sweep.sh examples/scaling_mn_fixed.yaml results/mn
# then, once all tasks are done:
#   java -jar target/cmlr.jar merge --out results/mn results/mn && java -jar target/cmlr.jar summarize results/mn
#SBATCH --job-name=cmlr-sweep
#SBATCH --array=0-9
#SBATCH --cpus-per-task=4
#SBATCH --time=01:00:00
#SBATCH --output=cmlr-sweep-%A_%a.log
##SBATCH --gres=gpu:1            # uncomment for the GPU backend (--backend auto picks it up)
set -euo pipefail
SPEC=${1:?sweep file}
OUT=${2:?output directory}
SHARDS=10                        # must match --array=0-(SHARDS-1)
java -jar target/cmlr.jar sweep "$SPEC" --out "$OUT" \
    --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" --threads "${SLURM_CPUS_PER_TASK}" --backend auto
