"""Pollution-source detection (after SI-LICNet): train a CNN on the context of soil samples, map sources."""
