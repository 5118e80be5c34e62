#!/bin/bash
# A Slurm job array: each task runs one shard of the sweep; no coordinator is needed because every
# shard is a deterministic slice of the plan. A task that is requeued, or cancelled and submitted
# again, resumes its shard.
#   sbatch examples/slurm-sweep.sh examples/scaling_mn_fixed.yaml results/mn
#   sbatch --array=3 examples/slurm-sweep.sh examples/scaling_mn_fixed.yaml results/mn   # redo task 3 only
# then, once all tasks are done:
#   java -jar target/cmlr.jar merge --out results/mn results/mn && java -jar target/cmlr.jar summarize results/mn
# Settings from the environment (sbatch passes the submitting shell's environment on):
#   CMLR_SPEC, CMLR_OUT  the sweep file and output directory, when not given as arguments
#   CMLR_SHARDS          number of shards (default 10); must equal the size of the whole array, also
#                        when one index is resubmitted, so it is not read from SLURM_ARRAY_TASK_COUNT
#   CMLR_JAR             the cmlr jar (default target/cmlr.jar, relative to the submit directory)
#   CMLR_BACKEND         auto (default), cpu or gpu
# Options given to sbatch override the #SBATCH lines, e.g. sbatch --array=0-3 --cpus-per-task=1.
#SBATCH --job-name=cmlr-sweep
#SBATCH --array=0-9
#SBATCH --cpus-per-task=4
#SBATCH --time=01:00:00
#SBATCH --output=cmlr-sweep-%A_%a.log
##SBATCH --gres=gpu:1            # uncomment for the GPU backend (--backend auto picks it up)
set -euo pipefail
SPEC=${1:-${CMLR_SPEC:?give the sweep file as the first argument or in CMLR_SPEC}}
OUT=${2:-${CMLR_OUT:?give the output directory as the second argument or in CMLR_OUT}}
SHARDS=${CMLR_SHARDS:-10}
TASK=${SLURM_ARRAY_TASK_ID:?submit as a job array: sbatch --array=0-$((SHARDS - 1))}
# exec: scancel's SIGTERM reaches the JVM directly
exec java -jar "${CMLR_JAR:-target/cmlr.jar}" sweep "$SPEC" --out "$OUT" \
    --shard "$TASK/$SHARDS" --threads "${SLURM_CPUS_PER_TASK:-1}" --backend "${CMLR_BACKEND:-auto}"
