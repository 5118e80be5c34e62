# Times data.table::fread reading a CSV, for `cmlr bench` stage (d) (ingest MB/s against cmlr's reader).
#   Rscript scripts/fread-bench.R DATA.csv THREADS REPEATS
# Reads the file REPEATS times with fread(nThread = THREADS), the node column as text and every
# other column as double (what cmlr parses), and prints one JSON line with the best wall time and
# the file's MB/s (10^6 bytes per second).
suppressMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3) stop("usage: fread-bench.R DATA.csv THREADS REPEATS")
threads <- as.integer(args[2])
repeats <- as.integer(args[3])
best <- Inf
for (i in seq_len(repeats)) {
  t0 <- proc.time()[["elapsed"]]
  dt <- fread(args[1], colClasses = c(node = "character"), nThread = threads, showProgress = FALSE)
  best <- min(best, proc.time()[["elapsed"]] - t0)
}
bytes <- file.size(args[1])
cat(sprintf('{"peer": "fread %s", "threads": %d, "rows": %d, "seconds": %.4f, "mbPerSecond": %.2f}\n',
  format(packageVersion("data.table")), threads, nrow(dt), best, bytes / 1e6 / best))
