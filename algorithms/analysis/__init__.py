"""Analysis (PCCEE 2.6): correlation of the metals and pollution zones."""
