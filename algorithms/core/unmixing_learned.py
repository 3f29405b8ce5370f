"""Unmixing by learned models, compared with the linear mixture model in the PCCEE paper (section 2.4):
NMF initialised with the endmembers, and support vector regression trained on synthetic mixtures.

scikit-learn is imported when a model is built, so the rest of the core works without it.
"""
import numpy as np

from .linalg import matmul
from .pca import StreamingPCA
from .unmixing import LinearUnmixer

#: Principal components of the training mixtures the SVR works on (cheap kernels, little noise).
SVR_COMPONENTS = 20


class NmfUnmixer:
    """Non-negative matrix factorisation X = W H with H initialised by the endmembers (K, bands) and W by
    their NNLS abundances; H is refined on a bounded sample of pixels unless fixed, then every block's
    W is solved with H fixed."""

    def __init__(self, endmembers, fix_endmembers=False, max_iter=300, seed=0):
        self.endmembers = np.clip(np.asarray(endmembers, dtype=np.float64), 1e-9, None)
        self.fix_endmembers = fix_endmembers
        self.max_iter = max_iter
        self.seed = seed
        self.components_ = self.endmembers

    def fit(self, sample):
        """Refine the endmembers on sample (n, bands); returns self."""
        if self.fix_endmembers:
            return self
        from sklearn.decomposition import non_negative_factorization
        sample = np.clip(np.asarray(sample, dtype=np.float64), 0, None)
        start = np.clip(LinearUnmixer(self.endmembers, "nnls").abundances(sample), 1e-9, None)
        _, self.components_, _ = non_negative_factorization(
            sample, W=start, H=self.endmembers.copy(), n_components=len(self.endmembers), init="custom",
            solver="cd", max_iter=self.max_iter, random_state=self.seed)
        return self

    def abundances(self, pixels):
        """(n, K) abundances: NNLS against the fitted components, the optimum NMF's W-step converges to."""
        return LinearUnmixer(self.components_, "nnls").abundances(np.clip(pixels, 0, None))


class SvrUnmixer:
    """One RBF support vector regression per endmember, trained on synthetic mixtures of 1 to 3
    endmembers with noise (the regression-based unmixing of EnMAP-Box, Okujeni et al. 2013)."""

    def __init__(self, endmembers, mixtures=2000, noise=0.01, seed=0):
        self.endmembers = np.asarray(endmembers, dtype=np.float64)
        self.mixtures = mixtures
        self.noise = noise
        self.seed = seed
        self.components_ = self.endmembers

    def training_set(self):
        """(spectra (n, bands), fractions (n, K)) of synthetic mixtures, seeded."""
        rng = np.random.default_rng(self.seed)
        k = len(self.endmembers)
        fractions = np.zeros((self.mixtures, k))
        for row in range(self.mixtures):
            members = rng.choice(k, size=rng.integers(1, min(3, k) + 1), replace=False)
            fractions[row, members] = rng.dirichlet(np.ones(members.size))
        spectra = matmul(fractions, self.endmembers)
        spectra += rng.normal(0.0, self.noise * np.abs(spectra).mean(), spectra.shape)
        return spectra, fractions

    def fit(self):
        from sklearn.svm import SVR
        spectra, fractions = self.training_set()
        pca = StreamingPCA(spectra.shape[1]).update(spectra)
        self._mean = pca.mean
        self._axes, _ = pca.components(n_components=min(SVR_COMPONENTS, spectra.shape[1]))
        # Components keep their natural scale: standardising them would blow the noise ones up.
        features = matmul(spectra - self._mean, self._axes)
        self.models_ = [SVR(kernel="rbf", C=10.0, epsilon=0.01, gamma="scale").fit(features, target)
                        for target in fractions.T]
        return self

    def abundances(self, pixels):
        features = matmul(np.asarray(pixels, dtype=np.float64) - self._mean, self._axes)
        return np.clip(np.column_stack([model.predict(features) for model in self.models_]), 0.0, 1.0)
