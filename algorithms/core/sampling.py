"""A uniform random sample of pixels from a stream of blocks, in memory bounded by the sample size."""
import numpy as np


class PixelSample:
    """Keeps the `size` pixels with the smallest random keys seen so far: a uniform sample without
    replacement, whatever the number of blocks (reservoir sampling by random keys)."""

    def __init__(self, size, rng):
        self.size = size
        self.rng = rng
        self.keys = np.empty(0)
        self.pixels = None

    def update(self, pixels):
        new = self.rng.random(len(pixels))
        if len(self.keys) >= self.size:  # only pixels with a key below the largest kept can enter: no copy of the rest
            entering = new < self.keys.max()
            new, pixels = new[entering], pixels[entering]
        keys = np.concatenate([self.keys, new])
        stacked = pixels if self.pixels is None else np.vstack([self.pixels, pixels])
        if len(keys) > self.size:
            keep = np.argpartition(keys, self.size - 1)[:self.size]
            keys, stacked = keys[keep], stacked[keep]
        self.keys, self.pixels = keys, stacked
        return self

    def subsample(self, size):
        """A uniform subsample of at most `size` of the kept pixels (those with the smallest keys)."""
        if self.pixels is None:
            return np.empty((0, 0))
        return self.pixels[np.argsort(self.keys, kind="stable")[:size]]
