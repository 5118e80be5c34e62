# Regenerates the R-data fixtures in this directory (run from anywhere):
#   scripts/install-r.sh && Rscript src/test/resources/rdata/make-rdata.R
# Real data frames from R packages written as R writes them (write.csv with and without row
# names, write.csv2, TSV), and flexmix fits of R formulas on them: NAME.json holds the formula,
# K, flexmix's log-likelihood, df, coefficient names, estimates and refit() standard errors.
# Factor levels follow the C locale's order (cmlr's documented order). The tests never run R.
suppressMessages({ library(flexmix); library(mlmRev) })
invisible(Sys.setlocale("LC_COLLATE", "C"))

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
outdir <- if (length(script) == 1) dirname(normalizePath(script)) else "."
out <- function(f) file.path(outdir, f)

num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ", "), "]")
str <- function(v) paste0("[", paste0('"', gsub('"', '\\\\"', v), '"', collapse = ", "), "]")

# The same data frame in the four layouts a user meets.
write.csv(airquality, out("airquality.csv"))
write.csv(airquality, out("airquality_norownames.csv"), row.names = FALSE)
write.csv2(airquality, out("airquality_csv2.csv"))
write.table(airquality, out("airquality.tsv"), sep = "\t", row.names = FALSE)

best_fit <- function(formula, df, K, reps) {
  ctrl <- list(minprior = 0, iter.max = 3000, tolerance = 1e-13)
  set.seed(1)
  best <- NULL
  for (r in seq_len(reps)) {
    f <- try(flexmix(formula, data = df, k = K, control = ctrl), silent = TRUE)
    if (!inherits(f, "try-error") && f@k == K && (is.null(best) || logLik(f) > logLik(best))) best <- f
  }
  best
}

golden <- function(name, csv, formula, df, K, grouped, reps = 20, dropped = 0) {
  fit <- best_fit(as.formula(formula), df, K, reps)
  N <- nrow(df)
  comps <- sapply(seq_len(K), function(k) {
    p <- parameters(fit, component = k)
    coef <- p[grep("^coef", rownames(p)), 1]
    sigma <- p["sigma", 1]
    rank <- length(coef)
    sprintf('{"coef": %s, "sigma": %.17g, "sigmaML": %.17g, "prior": %.17g}',
            num(coef), sigma, sigma * sqrt((N - rank) / N), prior(fit)[k])
  })
  names1 <- sub("^coef\\.", "", grep("^coef", rownames(parameters(fit, component = 1)), value = TRUE))
  # refit(): ML by optim (BFGS) from the EM estimate; flexmix's EM itself uses a non-ML sigma, so its
  # fixed point is slightly below the maximum. A tight reltol makes the optimum comparable.
  vc <- flexmix:::VarianceCovariance(fit, optim_control = list(reltol = 1e-15, maxit = 20000))
  refit_ll <- flexmix:::FLXlogLikfun(fit)(vc$coef)
  # refit()'s Hessian differences the analytic gradient with steps 1e-3; with steps 1e-5 it is
  # accurate also when the covariance is ill conditioned (airquality's un-centred Temp)
  H <- optimHess(vc$coef, flexmix:::FLXlogLikfun(fit), flexmix:::FLXgradlogLikfun(fit),
                 control = list(fnscale = -1, ndeps = rep(1e-5, length(vc$coef))))
  se_fine <- sqrt(diag(solve(-H)))
  json <- paste0('{\n  "name": "', name, '", "csv": "', csv, '", "formula": "', formula, '",\n',
    '  "K": ', K, ', "grouped": ', tolower(grouped), ', "rows": ', N, ', "dropped": ', dropped, ',\n',
    '  "coefficients": ', str(names1), ',\n',
    '  "flexmix": {"version": "', format(packageVersion("flexmix")), '", "logLik": ', sprintf("%.17g", logLik(fit)),
    ', "df": ', attr(logLik(fit), "df"), ',\n',
    '    "components": [\n      ', paste(comps, collapse = ",\n      "), '\n    ],\n',
    '    "refit": {"logLik": ', sprintf("%.17g", refit_ll), ', "condition": ', sprintf("%.6g", kappa(vc$vcov, exact = TRUE)), ',\n      "names": ', str(names(vc$coef)), ', "estimate": ', num(vc$coef), ', "se": ', num(sqrt(diag(vc$vcov))),
    ',\n      "seFineSteps": ', num(se_fine), '}\n  }\n}\n')
  writeLines(json, out(paste0(name, ".json")), sep = "")
  cat(name, ": logLik", logLik(fit), "df", attr(logLik(fit), "df"), "\n")
}

# An ungrouped fit with I(): the flexmix vignette's NPreg (written with row names).
data("NPreg")
write.csv(NPreg[, c("x", "yn", "class")], out("npreg.csv"))
golden("npreg_quadratic", "npreg.csv", "yn ~ x + I(x^2)", NPreg, 2, FALSE)

# A grouped fit with factors (levels F/M; "bottom 25%", "mid 50%", "top 25%"), mlmRev's Exam by school.
data("Exam", package = "mlmRev")
exam <- Exam[, c("school", "normexam", "standLRT", "sex", "intake")]
write.csv(exam, out("exam.csv"), row.names = FALSE)
golden("exam_factors_grouped", "exam.csv", "normexam ~ standLRT + sex + intake | school", exam, 2, TRUE, reps = 10)

# NA rows: flexmix stops on NA, so it fits the complete rows; cmlr reads airquality.csv as written.
aq <- na.omit(airquality[, c("Ozone", "Temp", "Wind")])
golden("airquality_na", "airquality.csv", "log(Ozone) ~ Temp + Wind", aq, 2, FALSE,
       dropped = nrow(airquality) - nrow(aq))

# Coefficients shared by all components: FLXMRglmfix(fixed = ~ ...), cmlr's --fixed. flexmix puts the
# shared coefficients first in each component's coef and in refit()'s parameters (unnamed by
# component), then every component's varying ones, the log(sigma)s and the log-odds. "estimate",
# "logLik" and "seFineSteps" are at refit()'s optimum polished by Newton steps; "se" is refit()'s own.
# Central differences of f at th with steps h and h/2, extrapolated (error O(h^4)); the Hessian differences the gradient.
rdiff <- function(g, th, i, h) {
  e <- replace(numeric(length(th)), i, 1)
  d <- function(s) (g(th + s * e) - g(th - s * e)) / (2 * s)
  (4 * d(h / 2) - d(h)) / 3
}
rgrad <- function(f, th, h = 1e-3) sapply(seq_along(th), function(i) rdiff(f, th, i, h))
rhess <- function(f, th, h = 1e-3) {
  H <- sapply(seq_along(th), function(i) rdiff(function(t) rgrad(f, t, h), th, i, h))
  (H + t(H)) / 2
}

golden_fixed <- function(name, csv, formula, fixed, df, K, grouped, varFix = FALSE, reps = 20) {
  ctrl <- list(minprior = 0, iter.max = 3000, tolerance = 1e-13)
  model <- FLXMRglmfix(fixed = as.formula(fixed), varFix = varFix)
  set.seed(1)
  fit <- NULL
  for (r in seq_len(reps)) {
    f <- try(flexmix(as.formula(formula), data = df, k = K, model = model, control = ctrl), silent = TRUE)
    if (!inherits(f, "try-error") && f@k == K && (is.null(fit) || logLik(f) > logLik(fit))) fit <- f
  }
  comps <- sapply(seq_len(K), function(k) {
    p <- parameters(fit, component = k)
    sprintf('{"coef": %s, "sigma": %.17g, "prior": %.17g}', num(p[grep("^coef", rownames(p)), 1]), p["sigma", 1],
            prior(fit)[k])
  })
  names1 <- sub("^coef\\.", "", grep("^coef", rownames(parameters(fit, component = 1)), value = TRUE))
  shared <- colnames(fit@model[[1]]@design)[colSums(fit@model[[1]]@design) == K]
  vc <- flexmix:::VarianceCovariance(fit, optim_control = list(reltol = 1e-15, maxit = 20000))
  # BFGS (without a gradient: flexmix has none for FLXMRglmfix) stops a little short on flat ridges:
  # Newton steps with Richardson-extrapolated central differences polish its optimum
  ll <- flexmix:::FLXlogLikfun(fit)
  theta <- vc$coef
  for (i in 1:3) theta <- theta - solve(rhess(ll, theta), rgrad(ll, theta))
  if (ll(theta) < ll(vc$coef)) theta <- vc$coef
  refit_ll <- ll(theta)
  H <- rhess(ll, theta)
  json <- paste0('{\n  "name": "', name, '", "csv": "', csv, '", "formula": "', formula, '", "fixed": "', fixed, '",\n',
    '  "K": ', K, ', "grouped": ', tolower(grouped), ', "sharedVariance": ', tolower(varFix), ', "rows": ', nrow(df), ',\n',
    '  "coefficients": ', str(names1), ', "shared": ', str(shared), ',\n',
    '  "flexmix": {"version": "', format(packageVersion("flexmix")), '", "logLik": ', sprintf("%.17g", logLik(fit)),
    ', "df": ', attr(logLik(fit), "df"), ',\n',
    '    "components": [\n      ', paste(comps, collapse = ",\n      "), '\n    ],\n',
    '    "refit": {"logLik": ', sprintf("%.17g", refit_ll), ', "condition": ', sprintf("%.6g", kappa(vc$vcov, exact = TRUE)),
    ',\n      "names": ', str(names(vc$coef)), ', "estimate": ', num(theta), ', "se": ', num(sqrt(diag(vc$vcov))),
    ',\n      "seFineSteps": ', num(sqrt(diag(solve(-H)))), '}\n  }\n}\n')
  writeLines(json, out(paste0(name, ".json")), sep = "")
  cat(name, ": logLik", logLik(fit), "refit", refit_ll, "df", attr(logLik(fit), "df"), "\n")
}

golden_fixed("exam_fixed_grouped", "exam.csv", "normexam ~ standLRT | school", "~ sex + intake", exam, 2, TRUE, reps = 10)
golden_fixed("exam_fixed_intercept", "exam.csv", "normexam ~ 0 + standLRT | school", "~ 1 + sex", exam, 2, TRUE, reps = 10)
golden_fixed("npreg_fixed", "npreg.csv", "yn ~ x", "~ I(x^2)", NPreg, 2, FALSE)
golden_fixed("npreg_fixed_varfix", "npreg.csv", "yn ~ x", "~ I(x^2)", NPreg, 2, FALSE, varFix = TRUE)
