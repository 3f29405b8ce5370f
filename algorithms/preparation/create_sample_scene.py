"""Create the simulated GF-5 AHSI mining-area scene, its truth rasters and its soil samples."""
import os

import numpy as np
from osgeo import gdal
from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsFeature, QgsFeatureSink,
                       QgsField, QgsFields, QgsGeometry, QgsPointXY, QgsProcessing,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination, QgsWkbTypes)
from qgis.PyQt.QtCore import QVariant

from ..base import PcceeAlgorithm, progress_callbacks
from ..core import scene_simulation as sim
from ..io.raster_reader import BLOCK_VALUES, aligned_windows
from ..io.raster_writer import RasterWriter
from ..io.spectral_library_files import read_csv_library
from ..paths import RESOURCES
from ..styling import TrueColour, style_on_load

SIMULATED = "SIMULATED: synthetic scene from pccee:createsamplescene, not real GaoFen-5 data"
PIXEL_M = 30.0
CENTRE_UTM49N = (539437.6, 3064034.5)  # 111.4 E, 27.7 N, near Lengshuijiang
SAMPLES = 53


class CreateSampleScene(PcceeAlgorithm):
    SIZE = "SIZE"
    SNR = "SNR"
    OUTLIERS = "OUTLIERS"
    OUTPUT_ABUNDANCES = "OUTPUT_ABUNDANCES"
    OUTPUT_CONCENTRATIONS = "OUTPUT_CONCENTRATIONS"
    OUTPUT_SAMPLES = "OUTPUT_SAMPLES"
    GROUP_ID = "sampledata"

    def name(self):
        return "createsamplescene"

    def displayName(self):
        return self.tr("Create simulated sample scene")


    def shortHelpString(self):
        return self.tr(
            "Creates a SIMULATED GaoFen-5 AHSI scene of a mining area with known truth, to try the PCCEE "
            "workflow and to test it: 330 bands (VNIR 390-1029 nm, SWIR 1004-2513 nm) at 30 m in UTM 49N "
            "near Lengshuijiang, mixed from real spectra (USGS splib07 spruce, jarosite-bearing tailings "
            "and turbid water; earthlib red soil and road) over a river, tailings ponds, a town, forest "
            "and fields, with sensor noise at the given SNR and optional outlier pixels.\n\n"
            "Outputs: the scene (int16 reflectance x 10000), the true abundances of the five materials, "
            "the true concentrations of Pb, Cd, Cr, Hg, As, Cu, Zn and Ni (mg/kg), and 53 soil samples "
            "(WGS 84 points, grid plus random design) holding the true values at their pixels.\n"
            "The same seed gives the same files. The model is documented in the plugin's "
            "algorithms/core/scene_simulation.py.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterNumber(
            self.SIZE, self.tr("Scene size (pixels per side)"), QgsProcessingParameterNumber.Integer,
            300, minValue=64, maxValue=3000))
        self.add_seed_parameter(2024)
        snr = QgsProcessingParameterNumber(self.SNR, self.tr("Signal-to-noise ratio"),
                                           QgsProcessingParameterNumber.Double, 150.0, minValue=1.0)
        outliers = QgsProcessingParameterNumber(self.OUTLIERS, self.tr("Outlier pixels"),
                                                QgsProcessingParameterNumber.Integer, 5, minValue=0, maxValue=1000)
        for parameter in (snr, outliers):
            self.add_advanced_parameter(parameter)
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Simulated scene")))
        self.addParameter(QgsProcessingParameterRasterDestination(
            self.OUTPUT_ABUNDANCES, self.tr("Simulated true abundances")))
        self.addParameter(QgsProcessingParameterRasterDestination(
            self.OUTPUT_CONCENTRATIONS, self.tr("Simulated true concentrations")))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_SAMPLES, self.tr("Simulated soil samples"), QgsProcessing.TypeVectorPoint))

    def process(self, parameters, context, feedback):
        size = self.parameterAsInt(parameters, self.SIZE, context)
        seed = self.parameterAsInt(parameters, self.SEED, context)
        snr = self.parameterAsDouble(parameters, self.SNR, context)
        outlier_count = self.parameterAsInt(parameters, self.OUTLIERS, context)
        paths = {name: self.output_raster_path(parameters, name, context)
                 for name in (self.OUTPUT, self.OUTPUT_ABUNDANCES, self.OUTPUT_CONCENTRATIONS)}

        rng = np.random.default_rng(seed)
        landscape = sim.simulate_landscape(size, rng)
        concentrations = sim.simulate_concentrations(landscape, rng)
        rows, cols, design = sim.design_samples(landscape, SAMPLES, rng)
        materials = read_csv_library(os.path.join(RESOURCES, "spectra", "simulation_materials.csv"))
        centres, fwhm = sim.ahsi_bands()
        endmembers = sim.materials_at_bands(materials.spectra, materials.wavelengths, centres, fwhm)
        outliers = sim.plant_outliers(landscape, outlier_count, centres.size, rng)
        sigma = sim.noise_sigma(landscape.abundances, endmembers, snr, centres)
        feedback.pushInfo(self.tr("Simulated {0} x {0} pixels, seed {1}, SNR {2:g}, {3} outlier pixels at "
                                  "(row, col) {4}.").format(size, seed, snr, len(outliers), sorted(outliers)))

        x0 = round((CENTRE_UTM49N[0] - size * PIXEL_M / 2) / PIXEL_M) * PIXEL_M
        y0 = round((CENTRE_UTM49N[1] + size * PIXEL_M / 2) / PIXEL_M) * PIXEL_M
        grid = {"geotransform": (x0, PIXEL_M, 0.0, y0, 0.0, -PIXEL_M),
                "projection": QgsCoordinateReferenceSystem("EPSG:32649").toWkt()}
        metadata = {"PCCEE_SIMULATED": SIMULATED, "PCCEE_SEED": seed, "PCCEE_SNR": snr,
                    "PCCEE_OUTLIERS": ";".join("{},{}".format(r, c) for r, c in sorted(outliers))}
        self._write_scene(paths[self.OUTPUT], landscape, endmembers, sigma, seed, outliers, centres, fwhm,
                          grid, metadata, feedback)
        self._write_truth(paths[self.OUTPUT_ABUNDANCES], landscape.abundances, sim.MATERIALS, grid,
                          dict(metadata, PCCEE_UNITS="fraction"))
        self._write_truth(paths[self.OUTPUT_CONCENTRATIONS], concentrations, sim.METALS, grid,
                          dict(metadata, PCCEE_UNITS="mg/kg"))
        samples = self._write_samples(parameters, context, rows, cols, design, concentrations, grid)
        style_on_load(context, paths[self.OUTPUT], TrueColour(centres), self.tr("Simulated GF-5 scene"))
        return {self.OUTPUT: paths[self.OUTPUT], self.OUTPUT_ABUNDANCES: paths[self.OUTPUT_ABUNDANCES],
                self.OUTPUT_CONCENTRATIONS: paths[self.OUTPUT_CONCENTRATIONS], self.OUTPUT_SAMPLES: samples}

    def _write_scene(self, path, landscape, endmembers, sigma, seed, outliers, centres, fwhm, grid, metadata,
                     feedback):
        size = landscape.abundances.shape[0]
        windows = aligned_windows(size, size, sim.NOISE_TILE, sim.NOISE_TILE, BLOCK_VALUES // centres.size)
        progress, canceled = progress_callbacks(feedback, 0, 90)
        descriptions = ["Band {} ({:.2f} nm)".format(i + 1, w) for i, w in enumerate(centres)]
        with RasterWriter(path, size, size, centres.size, dtype=np.int16, nodata=-32768, descriptions=descriptions,
                          wavelengths_nm=centres, fwhm_nm=fwhm, metadata=metadata,
                          scales=np.full(centres.size, 1.0 / sim.REFLECTANCE_SCALE), **grid) as writer:
            for done, w in enumerate(windows, start=1):
                if canceled():
                    raise self.cancelled()
                block = landscape.abundances[w.yoff:w.yoff + w.ysize, w.xoff:w.xoff + w.xsize]
                cube = sim.render_window(block, endmembers, sigma, seed, w.yoff, w.xoff, outliers)
                coded = np.clip(np.rint(cube * sim.REFLECTANCE_SCALE), -32767, 32767).astype(np.int16)
                writer.write(w, coded.reshape(-1, centres.size))
                progress(done / len(windows))

    @staticmethod
    def _write_truth(path, values, names, grid, metadata):
        rows, cols, bands = values.shape
        with RasterWriter(path, cols, rows, bands, descriptions=names, metadata=metadata, **grid) as writer:
            for window in aligned_windows(cols, rows, 256, 256, BLOCK_VALUES // bands):
                block = values[window.yoff:window.yoff + window.ysize, window.xoff:window.xoff + window.xsize]
                writer.write(window, block.reshape(-1, bands))

    def _write_samples(self, parameters, context, rows, cols, design, concentrations, grid):
        """53 points at pixel centres in WGS 84 (as a GPS gives them) with the true concentrations."""
        fields = QgsFields()
        fields.append(QgsField("id", QVariant.Int))
        fields.append(QgsField("design", QVariant.String))
        for metal in sim.METALS:
            fields.append(QgsField(metal, QVariant.Double))
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:32649"), wgs84,
                                           context.transformContext())
        x0, step, _, y0, _, _ = grid["geotransform"]
        # A GeoPackage stamps its creation time; a fixed one makes the same seed give the same file.
        previous = gdal.GetConfigOption("OGR_CURRENT_DATE")
        gdal.SetConfigOption("OGR_CURRENT_DATE", "2024-09-24T00:00:00.000Z")
        try:
            sink, dest_id = self.create_sink(parameters, self.OUTPUT_SAMPLES, context, fields, QgsWkbTypes.Point, wgs84)
            for index, (row, col) in enumerate(zip(rows, cols)):
                feature = QgsFeature(fields)
                point = transform.transform(QgsPointXY(x0 + (col + 0.5) * step, y0 - (row + 0.5) * step))
                feature.setGeometry(QgsGeometry.fromPointXY(point))
                values = [float(np.float32(v)) for v in concentrations[row, col]]
                feature.setAttributes([index + 1, design[index]] + values)
                sink.addFeature(feature, QgsFeatureSink.FastInsert)
            del sink  # closes the file while the fixed date is in force
        finally:
            gdal.SetConfigOption("OGR_CURRENT_DATE", previous)
        return dest_id
