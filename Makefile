# PCCEE for QGIS. `make test` sets up what is missing (Debian packages, a test venv) and runs the suite.
SYSTEM_PYTHON := /usr/bin/python3
VENV := .venv
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
PLUGIN_FILES := metadata.txt __init__.py plugin.py LICENSE README.md algorithms cluster resources i18n
QGIS_PLUGINS ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins
export QT_QPA_PLATFORM := offscreen

TRANSLATIONS := $(wildcard i18n/*.ts)
QM_FILES := $(TRANSLATIONS:.ts=.qm)

.PHONY: bench bench-gpu demo screenshots setup test test-core package deploy translations clean

demo: $(QM_FILES)
	scripts/demo.sh

# The QGIS desktop (Xvfb) and the HTML reports (headless Chromium) after a workflow run, as PNG files in
# screenshots/ (not in git), to look at and to compare after the next change. Installs Xvfb and Chromium if missing.
screenshots: $(QM_FILES)
	scripts/screenshots.sh

bench: setup
	bench/run.sh

# On a machine with an NVIDIA GPU, without QGIS: PPI, unmixing and the forests' maps (CuPy), then the detector
# (PyTorch), timed on the CPU and the GPU with the largest differences between them; bench_output/gpu.md and
# detection_core.md. PYTHON: a Python with NumPy, SciPy, scikit-learn, CuPy and PyTorch.
PYTHON ?= python3
bench-gpu:
	$(PYTHON) bench/bench_gpu.py && $(PYTHON) bench/bench_detection_core.py

setup: $(VENV)/.installed

$(VENV)/.installed: test/requirements.txt scripts/install_system_packages.sh
	scripts/install_system_packages.sh
	$(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV)
	$(VENV)/bin/pip install -q -r test/requirements.txt
	touch $@

test: setup $(QM_FILES)
	$(VENV)/bin/python -m pytest

# The QGIS-free numerical core alone, in seconds (no QGIS started).
test-core: setup
	$(VENV)/bin/python -m pytest -o addopts="" -p no:pytest_qgis test/test_core_*.py

i18n/%.qm: i18n/%.ts
	lrelease -silent $< -qm $@

# After changing user-visible strings: refresh the .ts sources, then translate them (Qt Linguist).
translations:
	pylupdate5 -noobsolete algorithms/*.py algorithms/*/*.py plugin.py $(patsubst %,-ts %,$(TRANSLATIONS))

package: $(QM_FILES)
	rm -rf build/pccee && mkdir -p build/pccee dist
	cp -r $(PLUGIN_FILES) build/pccee/
	find build/pccee -name __pycache__ -prune -exec rm -rf {} +
	rm -f build/pccee/i18n/*.ts
	rm -f dist/pccee-$(VERSION).zip
	cd build && $(SYSTEM_PYTHON) -m zipfile -c ../dist/pccee-$(VERSION).zip pccee
	@echo "Built dist/pccee-$(VERSION).zip (Plugins > Manage and Install Plugins > Install from ZIP)"

deploy:
	mkdir -p $(QGIS_PLUGINS)
	ln -sfn $(CURDIR) $(QGIS_PLUGINS)/pccee
	@echo "Linked into $(QGIS_PLUGINS)/pccee; enable 'PCCEE heavy-metal mapping' in the Plugin Manager."

clean:
	rm -rf build dist .pytest_cache .qgis-settings  # .qgis-settings: pytest-qgis's test profile (git-ignored)
