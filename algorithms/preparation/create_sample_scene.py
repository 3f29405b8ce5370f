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
from ..styling import TrueColour, fractions, hot_concentrations, style_on_load

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
    DETECTION_SAMPLES = "DETECTION_SAMPLES"
    OUTPUT_DETECTION_SAMPLES = "OUTPUT_DETECTION_SAMPLES"
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
            "algorithms/core/scene_simulation.py.\n\n"
            "Pollution-source detection (DETECTION_SAMPLES above 0): the scene gains an industrial site (a compound "
            "of roofs and yards, 180-270 m a side, away from the mine and the town) and Cd follows the three "
            "sources: a geogenic background (median 0.13 mg/kg) plus 1.5 mg/kg at the tailings ponds falling by e "
            "every 300 m, 1.2 mg/kg at the industrial site (200 m) and 0.5 mg/kg at the town (150 m), so whether a "
            "soil is polluted depends on what lies around it more than on its own spectrum (the concentrations' Cd "
            "band holds it). That many sampling points (half spread over the land, half drawn towards the "
            "sources) get the fields id, region (nearest source: mine, industrial site or town), Cd (mg/kg), "
            "contaminated (1 above 0.3 mg/kg, GB 15618-2018's risk-screening value for acid soils) and "
            "distance_m (to the nearest source). Train 'Train pollution-source detector (SI-LICNet)' on them. "
            "With 0 (the default) the scene is the classic one, unchanged.")

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
        self.addParameter(QgsProcessingParameterNumber(
            self.DETECTION_SAMPLES, self.tr("Labelled points for source detection (0 = none)"),
            QgsProcessingParameterNumber.Integer, 0, minValue=0, maxValue=100000))
        self.addParameter(QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Simulated scene")))
        self.addParameter(QgsProcessingParameterRasterDestination(
            self.OUTPUT_ABUNDANCES, self.tr("Simulated true abundances")))
        self.addParameter(QgsProcessingParameterRasterDestination(
            self.OUTPUT_CONCENTRATIONS, self.tr("Simulated true concentrations")))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_SAMPLES, self.tr("Simulated soil samples"), QgsProcessing.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_DETECTION_SAMPLES, self.tr("Simulated labelled points (detection)"),
            QgsProcessing.TypeVectorPoint, optional=True, createByDefault=False))

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
        detection = self.parameterAsInt(parameters, self.DETECTION_SAMPLES, context)
        if detection:  # after every draw of the classic scene, from streams of their own: the rest is unchanged
            landscape, sources = sim.add_industrial_site(landscape, seed, PIXEL_M)
            concentrations[..., sim.METALS.index("Cd")] = sim.source_cadmium(sources, seed)
        feedback.pushInfo(self.tr("Simulated {0} x {0} pixels, seed {1}, SNR {2:g}, {3} outlier pixels at "
                                  "(row, col) {4}.").format(size, seed, snr, len(outliers), sorted(outliers)))

        x0 = round((CENTRE_UTM49N[0] - size * PIXEL_M / 2) / PIXEL_M) * PIXEL_M
        y0 = round((CENTRE_UTM49N[1] + size * PIXEL_M / 2) / PIXEL_M) * PIXEL_M
        grid = {"geotransform": (x0, PIXEL_M, 0.0, y0, 0.0, -PIXEL_M),
                "projection": QgsCoordinateReferenceSystem("EPSG:32649").toWkt()}
        metadata = {"PCCEE_SIMULATED": SIMULATED, "PCCEE_SEED": seed, "PCCEE_SNR": snr,
                    "PCCEE_OUTLIERS": ";".join("{},{}".format(r, c) for r, c in sorted(outliers))}
        if detection:
            site_rows, site_cols = np.nonzero(sources.masks[1])
            metadata["PCCEE_INDUSTRIAL_SITE"] = "rows {}-{}, cols {}-{}".format(
                site_rows.min(), site_rows.max(), site_cols.min(), site_cols.max())
        colour = self._write_scene(paths[self.OUTPUT], landscape, endmembers, sigma, seed, outliers, centres, fwhm,
                                   grid, metadata, feedback)
        self._write_truth(paths[self.OUTPUT_ABUNDANCES], landscape.abundances, sim.MATERIALS, grid,
                          dict(metadata, PCCEE_UNITS="fraction"))
        self._write_truth(paths[self.OUTPUT_CONCENTRATIONS], concentrations, sim.METALS, grid,
                          dict(metadata, PCCEE_UNITS="mg/kg"))
        samples = self._write_samples(parameters, context, rows, cols, design, concentrations, grid)
        results = {}
        if detection:
            results[self.OUTPUT_DETECTION_SAMPLES] = self._write_detection_samples(
                parameters, context, landscape, sources, concentrations[..., sim.METALS.index("Cd")], detection,
                seed, grid)
            feedback.pushInfo(self.tr("Industrial site at {}; {} labelled sampling points for source "
                                      "detection.").format(metadata["PCCEE_INDUSTRIAL_SITE"], detection))
        elif parameters.get(self.OUTPUT_DETECTION_SAMPLES) not in (None, "", "TEMPORARY_OUTPUT"):
            feedback.pushWarning(self.tr("No labelled sampling points are written: DETECTION_SAMPLES is 0."))
        style_on_load(context, paths[self.OUTPUT], colour, self.tr("Simulated GF-5 scene"))
        style_on_load(context, paths[self.OUTPUT_ABUNDANCES], fractions())
        style_on_load(context, paths[self.OUTPUT_CONCENTRATIONS], hot_concentrations())
        return dict(results, **{self.OUTPUT: paths[self.OUTPUT], self.OUTPUT_ABUNDANCES: paths[self.OUTPUT_ABUNDANCES],
                                self.OUTPUT_CONCENTRATIONS: paths[self.OUTPUT_CONCENTRATIONS],
                                self.OUTPUT_SAMPLES: samples})

    def _write_scene(self, path, landscape, endmembers, sigma, seed, outliers, centres, fwhm, grid, metadata,
                     feedback):
        """Render and write the scene; return its true-colour style, stretched on the values written."""
        size = landscape.abundances.shape[0]
        colour = TrueColour(centres)
        windows = aligned_windows(size, size, sim.NOISE_TILE, sim.NOISE_TILE, BLOCK_VALUES // centres.size)
        progress, canceled = progress_callbacks(feedback, 0, 90)
        descriptions = ["Band {} ({:.2f} nm)".format(i + 1, w) for i, w in enumerate(centres)]
        with RasterWriter(path, size, size, centres.size, dtype=np.int16, nodata=-32768, descriptions=descriptions,
                          wavelengths_nm=centres, fwhm_nm=fwhm, metadata=metadata,
                          scales=np.full(centres.size, 1.0 / sim.REFLECTANCE_SCALE),
                          display_bands=colour.display_bands(), **grid) as writer:
            for done, w in enumerate(windows, start=1):
                if canceled():
                    raise self.cancelled()
                block = landscape.abundances[w.yoff:w.yoff + w.ysize, w.xoff:w.xoff + w.xsize]
                cube = sim.render_window(block, endmembers, sigma, seed, w.yoff, w.xoff, outliers)
                coded = np.clip(np.rint(cube * sim.REFLECTANCE_SCALE), -32767, 32767).astype(np.int16)
                writer.write(w, coded.reshape(-1, centres.size))
                progress(done / len(windows))
        return colour.stretched_by(writer)

    @staticmethod
    def _write_truth(path, values, names, grid, metadata):
        rows, cols, bands = values.shape
        with RasterWriter(path, cols, rows, bands, descriptions=names, metadata=metadata, **grid) as writer:
            for window in aligned_windows(cols, rows, 256, 256, BLOCK_VALUES // bands):
                block = values[window.yoff:window.yoff + window.ysize, window.xoff:window.xoff + window.xsize]
                writer.write(window, block.reshape(-1, bands))

    def _write_samples(self, parameters, context, rows, cols, design, concentrations, grid):
        """53 points at pixel centres in WGS 84 (as a GPS gives them) with the true concentrations."""
        columns = [("id", QVariant.Int), ("design", QVariant.String)] + [(m, QVariant.Double) for m in sim.METALS]
        attributes = [[index + 1, design[index]] + [float(np.float32(v)) for v in concentrations[row, col]]
                      for index, (row, col) in enumerate(zip(rows, cols))]
        return self._write_points(parameters, self.OUTPUT_SAMPLES, context, columns, rows, cols, attributes, grid)

    def _write_detection_samples(self, parameters, context, landscape, sources, cadmium, count, seed, grid):
        """Labelled sampling points for source detection, with the truth that decides their label."""
        rows, cols, regions = sim.design_detection_samples(landscape, sources, count, seed)
        distance = sources.distance_m.min(axis=-1)
        columns = [("id", QVariant.Int), ("region", QVariant.String), ("Cd", QVariant.Double),
                   ("contaminated", QVariant.Int), ("distance_m", QVariant.Double)]
        stored = cadmium.astype(np.float32)  # the label is what the stored value says
        attributes = [[index + 1, sim.SOURCES[region], float(stored[row, col]),
                       int(stored[row, col] > sim.CD_SCREENING), float(distance[row, col])]
                      for index, (row, col, region) in enumerate(zip(rows, cols, regions))]
        return self._write_points(parameters, self.OUTPUT_DETECTION_SAMPLES, context, columns, rows, cols,
                                  attributes, grid)

    def _write_points(self, parameters, name, context, columns, rows, cols, attributes, grid):
        """Points at the centres of pixels (rows, cols), in WGS 84 (as a GPS gives them), with their attributes."""
        fields = QgsFields()
        for field, kind in columns:
            fields.append(QgsField(field, kind))
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:32649"), wgs84,
                                           context.transformContext())
        x0, step, _, y0, _, _ = grid["geotransform"]
        # A GeoPackage stamps its creation time; a fixed one makes the same seed give the same file.
        previous = gdal.GetConfigOption("OGR_CURRENT_DATE")
        gdal.SetConfigOption("OGR_CURRENT_DATE", "2024-09-24T00:00:00.000Z")
        try:
            sink, dest_id = self.create_sink(parameters, name, context, fields, QgsWkbTypes.Point, wgs84)
            for row, col, values in zip(rows, cols, attributes):
                feature = QgsFeature(fields)
                point = transform.transform(QgsPointXY(x0 + (col + 0.5) * step, y0 - (row + 0.5) * step))
                feature.setGeometry(QgsGeometry.fromPointXY(point))
                feature.setAttributes(values)
                sink.addFeature(feature, QgsFeatureSink.FastInsert)
            del sink  # closes the file while the fixed date is in force
        finally:
            gdal.SetConfigOption("OGR_CURRENT_DATE", previous)
        return dest_id
