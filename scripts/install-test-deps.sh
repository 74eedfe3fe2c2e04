#!/usr/bin/env bash
# Installs what the tests need: Debian packages (LibreOffice, Chromium, xmllint, pandas peer for the
# consolidation benchmark, CJK fonts) and the npm packages from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
PKGS="libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils chromium libxml2-utils python3-pandas python3-openpyxl fonts-noto-cjk jing python3-lxml"
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi
npm ci --no-audit --no-fund
