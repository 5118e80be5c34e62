# Times R flexmix on the bench's grouped dataset, for `cmlr bench` stage (c).
#   java -jar target/cmlr.jar bench --write-flexmix-data /tmp/flexmix-bench.csv
#   Rscript scripts/flexmix-bench.R /tmp/flexmix-bench.csv src/test/resources/flexmix/bench-200k.json
#   Rscript scripts/flexmix-bench.R /tmp/flexmix-bench.csv /tmp/fread.json fread
# Fits flexmix(y ~ 0 + x1 + ... + xd | node, k = 2), ONE start (flexmix's default random
# initialisation, seed 1), default control. "seconds" times the flexmix() call alone;
# "readSeconds" the reading, by read.csv (default) or data.table::fread (third argument).
suppressMessages(library(flexmix))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2 || length(args) > 3) stop("usage: flexmix-bench.R DATA.csv OUT.json [read.csv|fread]")
reader <- if (length(args) == 3) args[3] else "read.csv"
if (!reader %in% c("read.csv", "fread")) stop("reader must be read.csv or fread")
r0 <- proc.time()[["elapsed"]]
df <- if (reader == "fread") {
  as.data.frame(data.table::fread(args[1], colClasses = c(node = "character")))
} else {
  read.csv(args[1], colClasses = c(node = "character"))
}
readSeconds <- proc.time()[["elapsed"]] - r0
features <- setdiff(names(df), c("node", "y"))
formula <- as.formula(paste("y ~ 0 +", paste(features, collapse = " + "), "| node"))
set.seed(1)
t0 <- proc.time()[["elapsed"]]
fit <- flexmix(formula, data = df, k = 2)
seconds <- proc.time()[["elapsed"]] - t0
cpu <- system("grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'", intern = TRUE)
json <- sprintf(paste0('{\n  "data": "%s", "rows": %d, "nodes": %d, "features": %d, "K": 2, "starts": 1,\n',
  '  "flexmix": "%s", "R": "%s", "cpu": "%s",\n',
  '  "reader": "%s", "readSeconds": %.3f,\n',
  '  "seconds": %.3f, "logLik": %.17g, "componentsKept": %d, "iterations": %d\n}\n'),
  basename(args[1]), nrow(df), length(unique(df$node)), length(features),
  format(packageVersion("flexmix")), R.version.string, cpu, reader, readSeconds, seconds, as.numeric(logLik(fit)),
  fit@k, fit@iter)
writeLines(json, args[2], sep = "")
cat(json)
