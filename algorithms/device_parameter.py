"""The DEVICE parameter of the steps that run on a GPU through CuPy when one is there: PPI, linear unmixing and
the forests' maps. The same core functions run on either device (core.device)."""
from qgis.core import QgsProcessingParameterEnum

from .core.device import DeviceError, array_module

DEVICE = "DEVICE"
#: DEVICE's options, in the order of its choices.
DEVICES = ("auto", "cpu", "gpu")


def add_device_parameter(algorithm, advanced=False):
    """DEVICE: automatic (the GPU when CuPy sees one), CPU, or GPU (which fails without one)."""
    tr = algorithm.tr
    parameter = QgsProcessingParameterEnum(DEVICE, tr("Device"), options=[tr("Auto (GPU if available)"), tr("CPU"),
                                                                          tr("GPU (CuPy)")], defaultValue=0)
    if advanced:
        algorithm.add_advanced_parameter(parameter)
    else:
        algorithm.addParameter(parameter)


def chosen_array_module(algorithm, parameters, context):
    """(array module, its description for the log) chosen by DEVICE; a GPU asked for and missing fails on DEVICE."""
    try:
        return array_module(DEVICES[algorithm.parameterAsEnum(parameters, DEVICE, context)])
    except DeviceError as error:
        raise algorithm.fail(DEVICE, error)
