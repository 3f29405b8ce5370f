"""Endmembers (PCCEE 2.2-2.3): PPI and VCA candidates, the prior library matched by spectral angle, the Top-K kept."""
