"""Unmixing (PCCEE 2.4): abundance rasters from a scene and its endmembers."""
