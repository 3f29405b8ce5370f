"""The hyperspectral scene read as reflectance. Prior libraries and library endmembers are reflectance
(0-1), so a scene stored as reflectance x 10000 without a scale factor would give abundances 10000 times
too large and wrong prior matches; the file's own convention is applied and the user is told."""


def open_reflectance(algorithm, parameters, name, context, feedback):
    """A RasterReader on the scene parameter `name` whose reads are reflectance: where no GDAL scale says
    how the values are coded, the ENVI header's reflectance scale factor or the integer x 10000 convention
    (RasterReader.reflectance_scale) is applied and logged."""
    reader = algorithm.open_raster(parameters, name, context)
    scale, reason = reader.reflectance_scale()
    if scale is None:
        return reader
    reader.assume_scale(scale)
    if reason == "ENVI reflectance scale factor":
        feedback.pushInfo(algorithm.tr("Reflectance = value x {:g}, from the ENVI header's 'reflectance scale "
                                       "factor'.").format(scale))
    else:
        feedback.pushWarning(algorithm.tr(
            "Scale {:g} assumed for {}: integer reflectance without a scale factor. If its values are not "
            "reflectance x 10000, set the raster's scale with gdal_edit.py -scale and run again.").format(scale, name))
    return reader
