"""Correlation among metals (PCCEE section 2.6.1): Pearson over all valid pixels, streamed (the one-pass
statistics of StreamingPCA), and an order of the metals that puts correlated groups (such as Pb-Cd-Zn)
side by side."""
import numpy as np
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import squareform



def correlation(statistics):
    """(r (m, m), constant bands (m,) bool) from a StreamingPCA fed with complete pixels block by block;
    r is NaN in the rows and columns of constant bands."""
    covariance = statistics.covariance()
    deviation = np.sqrt(np.clip(np.diag(covariance), 0, None))
    constant = deviation <= 1e-12 * np.maximum(1.0, np.abs(statistics.mean))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = covariance / np.outer(deviation, deviation)
    r[constant, :] = np.nan
    r[:, constant] = np.nan
    np.fill_diagonal(r, np.where(constant, np.nan, 1.0))
    return np.clip(r, -1.0, 1.0), constant


def pairwise_correlation(values, method="pearson"):
    """(r, n) over samples, each pair on the samples where both are present (NaN = missing)."""
    from scipy.stats import rankdata
    values = np.asarray(values, dtype=float)
    m = values.shape[1]
    r, n = np.full((m, m), np.nan), np.zeros((m, m), dtype=int)
    for i in range(m):
        for j in range(m):
            both = ~np.isnan(values[:, i]) & ~np.isnan(values[:, j])
            n[i, j] = both.sum()
            a, b = values[both, i], values[both, j]
            if method == "spearman":
                a, b = rankdata(a), rankdata(b)
            if n[i, j] > 2 and a.std() > 0 and b.std() > 0:
                r[i, j] = np.corrcoef(a, b)[0, 1]
    return r, n


def p_values(r, n):
    """Two-sided p-values of the test that a correlation is 0: t = r sqrt((n - 2) / (1 - r^2)) on n - 2 degrees of
    freedom (for Spearman's rho, the usual large-sample approximation); NaN where n < 3 or r is NaN."""
    from scipy.stats import t as student
    r, n = np.asarray(r, dtype=float), np.asarray(n, dtype=float)
    freedom = n - 2
    with np.errstate(divide="ignore", invalid="ignore"):
        statistic = np.abs(r) * np.sqrt(freedom / np.clip(1.0 - r ** 2, 0.0, None))
        p = 2.0 * student.sf(statistic, np.where(freedom > 0, freedom, np.nan))
    return np.where((freedom > 0) & np.isfinite(r), np.nan_to_num(p, nan=0.0), np.nan)


def cluster_order(r):
    """Order of the variables by average-linkage clustering on 1 - r (groups of correlated metals together)."""
    if len(r) < 3:
        return np.arange(len(r))
    distance = 1.0 - np.nan_to_num(r, nan=0.0)
    np.fill_diagonal(distance, 0.0)
    distance = (distance + distance.T) / 2.0
    return leaves_list(linkage(squareform(np.clip(distance, 0, None), checks=False), method="average"))
