#!/usr/bin/env bash
# Install the Debian packages the plugin and its tests need, only those that are missing.
# QGIS's Python and the numerical stack come from Debian: QGIS and GDAL are built against them.
set -euo pipefail
packages=(qgis python3-qgis qgis-providers python3-gdal python3-sklearn python3-scipy
          python3-matplotlib python3-venv python3-pip qttools5-dev-tools pyqt5-dev-tools
          python3-dask python3-distributed  # Dask: optional for users (pccee.cluster), tested here
          python3-torch)  # PyTorch: optional for users (pollution-source detection), tested here
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Not root: run  sudo apt-get install ${missing[*]}  and try again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
