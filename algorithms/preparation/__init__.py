"""Preparation: a scene ready for the chain (the simulated scene, bad bands removed, GF-5 VNIR + SWIR stacked,
spectral libraries imported)."""
