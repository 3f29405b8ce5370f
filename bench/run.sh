#!/usr/bin/env bash
# `make bench`: peers installed (OTB from Debian, Spectral Python from PyPI into the test venv), then the
# benchmarks, each comparing the plugin with a peer side by side in one run. Results: bench_output/*.md
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench_output"
mkdir -p "$out"
if ! command -v otbcli_VertexComponentAnalysis > /dev/null; then
  [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends otb-bin > /dev/null
fi
"$root/.venv/bin/pip" install -q -r "$root/bench/requirements.txt"
plugins="$out/.qgis-profile/profiles/default/python/plugins"
mkdir -p "$plugins"
ln -sfn "$root" "$plugins/pccee"
export QGIS_CUSTOM_CONFIG_PATH="$out/.qgis-profile" QT_QPA_PLATFORM=offscreen
unset QGIS_OPTS
qgis_process.bin plugins 2> /dev/null | grep -q '^\* pccee$' || qgis_process.bin plugins enable pccee > /dev/null 2>&1
if [ "${BENCH:-all}" = selection ]; then
  exec "$root/.venv/bin/python" "$root/bench/bench_selection.py" "$out" "$plugins"
fi
# A full GF-5-sized scene, step by step and as the workflow model, beside the limits: BENCH=fullscene alone;
# FULL_SIZES=300,1000 for quicker runs (default 2000; about half an hour on 2 cores).
if [ "${BENCH:-all}" = fullscene ]; then
  exec "$root/.venv/bin/python" "$root/bench/bench_full_scene.py" "$out" "$plugins"
fi
# Pollution-source detection (SI-LICNet): BENCH=detection alone; BENCH_QUICK=1 for a quick run.
if [ "${BENCH:-all}" = detection ]; then
  exec "$root/.venv/bin/python" "$root/bench/bench_detection.py" "$out" "$plugins"
fi
[ "${BENCH:-all}" = unmixing ] || "$root/.venv/bin/python" "$root/bench/bench_endmembers.py" "$out" "$plugins"
"$root/.venv/bin/python" "$root/bench/bench_unmixing.py" "$out" "$plugins"
[ "${BENCH:-all}" != all ] || "$root/.venv/bin/python" "$root/bench/bench_selection.py" "$out" "$plugins"
[ "${BENCH:-all}" != all ] || "$root/.venv/bin/python" "$root/bench/bench_detection.py" "$out" "$plugins"
[ "${BENCH:-all}" != all ] || "$root/.venv/bin/python" "$root/bench/bench_full_scene.py" "$out" "$plugins"
