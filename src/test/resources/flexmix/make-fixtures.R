# Regenerates the flexmix parity fixtures in this directory (run from anywhere):
#   scripts/install-r.sh && Rscript src/test/resources/flexmix/make-fixtures.R
# For each dataset: NAME.csv (node,y,x1..xp; the intercept is NOT a column, see "intercept")
# NAME.posterior.csv (flexmix's per-node posteriors) and NAME.json (flexmix's fit: logLik, coefficients, sigma, prior, refit() standard errors).
# The test suite reads these files; it never runs R.
suppressMessages(library(flexmix))

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
outdir <- if (length(script) == 1) dirname(normalizePath(script)) else "."

num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ", "), "]")
str <- function(v) paste0("[", paste0('"', v, '"', collapse = ", "), "]")

# Grouped mixture of regressions: node j draws z_j ~ pi, all its rows share beta_z, sigma_z.
simulate <- function(m, nmin, nmax, betas, sigmas, prior, intercept) {
  K <- length(prior); p <- ncol(betas) - intercept
  sizes <- sample(nmin:nmax, m, replace = TRUE)
  z <- sample(seq_len(K), m, replace = TRUE, prob = prior)
  node <- rep(seq_len(m), sizes)
  X <- matrix(rnorm(sum(sizes) * p), ncol = p)
  colnames(X) <- paste0("x", seq_len(p))
  D <- if (intercept) cbind(1, X) else X
  zr <- z[node]
  y <- rowSums(D * betas[zr, , drop = FALSE]) + rnorm(length(zr), sd = sigmas[zr])
  list(df = data.frame(node = sprintf("n%03d", node), y = y, X), z = z)
}

fit_best <- function(formula, df, K, z, model, reps = 8) {
  # flexmix's EM from the true partition and from random partitions; keep the best logLik.
  # minprior = 0: flexmix's default 0.05 would drop small components silently.
  ctrl <- list(minprior = 0, iter.max = 2000, tolerance = 1e-12)
  best <- flexmix(formula, data = df, k = K, cluster = z[as.integer(factor(df$node))],
                  model = model, control = ctrl)
  for (r in seq_len(reps)) {
    f <- try(flexmix(formula, data = df, k = K, model = model, control = ctrl), silent = TRUE)
    if (!inherits(f, "try-error") && f@k == K && logLik(f) > logLik(best)) best <- f
  }
  best
}

component_json <- function(fit, k, N, shared) {
  p <- parameters(fit, component = k)
  coef <- p[grep("^coef", rownames(p)), 1]
  sigma <- p["sigma", 1]
  rank <- length(coef)
  # flexmix's sigma is not the ML value sqrt(sum(w r^2) / sum(w)) (w: posterior of the row):
  #   FLXMRglm:                 sqrt(sum(w r^2) / mean(w) / (N - rank)), so ML = sigma^2 (N - rank) / N;
  #   FLXMRglmfix(varFix=TRUE): the K components stacked, K*N rows, mean(w) = 1/K, and the
  #                             denominator K*N - rank, so ML = sigma^2 (K N - rank) / (K N).
  rows <- if (shared) fit@k * N else N
  sprintf('{"coef": %s, "sigma": %.17g, "sigmaML": %.17g, "prior": %.17g}',
          num(coef), sigma, sigma * sqrt((rows - rank) / rows), prior(fit)[k])
}

refit_json <- function(fit) {
  vc <- try(flexmix:::VarianceCovariance(fit), silent = TRUE)
  if (inherits(vc, "try-error")) {
    return(sprintf('{"available": false, "why": "%s"}', gsub('["\n]', " ", as.character(vc))))
  }
  se <- sqrt(diag(vc$vcov))
  sprintf('{"available": true, "names": %s, "estimate": %s, "se": %s}',
          str(names(vc$coef)), num(vc$coef), num(se))
}

make <- function(name, m, nmin, nmax, betas, sigmas, prior, intercept, shared) {
  sim <- simulate(m, nmin, nmax, betas, sigmas, prior, intercept)
  df <- sim$df; K <- length(prior); p <- ncol(betas) - intercept
  rhs <- paste(paste0("x", seq_len(p)), collapse = " + ")
  formula <- as.formula(paste("y ~", if (intercept) "" else "0 +", rhs, "| node"))
  model <- if (shared) FLXMRglmfix(varFix = TRUE) else FLXMRglm()
  t0 <- proc.time()[["elapsed"]]
  fit <- fit_best(formula, df, K, sim$z, model)
  N <- nrow(df)
  comps <- sapply(seq_len(K), function(k) component_json(fit, k, N, shared))
  json <- paste0('{\n  "name": "', name, '",\n  "csv": "', name, '.csv",\n',
    '  "K": ', K, ', "intercept": ', tolower(intercept), ', "sharedVariance": ', tolower(shared), ',\n',
    '  "rows": ', N, ', "nodes": ', m, ', "features": ', p, ',\n',
    '  "truth": {"betas": ', num(t(betas)), ', "sigmas": ', num(sigmas), ', "prior": ', num(prior), '},\n',
    '  "flexmix": {"version": "', format(packageVersion("flexmix")), '", "logLik": ', sprintf("%.17g", logLik(fit)),
    ', "df": ', attr(logLik(fit), "df"), ', "AIC": ', sprintf("%.17g", AIC(fit)), ', "BIC": ', sprintf("%.17g", BIC(fit)),
    ', "ICL": ', sprintf("%.17g", ICL(fit)), ', "iterations": ', fit@iter, ', "seconds": ', sprintf("%.3f", proc.time()[["elapsed"]] - t0), ',\n',
    '    "components": [\n      ', paste(comps, collapse = ",\n      "), '\n    ],\n',
    '    "refit": ', refit_json(fit), '\n  }\n}\n')
  write.csv(df, file.path(outdir, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  # flexmix's per-node posteriors (the first row of each node; constant within a node)
  post <- posterior(fit)[!duplicated(df$node), , drop = FALSE]
  colnames(post) <- paste0("p_", seq_len(K))
  write.csv(data.frame(node = unique(df$node), post), file.path(outdir, paste0(name, ".posterior.csv")),
            row.names = FALSE, quote = FALSE)
  writeLines(json, file.path(outdir, paste0(name, ".json")), sep = "")
  cat(name, ": logLik", logLik(fit), "K", fit@k, "\n")
}

set.seed(20240501)
make("k2_separate_intercept", m = 80, nmin = 3, nmax = 25,
     betas = rbind(c(1, 2, -1), c(-1, -0.5, 1.5)), sigmas = c(0.5, 1.0), prior = c(0.4, 0.6),
     intercept = TRUE, shared = FALSE)
make("k3_separate_intercept", m = 120, nmin = 2, nmax = 20,
     betas = rbind(c(0, 1), c(3, -1), c(-2, 0.5)), sigmas = c(0.3, 0.6, 1.0), prior = c(0.3, 0.3, 0.4),
     intercept = TRUE, shared = FALSE)
make("k2_shared_intercept", m = 70, nmin = 4, nmax = 15,
     betas = rbind(c(0.5, 1, 1, -1), c(-0.5, -1, 0.5, 1)), sigmas = c(0.8, 0.8), prior = c(0.5, 0.5),
     intercept = TRUE, shared = TRUE)
make("k2_separate_nointercept_small_nodes", m = 60, nmin = 1, nmax = 12,
     betas = rbind(c(2, -1), c(-1, 2)), sigmas = c(0.4, 0.7), prior = c(0.35, 0.65),
     intercept = FALSE, shared = FALSE)
