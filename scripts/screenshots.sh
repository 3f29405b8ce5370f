#!/usr/bin/env bash
# `make screenshots`: the QGIS desktop (under Xvfb) and the HTML reports (headless Chromium) as a user sees them,
# after a workflow run on the simulated scene, as PNG files in $SCREENSHOTS (default: screenshots/, kept out of git),
# so that the next change can be compared. Installs Xvfb and Chromium when missing (Debian, as root).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${SCREENSHOTS:-$root/screenshots}" && cd "${SCREENSHOTS:-$root/screenshots}" && pwd)
"$root/scripts/install_system_packages.sh"
missing=()
command -v xvfb-run > /dev/null || missing+=(xvfb xauth)
command -v chromium > /dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Not root: run  sudo apt-get install ${missing[*]}  and try again." >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" fonts-dejavu-core
fi

# A profile of its own, so that the user's QGIS settings are left alone; the plugin is loaded by the script.
profile="$out/.qgis-profile"
plugins="$profile/plugins"
rm -rf "$profile"  # fresh each time: dialogs open at QGIS's own size, not one a previous run left
mkdir -p "$plugins"
ln -sfn "$root" "$plugins/pccee"
rm -f "$out"/*.png
export PCCEE_SCREENSHOTS="$out" PCCEE_PLUGINS="$plugins" PCCEE_SCENE_SIZE="${SCENE_SIZE:-100}"
unset QT_QPA_PLATFORM QGIS_OPTS
timeout 1200 xvfb-run -a -s "-screen 0 1600x1000x24" \
  qgis --nologo --noversioncheck --profiles-path "$profile" --code "$root/scripts/screenshots.py" \
  > "$out/qgis.log" 2>&1 || true
cat "$out/screenshots.log" 2>/dev/null || { echo "QGIS wrote no log; see $out/qgis.log" >&2; exit 1; }

# The reports at 1400 px, as a browser shows them.
for report in pollution_zones inversion_report metal_correlation; do
  [ -f "$out/data/$report.html" ] || continue
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,2400 \
    --screenshot="$out/report_$report.png" "file://$out/data/$report.html" > /dev/null 2>&1 || true
done
echo "Screenshots in $out:"
ls -1 "$out"/*.png
