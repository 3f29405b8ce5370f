"""Inversion (PCCEE 2.5): Random Forests per metal from abundances at soil samples, and their maps."""
