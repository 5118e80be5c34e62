#!/usr/bin/env bash
# Installs R, flexmix and the packages whose datasets the real-data fixtures use (nlme, lme4,
# mlmRev, plm) from Debian's packages, ONLY for regenerating the flexmix fixtures
# under src/test/resources/flexmix/ (the test suite reads the committed fixtures, never R).
# Idempotent: does nothing when Rscript can already load flexmix.
set -euo pipefail

if command -v Rscript >/dev/null 2>&1 && Rscript -e 'suppressMessages({library(flexmix); library(nlme); library(lme4); library(mlmRev); library(plm)})' >/dev/null 2>&1; then
    echo "R, flexmix and the dataset packages already installed: $(Rscript --version 2>&1 | head -n 1)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends r-base-core r-cran-flexmix r-cran-nlme r-cran-lme4 r-cran-mlmrev r-cran-plm
Rscript -e 'suppressMessages(library(flexmix)); cat("flexmix", format(packageVersion("flexmix")), "\n")'
