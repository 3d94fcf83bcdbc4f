#!/bin/sh
# The app's own plotly.js bundle: plotly.js's core (which draws scatter) and the trace types
# the app draws, nothing else. It evaluates in about a third of the time of plotly.js's
# smallest published bundle that has them all (the "cartesian" one), which was the largest
# single part of a page's first load. Built from the npm registry with esbuild, as plotly.js
# builds its own bundles; the build folder is thrown away.
#
#   scripts/build-plotly.sh VERSION OUT_DIR TRACE...
#
# writes OUT_DIR/plotly.min.js and OUT_DIR/bundle.json ({"version", "traces", "esbuild"}),
# which the app reads to check the bundle matches the plotly package and dashboard.render.charts.
set -eu

ESBUILD_VERSION=0.28.2

if [ "$#" -lt 3 ]; then
  echo "usage: $0 VERSION OUT_DIR TRACE..." >&2
  exit 2
fi
version=$1
out=$2
shift 2
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

cd "$work"
echo '{"private": true}' > package.json
npm install --no-audit --no-fund --silent "plotly.js@$version" "esbuild@$ESBUILD_VERSION"

{
  echo "var Plotly = require('plotly.js/lib/core');"
  echo "Plotly.register(["
  for trace in "$@"; do
    # The core registers scatter itself.
    [ "$trace" = scatter ] || echo "  require('plotly.js/lib/$trace'),"
  done
  echo "]);"
  echo "module.exports = Plotly;"
} > entry.js

traces=$(echo "$@" | tr ' ' ',')
# plotly.js's own esbuild settings (its esbuild-config.js); CSS is only imported for map
# traces, which this bundle leaves out.
node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --global-name=Plotly \
  --target=es2016 --define:global=window --define:define.amd=false --loader:.css=empty \
  --legal-comments=eof --log-level=warning \
  --banner:js="/*! plotly.js v$version (MIT), traces: $traces */" \
  --outfile=plotly.min.js

json_traces=$(printf '"%s",' "$@")
printf '{"version": "%s", "traces": [%s], "esbuild": "%s"}\n' \
  "$version" "${json_traces%,}" "$ESBUILD_VERSION" > bundle.json
# bundle.json last: its presence says the bundle is complete.
rm -f "$out/bundle.json"
mv plotly.min.js "$out/plotly.min.js"
mv bundle.json "$out/bundle.json"
