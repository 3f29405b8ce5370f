"""Principal components from a stream of pixel blocks (one pass, memory independent of the scene)."""
import numpy as np

from .linalg import float64_rows, gram, matmul


class StreamingPCA:
    """Accumulates the mean and covariance of pixels block by block; then the principal axes.

    Sums are kept in float64 and centred on the first block's mean, which keeps the one-pass
    covariance accurate for reflectance data far from zero.
    """

    def __init__(self, n_bands):
        self.count = 0
        self.shift = None
        self.sum = np.zeros(n_bands)
        self.cross = np.zeros((n_bands, n_bands))

    def update(self, pixels):
        """Add valid pixels (n_pixels, n_bands)."""
        if len(pixels) == 0:
            return self
        if self.shift is None:
            self.shift = np.mean(pixels, axis=0, dtype=np.float64)
        for _, rows in float64_rows(pixels):
            centred = rows - self.shift
            self.count += centred.shape[0]
            self.sum += centred.sum(axis=0)
            self.cross += gram(centred)
        return self

    @property
    def mean(self):
        return self.shift + self.sum / self.count

    def covariance(self):
        centred_mean = self.sum / self.count
        return (self.cross - self.count * np.outer(centred_mean, centred_mean)) / max(self.count - 1, 1)

    def components(self, n_components=None, variance=None):
        """(axes (n_bands, k), explained fraction (k,)) keeping n_components, or the fewest that
        reach `variance` of the total."""
        values, vectors = np.linalg.eigh(self.covariance())
        order = np.argsort(values)[::-1]
        values, vectors = np.clip(values[order], 0, None), vectors[:, order]
        fraction = values / values.sum()
        if n_components is None:
            n_components = int(np.searchsorted(np.cumsum(fraction), variance) + 1)
        n_components = min(n_components, values.size)
        # A deterministic sign per axis, so the same data give the same projection.
        signs = np.sign(vectors[np.abs(vectors).argmax(axis=0), np.arange(vectors.shape[1])])
        return vectors[:, :n_components] * signs[:n_components], fraction[:n_components]

    def project(self, pixels, axes, dtype=np.float64):
        """(pixels - mean) @ axes computed in float64, a chunk at a time (no centred float64 copy of the whole block),
        returned as dtype (float32 for PPI's single-precision products: no conversion of every chunk)."""
        projected = np.empty((len(pixels), axes.shape[1]), dtype=dtype)
        for start, rows in float64_rows(pixels):
            projected[start:start + len(rows)] = matmul(rows - self.mean, axes)
        return projected

    def denoise(self, spectra, variance=0.999):
        """Spectra projected on the leading components that hold `variance` of the total and back: noise
        alone puts dark pixels of one material several degrees apart, their denoised spectra are not."""
        axes, _ = self.components(variance=variance)
        return self.mean + matmul(matmul(spectra - self.mean, axes), axes.T)
