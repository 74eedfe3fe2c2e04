#!/usr/bin/env bash
# What people see, made for a look (issue 11's acceptance): 350 px screenshots of each tab with data
# (Chromium), PDFs of a blank and a filled committee workbook, of a summary and of the 汇编 (LibreOffice).
#   bash scripts/showcase.sh [folder]     (default: test-artifacts/showcase)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-test-artifacts/showcase}
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)
SCREENSHOTS_DIR="$OUT" npx jest tests/e2e/taskpane.e2e.test.ts >/dev/null
PDF_DIR="$OUT" npx jest tests/hosts/xlsx/print.test.ts >/dev/null
npm run -s build:node
rm -rf "$OUT/inbox" && npx tsx scripts/showcase/corpus.ts "$OUT/inbox"
printf 'organisation: 江苏省老科协\nregion: 江苏省\nyear: 2023\nceilings: { 党委: 10, 决策咨询专委会: 5 }\n' > "$OUT/settings.yaml"
node bin/plan-budget.js --settings "$OUT/settings.yaml" consolidate "$OUT/inbox" -o "$OUT/汇总.xlsx" >/dev/null || true
node bin/plan-budget.js --settings "$OUT/settings.yaml" report "$OUT/汇总.xlsx" -o "$OUT/汇编.docx" >/dev/null
soffice --headless --norestore --convert-to pdf --outdir "$OUT" "$OUT/汇总.xlsx" "$OUT/汇编.docx" >/dev/null 2>&1
ls -1 "$OUT"/*.png "$OUT"/*.pdf
