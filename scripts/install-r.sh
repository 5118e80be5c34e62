#!/usr/bin/env bash
# Installs R and flexmix from Debian's packages, ONLY for regenerating the flexmix fixtures
# under src/test/resources/flexmix/ (the test suite reads the committed fixtures, never R).
# Idempotent: does nothing when Rscript can already load flexmix.
set -euo pipefail

if command -v Rscript >/dev/null 2>&1 && Rscript -e 'suppressMessages(library(flexmix))' >/dev/null 2>&1; then
    echo "R and flexmix already installed: $(Rscript --version 2>&1 | head -n 1)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends r-base-core r-cran-flexmix
Rscript -e 'suppressMessages(library(flexmix)); cat("flexmix", format(packageVersion("flexmix")), "\n")'
