# Regenerates the concomitant-model fixtures in this directory (run from anywhere):
#   Rscript src/test/resources/rdata/make-concomitant.R
# flexmix fits with FLXPmultinom concomitant models (mixing weights a multinomial logit of
# node-level covariates) on real data frames from R packages: NAME.json holds the formulas, K,
# flexmix's best log-likelihood over several starts, df, the component and concomitant estimates,
# and refit()'s estimates and standard errors. Factor levels follow the C locale's order (cmlr's
# documented order), so both take the same baseline level. The tests never run R.
suppressMessages({ library(flexmix); library(mlmRev) })
invisible(Sys.setlocale("LC_COLLATE", "C"))

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
outdir <- if (length(script) == 1) dirname(normalizePath(script)) else "."
out <- function(f) file.path(outdir, f)

num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ", "), "]")
str <- function(v) paste0("[", paste0('"', gsub('"', '\\\\"', v), '"', collapse = ", "), "]")
SEED <- 1

best_fit <- function(formula, concomitant, df, K, reps, fixed = NULL) {
  model <- if (is.null(fixed)) FLXMRglm() else FLXMRglmfix(fixed = as.formula(fixed))
  ctrl <- list(minprior = 0, iter.max = 3000, tolerance = 1e-13)
  set.seed(SEED)
  best <- NULL
  for (r in seq_len(reps)) {
    f <- try(flexmix(formula, data = df, k = K, control = ctrl, model = model,
                     concomitant = FLXPmultinom(concomitant)), silent = TRUE)
    if (!inherits(f, "try-error") && f@k == K && (is.null(best) || logLik(f) > logLik(best))) best <- f
  }
  best
}

golden <- function(name, csv, formula, concomitant, df, K, grouped, reps = 10, fixed = NULL) {
  fit <- best_fit(as.formula(formula), as.formula(concomitant), df, K, reps, fixed)
  N <- nrow(df)
  comps <- sapply(seq_len(K), function(k) {
    p <- parameters(fit, component = k)
    coef <- p[grep("^coef", rownames(p)), 1]
    sprintf('{"coef": %s, "sigma": %.17g}', num(coef), p["sigma", 1])
  })
  names1 <- sub("^coef\\.", "", grep("^coef", rownames(parameters(fit, component = 1)), value = TRUE))
  gam <- parameters(fit, which = "concomitant")  # terms x K, the first column 0 (the baseline)
  vc <- flexmix:::VarianceCovariance(fit, optim_control = list(reltol = 1e-15, maxit = 20000))
  refit_ll <- flexmix:::FLXlogLikfun(fit)(vc$coef)
  H <- optimHess(vc$coef, flexmix:::FLXlogLikfun(fit), flexmix:::FLXgradlogLikfun(fit),
                 control = list(fnscale = -1, ndeps = rep(1e-5, length(vc$coef))))
  json <- paste0('{\n  "name": "', name, '", "csv": "', csv, '", "formula": "', formula,
    '", "concomitant": "', concomitant, '",', if (is.null(fixed)) '' else paste0(' "fixed": "', fixed, '",'), '\n',
    '  "K": ', K, ', "grouped": ', tolower(grouped), ', "rows": ', N, ', "starts": ', reps, ', "seed": ', SEED, ',\n',
    '  "coefficients": ', str(names1), ', "concomitantTerms": ', str(rownames(gam)), ',\n',
    '  "R": "', R.version.string, '",\n',
    '  "flexmix": {"version": "', format(packageVersion("flexmix")), '", "logLik": ', sprintf("%.17g", logLik(fit)),
    ', "df": ', attr(logLik(fit), "df"), ',\n',
    '    "components": [\n      ', paste(comps, collapse = ",\n      "), '\n    ],\n',
    '    "concomitant": [', paste(apply(gam, 2, num), collapse = ", "), '],\n',
    '    "refit": {"logLik": ', sprintf("%.17g", refit_ll), ', "condition": ', sprintf("%.6g", kappa(vc$vcov, exact = TRUE)),
    ',\n      "names": ', str(names(vc$coef)), ',\n      "estimate": ', num(vc$coef),
    ',\n      "se": ', num(sqrt(diag(vc$vcov))), ',\n      "seFineSteps": ', num(sqrt(diag(solve(-H)))), '}\n  }\n}\n')
  writeLines(json, out(paste0(name, ".json")), sep = "")
  cat(name, ": logLik", logLik(fit), "df", attr(logLik(fit), "df"), "\n")
}

# Grouped: mlmRev's Exam by school, the mixing weights a logit of school-level covariates
# (the school's average intake score and its gender, levels boys/girls/mixed).
data("Exam", package = "mlmRev")
exam <- Exam[, c("school", "normexam", "standLRT", "schavg", "schgend")]
exam$schgend <- factor(as.character(exam$schgend))
write.csv(exam, out("exam_school.csv"), row.names = FALSE)
golden("exam_concomitant", "exam_school.csv", "normexam ~ standLRT | school", "~ schavg + schgend", exam, 2, TRUE)

# The same rows ungrouped (one latent label per pupil), the weights still a logit of school covariates.
golden("exam_rows_concomitant", "exam_school.csv", "normexam ~ standLRT", "~ schavg + schgend", exam, 2, FALSE)

# Shared coefficients and a concomitant model together (FLXMRglmfix + FLXPmultinom).
golden("exam_fixed_concomitant", "exam_school.csv", "normexam ~ standLRT | school", "~ schgend", exam, 2, TRUE,
       fixed = "~ schavg")

# Ungrouped: the flexmix vignette's NPreg, the weights a logit of x.
data("NPreg")
golden("npreg_concomitant", "npreg.csv", "yn ~ x + I(x^2)", "~ x", NPreg, 2, FALSE)
