# Regenerates the real-data fixtures in this directory (run from anywhere):
#   scripts/install-r.sh && Rscript src/test/resources/flexmix/realdata/make-realdata.R
# Optional arguments name the datasets to remake (default: all).
# For each dataset: NAME.csv (node,y,x1..xp; the intercept is NOT a column) taken from an R
# package (NAME.csv.gz above 20,000 rows), and NAME.reference.json: flexmix's best of 10 runs at its defaults
# (stepFlexmix(y ~ x | node, k = 1:5, nrep = 10)) per K, with logLik, df, BIC and the
# components flexmix kept (its default minprior = 0.05 drops small ones), and the spread of the
# kept components: the smallest ratio of ML variances sigma_k^2 / max_l sigma_l^2, the smallest
# expected rows sum_i p_ik and expected nodes sum_j p_jk of a component (what cmlr's spurious-
# solution bounds are checked against).
# The test suite reads these files; it never runs R.
suppressMessages({
  library(flexmix); library(nlme); library(lme4); library(mlmRev); library(plm)
})

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
outdir <- if (length(script) == 1) dirname(normalizePath(script)) else "."

num <- function(v) sprintf("%.17g", v)
pkgdata <- function(name, pkg) { e <- new.env(); data(list = name, package = pkg, envir = e); e[[name]] }

# Each dataset: response, features (numeric), grouping; rows sorted by node so nodes are contiguous.
datasets <- list(
  orthodont  = with(nlme::Orthodont, data.frame(node = Subject, y = distance, age = age)),
  oxboys     = with(nlme::Oxboys, data.frame(node = Subject, y = height, age = age)),
  bodyweight = with(nlme::BodyWeight, data.frame(node = Rat, y = weight, time = Time)),
  sleepstudy = with(lme4::sleepstudy, data.frame(node = Subject, y = Reaction, days = Days)),
  chickweight = with(datasets::ChickWeight, data.frame(node = Chick, y = weight, time = Time)),
  grunfeld   = with(pkgdata("Grunfeld", "plm"), data.frame(node = firm, y = inv, value = value, capital = capital)),
  exam       = with(pkgdata("Exam", "mlmRev"), data.frame(node = school, y = normexam, lrt = standLRT,
                                             female = as.numeric(sex == "F"))),
  hsb82      = with(pkgdata("Hsb82", "mlmRev"), data.frame(node = school, y = mAch, ses = ses,
                                              minority = as.numeric(minrty == "Yes"),
                                              female = as.numeric(sx == "Female"))),
  produc     = with(pkgdata("Produc", "plm"), data.frame(node = state, y = log(gsp), lpcap = log(pcap), lpc = log(pc),
                                            lemp = log(emp), unemp = unemp)),
  chem97     = with(pkgdata("Chem97", "mlmRev"), data.frame(node = school, y = score, gcse = gcsecnt,
                                              female = as.numeric(gender == "F"), age = age))
)

wanted <- commandArgs(trailingOnly = TRUE)
if (length(wanted) == 0) wanted <- names(datasets)
for (name in wanted) {
  df <- datasets[[name]]
  df$node <- factor(as.character(df$node))
  df <- df[order(df$node), ]
  feats <- setdiff(names(df), c("node", "y"))
  out <- df
  out$node <- as.character(out$node)
  csvname <- paste0(name, if (nrow(df) > 20000) ".csv.gz" else ".csv") # large data compressed (cmlr reads .csv.gz)
  con <- if (grepl("gz$", csvname)) gzfile(file.path(outdir, csvname), "w") else file.path(outdir, csvname)
  write.csv(out, con, row.names = FALSE, quote = FALSE)
  if (inherits(con, "connection")) close(con)
  formula <- as.formula(paste("y ~", paste(feats, collapse = " + "), "| node"))
  set.seed(2024)
  t0 <- proc.time()[["elapsed"]]
  steps <- stepFlexmix(formula, data = df, k = 1:5, nrep = 10, verbose = FALSE)
  secs <- proc.time()[["elapsed"]] - t0
  fits <- character(0)
  X <- cbind(1, as.matrix(df[, feats, drop = FALSE]))
  first <- !duplicated(df$node)
  for (K in 1:5) {
    f <- getModel(steps, which = as.character(K))
    post <- posterior(f)
    beta <- parameters(f)[seq_len(ncol(X)), , drop = FALSE]
    s2 <- sapply(seq_len(f@k), function(k) sum(post[, k] * (df$y - X %*% beta[, k])^2) / sum(post[, k]))
    fits <- c(fits, sprintf(paste0('{"K": %d, "kept": %d, "logLik": %s, "df": %d, "BIC": %s, ',
                                   '"minVarianceRatio": %s, "minExpectedRows": %s, "minExpectedNodes": %s}'),
                            K, f@k, num(logLik(f)), attr(logLik(f), "df"), num(BIC(f)),
                            num(min(s2) / max(s2)), num(min(colSums(post))), num(min(colSums(post[first, , drop = FALSE])))))
  }
  json <- sprintf(paste0('{"name": "%s", "csv": "%s", "rows": %d, "nodes": %d, "features": %d,\n',
    ' "reference": "flexmix best of 10: set.seed(2024); stepFlexmix(%s, k = 1:5, nrep = 10)",\n',
    ' "flexmix": "%s", "R": "%s", "seconds": %.2f,\n "fits": [\n  %s]}\n'),
    name, csvname, nrow(df), nlevels(df$node), length(feats), paste(deparse(formula), collapse = ""),
    format(packageVersion("flexmix")), R.version.string, secs, paste(fits, collapse = ",\n  "))
  writeLines(json, file.path(outdir, paste0(name, ".reference.json")))
  cat(name, nrow(df), "rows", nlevels(df$node), "nodes", sprintf("%.1f s", secs), "\n")
}
