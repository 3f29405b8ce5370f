#!/usr/bin/env bash
# `make demo`: set up what is missing, create the simulated scene and run the PCCEE chain on it
# through qgis_process, as a batch user would. Outputs go to $DEMO_OUTPUT (default: demo_output/).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${DEMO_OUTPUT:-$root/demo_output}" && cd "${DEMO_OUTPUT:-$root/demo_output}" && pwd)
"$root/scripts/install_system_packages.sh"

# A profile of its own with the plugin enabled, so the user's QGIS settings are left alone.
plugins="$out/.qgis-profile/profiles/default/python/plugins"
mkdir -p "$plugins"
ln -sfn "$root" "$plugins/pccee"
export QGIS_CUSTOM_CONFIG_PATH="$out/.qgis-profile" QT_QPA_PLATFORM=offscreen
unset QGIS_OPTS  # Debian's qgis_process wrapper option that QGIS 3.22 rejects
run() { echo "+ qgis_process run $*"; qgis_process.bin run "$@" 2>&1 | grep -v -e '^QStandardPaths' -e DeprecationWarning; }
qgis_process.bin plugins 2> /dev/null | grep -q '^\* pccee$' || qgis_process.bin plugins enable pccee > /dev/null 2>&1

run pccee:createsamplescene -- SIZE=300 SEED=2024 \
  OUTPUT="$out/scene.tif" OUTPUT_ABUNDANCES="$out/truth_abundances.tif" \
  OUTPUT_CONCENTRATIONS="$out/truth_concentrations.tif" OUTPUT_SAMPLES="$out/samples.gpkg"
run pccee:removebadbands -- INPUT="$out/scene.tif" DROP_WATER_VAPOUR=true DROP_CONSTANT=true \
  OUTPUT="$out/scene_clean.tif"
run pccee:extractendmembersppi -- INPUT="$out/scene_clean.tif" SKEWERS=10000 ENDMEMBERS=10 SEED=0 \
  OUTPUT="$out/endmembers_ppi.gpkg" OUTPUT_SCORES="$out/ppi_counts.tif"
run pccee:extractendmembersvca -- INPUT="$out/scene_clean.tif" ENDMEMBERS=6 VARIANCE=0.95 SEED=0 \
  OUTPUT="$out/endmembers_vca.gpkg"
run pccee:matchpriorlibrary -- INPUT="$out/scene_clean.tif" \
  OUTPUT="$out/endmembers_prior.gpkg" OUTPUT_ANGLES="$out/prior_angles.tif"
run pccee:selecttopkendmembers -- CANDIDATES="$out/endmembers_ppi.gpkg" CANDIDATES="$out/endmembers_vca.gpkg" \
  CANDIDATES="$out/endmembers_prior.gpkg" K=4 OUTPUT="$out/endmembers_topk.gpkg"
run pccee:spectralanglemaps -- INPUT="$out/scene_clean.tif" ENDMEMBERS="$out/endmembers_topk.gpkg" \
  OUTPUT="$out/sam_maps.tif" OUTPUT_PLOT="$out/endmember_spectra.html"
run pccee:unmixabundances -- INPUT="$out/scene_clean.tif" ENDMEMBERS="$out/endmembers_topk.gpkg" METHOD=0 \
  OUTPUT="$out/abundances.tif" OUTPUT_RESIDUAL="$out/abundance_residual.tif"
run pccee:compareunmixing -- INPUT="$out/scene_clean.tif" ENDMEMBERS="$out/endmembers_topk.gpkg" \
  METHODS=0,1,3,4 OUTPUT="$out/unmixing_comparison.gpkg" \
  OUTPUT_REPORT="$out/unmixing_comparison.html"
run pccee:invertmetals -- ABUNDANCES="$out/abundances.tif" SAMPLES="$out/samples.gpkg" TREES=500 FOLDS=5 SEED=0 \
  OUTPUT="$out/concentrations.tif" OUTPUT_UNCERTAINTY="$out/concentration_uncertainty.tif" \
  OUTPUT_METRICS="$out/inversion_metrics.gpkg" OUTPUT_REPORT="$out/inversion_report.html" \
  OUTPUT_MODEL="$out/inversion_model.npz"
run pccee:correlatemetals -- INPUT="$out/concentrations.tif" OUTPUT="$out/metal_correlation.gpkg" \
  OUTPUT_REPORT="$out/metal_correlation.html"
run pccee:zonepollution -- INPUT="$out/concentrations.tif" K=0 K_MIN=2 K_MAX=8 SEED=0 \
  OUTPUT="$out/pollution_zones.tif" OUTPUT_STATS="$out/pollution_zones.gpkg" OUTPUT_REPORT="$out/pollution_zones.html"

/usr/bin/python3 "$root/scripts/demo_index.py" "$plugins" "$out"
echo "Demo outputs in $out: open $out/index.html"
ls -1 "$out"
