"""A numpy stand-in for the few PyTorch calls scripts/torch_em.py makes, CPU only.

Only for running that script's logic (shapes, the EM, the figures) in the tests of a machine
without PyTorch (TorchPeerScriptTest); it says nothing about PyTorch's own behaviour or speed.
"""
import numpy as np

__version__ = "numpy-stand-in"
float64 = np.float64


class _Version:
    cuda = None


version = _Version()


class device:
    def __init__(self, name):
        self.type = str(name).split(":")[0]


class Generator:
    def __init__(self, device=None):
        self.rng = np.random.default_rng(0)

    def manual_seed(self, seed):
        self.rng = np.random.default_rng(seed)
        return self


_default = Generator()


class Tensor(np.ndarray):
    def normal_(self, generator=None):
        self[...] = (generator or _default).rng.standard_normal(self.shape)
        return self

    def copy_(self, other):
        self[...] = other
        return self

    def transpose(self, a, b):
        return np.swapaxes(self, a, b)

    def norm(self):
        return np.sqrt((np.asarray(self) ** 2).sum()).view(Tensor)

    def abs(self):
        return np.abs(self)

    def exp(self):
        return np.exp(self)

    def log1p(self):
        return np.log1p(self)

    def sum(self, dim=None, **kw):
        return np.asarray(self).sum(axis=dim).view(Tensor) if dim is not None else np.asarray(np.asarray(self).sum()).view(Tensor)


def _shape(size):
    return (size,) if isinstance(size, int) else tuple(size)


def empty(size, dtype=float64, device=None):
    return np.zeros(_shape(size), dtype=dtype).view(Tensor)


def empty_like(t):
    return np.zeros_like(t).view(Tensor)


def randn(*size, generator=None, dtype=float64, device=None):
    return empty(size[0] if len(size) == 1 else size).normal_(generator)


def tensor(values, dtype=float64, device=None):
    return np.asarray(values, dtype=dtype).view(Tensor)


def sign(t):
    return np.sign(t)


def tanh(t):
    return np.tanh(t)


def bmm(a, b):
    return np.matmul(a, b).view(Tensor)


def cholesky_solve(b, chol):
    y = np.linalg.solve(chol, b)
    return np.linalg.solve(np.asarray(chol).T, y).view(Tensor)


class linalg:
    @staticmethod
    def cholesky(a):
        return np.linalg.cholesky(a).view(Tensor)


class cuda:
    @staticmethod
    def is_available():
        return False
