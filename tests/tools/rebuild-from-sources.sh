#!/usr/bin/env bash
# Rebuilds the Firefox package from the sources zip alone, as an AMO reviewer would, and checks
# that it is byte for byte the package `npm run build` made. Run after `npm run build`.
set -euo pipefail
# Built as `npm run build` builds, whoever calls this (a test runner sets NODE_ENV=test).
unset NODE_ENV VITEST VITEST_MODE VITEST_POOL_ID 2>/dev/null || true
cd "$(dirname "$0")/../.."
version=$(node -p "require('./package.json').version")
sources=".output/coffer-${version}-sources.zip"
package=".output/coffer-${version}-firefox.zip"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unzip -q "$sources" -d "$work"
(cd "$work" && npm ci --include=dev --no-audit --no-fund --loglevel=error && npx wxt zip -b firefox --mv3 >/dev/null)
rebuilt="$work/.output/coffer-${version}-firefox.zip"
if cmp -s "$package" "$rebuilt"; then
  echo "Rebuilt from ${sources}: $(sha256sum "$rebuilt" | cut -d' ' -f1), identical to ${package}"
else
  echo "The package rebuilt from ${sources} differs from ${package}" >&2
  exit 1
fi
