#!/usr/bin/env python3
"""numpy peer of cmlr's EM iterations, for `cmlr bench --peers`.

Does the same work per iteration as cmlr on data of the same shape (m nodes of n rows, d features,
the paper's symmetric two-component model):
  symmetric  clustered symmetric EM: s_j = X_j'y_j and A = sum_j G_j formed once; per iteration
             w = tanh(S theta / sigma^2), the log-likelihood sum log cosh - theta'A theta/(2 sigma^2),
             and theta = A^-1 S'w.
  clustered  grouped K-component mixture on per-node G_j, s_j, q_j, n_j: E-step (RSS_jk =
             q_j - 2 b_k's_j + b_k'G_j b_k, log-sum-exp posteriors, log-likelihood) and M-step
             (gamma-weighted sums of G_j, s_j, q_j, n_j; Cholesky solves; variances; weights).
  standard   the same mixture with one label per row, on the raw rows.
  dgemm      the machine's DGEMM rate (C = A B, 2000 x 2000, 2 n^3 flops), the yardstick of the
             statistics pass.
Prints one JSON object: the case and the best milliseconds per iteration over the repeats (dgemm:
GFLOP/s).
Threads: numpy's BLAS uses OPENBLAS_NUM_THREADS / OMP_NUM_THREADS (set by the caller).
"""
import argparse
import json
import time

import numpy as np


def data(m, n, d, seed):
    rng = np.random.default_rng(seed)
    theta = rng.standard_normal(d)
    theta *= 2.0 / np.linalg.norm(theta)
    signs = np.repeat(rng.choice([-1.0, 1.0], size=m), n)
    x = rng.standard_normal((m * n, d))
    y = signs * (x @ theta) + rng.standard_normal(m * n)
    return x, y, theta


def node_stats(x, y, m, n, d):
    xs = x.reshape(m, n, d)
    ys = y.reshape(m, n)
    g = np.einsum('jna,jnb->jab', xs, xs, optimize=True)
    s = np.einsum('jna,jn->ja', xs, ys, optimize=True)
    q = np.einsum('jn,jn->j', ys, ys)
    return g, s, q, np.full(m, float(n))


def symmetric_iteration(s, a_chol, a, theta, sigma2):
    t = s @ theta / sigma2
    w = np.tanh(t)
    at = np.abs(t)
    loglik = np.sum(at + np.log1p(np.exp(-2 * at)) - np.log(2.0)) - theta @ a @ theta / (2 * sigma2)
    rhs = s.T @ w
    theta = np.linalg.solve(a_chol.T, np.linalg.solve(a_chol, rhs))
    return theta, loglik


def posteriors(l):
    """l is K x units (component-major, so that the reductions over K run along whole rows)."""
    mx = np.max(l, axis=0)
    e = np.exp(l - mx)
    tot = np.sum(e, axis=0)
    return e / tot, float(np.sum(mx + np.log(tot)))


def log_densities(rss, counts, sigma2, weights):
    """K x units: log pi_k - (n_u/2) log(2 pi sigma_k^2) - RSS_ku / (2 sigma_k^2)."""
    return (np.log(weights)[:, None] - 0.5 * np.log(2 * np.pi * sigma2)[:, None] * counts[None, :]
            - rss / (2 * sigma2)[:, None])


def m_step(gk, sk, qk, nk, wk, units):
    k, d = sk.shape
    beta = np.empty((k, d))
    sigma2 = np.empty(k)
    for c in range(k):
        beta[c] = np.linalg.solve(gk[c], sk[c])
        rss = qk[c] - 2 * beta[c] @ sk[c] + beta[c] @ gk[c] @ beta[c]
        sigma2[c] = max(rss, 0.0) / nk[c]
    return beta, sigma2, wk / units


def clustered_iteration(g, s, q, counts, beta, sigma2, weights):
    gb = np.einsum('jab,kb->kja', g, beta, optimize=True)
    rss = q[None, :] - 2 * beta @ s.T + np.einsum('kja,ka->kj', gb, beta)
    gamma, loglik = posteriors(log_densities(np.maximum(rss, 0.0), counts, sigma2, weights))
    gk = np.tensordot(gamma, g, axes=1)
    beta, sigma2, weights = m_step(gk, gamma @ s, gamma @ q, gamma @ counts, gamma.sum(axis=1), len(q))
    return beta, sigma2, weights, loglik


def standard_iteration(x, y, yy, ones, beta, sigma2, weights):
    r = y[None, :] - beta @ x.T
    gamma, loglik = posteriors(log_densities(r * r, ones, sigma2, weights))
    gk = np.stack([x.T @ (gamma[c][:, None] * x) for c in range(len(gamma))])
    sk = (gamma * y[None, :]) @ x
    w = gamma.sum(axis=1)
    beta, sigma2, weights = m_step(gk, sk, gamma @ yy, w, w, len(y))
    return beta, sigma2, weights, loglik


def dgemm_rate(repeats, n=2000):
    rng = np.random.default_rng(1)
    a = rng.random((n, n))
    b = rng.random((n, n))
    a @ b
    best = float('inf')
    for _ in range(max(repeats, 3)):
        t0 = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - t0)
    return 2.0 * n ** 3 / best / 1e9


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--model', choices=['symmetric', 'clustered', 'standard', 'dgemm'], required=True)
    p.add_argument('--m', type=int, default=10000)
    p.add_argument('--n', type=int, default=100)
    p.add_argument('--d', type=int, default=10)
    p.add_argument('--k', type=int, default=2)
    p.add_argument('--iterations', type=int, default=20)
    p.add_argument('--repeats', type=int, default=3)
    p.add_argument('--seed', type=int, default=11)
    a = p.parse_args()
    if a.model == 'dgemm':
        print(json.dumps({'peer': 'numpy ' + np.__version__, 'model': 'dgemm', 'gflops': dgemm_rate(a.repeats)}))
        return
    x, y, theta = data(a.m, a.n, a.d, a.seed)
    g, s, q, counts = node_stats(x, y, a.m, a.n, a.d)
    start_beta = np.stack([0.5 * theta * (1 if c % 2 == 0 else -1) for c in range(a.k)])
    start_beta[0, 0] += 0.3
    best = float('inf')
    loglik = float('nan')
    for _ in range(a.repeats):
        beta, sigma2, weights = start_beta.copy(), np.ones(a.k), np.full(a.k, 1.0 / a.k)
        th = 0.5 * theta
        if a.model == 'symmetric':
            amat = g.sum(axis=0)
            chol = np.linalg.cholesky(amat)
        yy = y * y
        ones = np.ones(len(y))
        t0 = time.perf_counter()
        for _ in range(a.iterations):
            if a.model == 'symmetric':
                th, loglik = symmetric_iteration(s, chol, amat, th, 1.0)
            elif a.model == 'clustered':
                beta, sigma2, weights, loglik = clustered_iteration(g, s, q, counts, beta, sigma2, weights)
            else:
                beta, sigma2, weights, loglik = standard_iteration(x, y, yy, ones, beta, sigma2, weights)
        best = min(best, (time.perf_counter() - t0) / a.iterations * 1e3)
    print(json.dumps({'peer': 'numpy ' + np.__version__, 'model': a.model, 'm': a.m, 'n': a.n, 'd': a.d,
                      'k': a.k, 'iterations': a.iterations, 'msPerIteration': best, 'logLik': loglik}))


if __name__ == '__main__':
    main()
