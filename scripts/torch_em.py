#!/usr/bin/env python3
"""The PyTorch peer of `cmlr bench gpu`: what a GPU user would write instead of cmlr.

The same clustered pipeline at the same sizes, in float64 on one device:
  generation   m nodes of n rows: x ~ N(0, I_d), a sign xi_j per node, y = xi_j <x, theta*> + sigma e
               (torch's own Philox generator: the same model, not the same numbers as cmlr),
  statistics   per node G_j = X_j^T X_j, s_j = X_j^T y_j, q_j = y_j^T y_j with torch.bmm,
  clustered EM the symmetric model with sigma known, from the start cmlr uses (theta* + 0.1 sigma
               in alternating signs): E-step w_j = tanh(<s_j, theta> / sigma^2), M-step
               theta = A^{-1} sum_j w_j s_j with A = sum_j G_j (Cholesky), for --iterations steps.
Generation and statistics run chunk by chunk (--chunk-nodes), as cmlr does. Phases are timed with
CUDA events; the baselines are a device-to-device copy (bytes read + written per second) and
torch.randn alone, measured on a chunk-sized buffer as cmlr measures its own.

Prints the figures as text and one line "TORCH_EM_JSON {...}" (names as in `cmlr bench gpu --json`);
--json FILE writes them too. With --cmlr-json FILE (the output of `cmlr bench gpu --json` on the
same device) it also prints cmlr / PyTorch ratios and the issue's targets. --compare-only TORCH_JSON
prints only the ratios of two saved files and needs no PyTorch.
"""
import argparse
import json
import math
import sys


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--m", type=int, default=100000, help="nodes (default 100000)")
    p.add_argument("--n", type=int, default=1000, help="rows per node (default 1000; m*n = 1e8)")
    p.add_argument("--d", type=int, default=10, help="dimension (default 10)")
    p.add_argument("--iterations", type=int, default=10, help="EM iterations (default 10)")
    p.add_argument("--chunk-nodes", type=int, default=8192, help="nodes generated per chunk (default 8192)")
    p.add_argument("--snr", type=float, default=4.0, help="||theta*|| / sigma (default 4)")
    p.add_argument("--sigma", type=float, default=1.0, help="noise standard deviation (default 1)")
    p.add_argument("--seed", type=int, default=1, help="seed (default 1)")
    p.add_argument("--device", default="cuda", help="torch device (default cuda; cpu to try the script)")
    p.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    p.add_argument("--cmlr-json", metavar="FILE", help="cmlr's `bench gpu --json` figures: print cmlr / PyTorch")
    p.add_argument("--compare-only", metavar="TORCH_JSON", help="only compare TORCH_JSON with --cmlr-json (no PyTorch)")
    args = p.parse_args(argv)
    for name in ("m", "n", "d", "iterations", "chunk_nodes"):
        if getattr(args, name) < 1:
            p.error("--%s must be >= 1" % name.replace("_", "-"))
    if args.compare_only and not args.cmlr_json:
        p.error("--compare-only needs --cmlr-json")
    return args


class Timer:
    """Elapsed device time between two points of the stream (CUDA events), or wall time on the CPU."""

    def __init__(self, torch, device):
        self.torch = torch
        self.cuda = device.type == "cuda"

    def mark(self):
        if self.cuda:
            e = self.torch.cuda.Event(enable_timing=True)
            e.record()
            return e
        import time
        return time.perf_counter()

    def seconds(self, a, b):
        if self.cuda:
            b.synchronize()
            return a.elapsed_time(b) / 1000.0
        return b - a


def baselines(torch, device, timer, doubles, reps=10):
    """Copy bandwidth (bytes read + written / s) and raw normal generation (numbers / s)."""
    a = torch.empty(doubles, dtype=torch.float64, device=device).normal_()
    b = torch.empty_like(a)
    b.copy_(a)
    t0 = timer.mark()
    for _ in range(reps):
        b.copy_(a)
    t1 = timer.mark()
    copy = 2.0 * 8 * doubles * reps / timer.seconds(t0, t1)
    t0 = timer.mark()
    for _ in range(reps):
        a.normal_()
    t1 = timer.mark()
    return copy, doubles * reps / timer.seconds(t0, t1)


def log_cosh(a):
    x = a.abs()
    return x + (-2.0 * x).exp().log1p() - math.log(2.0)


def pipeline(torch, args, device, timer):
    """Generation + statistics chunk by chunk, then EM; seconds of each phase and the final theta."""
    m, n, d, sigma = args.m, args.n, args.d, args.sigma
    gen = torch.Generator(device=device)
    gen.manual_seed(args.seed)
    f64 = dict(dtype=torch.float64, device=device)
    u = torch.randn(d, generator=gen, **f64)
    theta_star = u * (args.snr * sigma / u.norm())
    chunk = min(m, args.chunk_nodes)
    x = torch.empty((chunk, n, d), **f64)
    noise = torch.empty((chunk, n), **f64)
    signs = torch.empty(chunk, **f64)
    gram = torch.empty((m, d, d), **f64)
    xty = torch.empty((m, d), **f64)
    yty = torch.empty(m, **f64)
    marks = []
    for j0 in range(0, m, chunk):
        c = min(chunk, m - j0)
        xc, ec, sc = x[:c], noise[:c], signs[:c]
        t0 = timer.mark()
        xc.normal_(generator=gen)
        ec.normal_(generator=gen)
        sc.normal_(generator=gen)
        y = torch.sign(sc)[:, None] * (xc @ theta_star) + sigma * ec
        t1 = timer.mark()
        xt = xc.transpose(1, 2)
        gram[j0:j0 + c] = torch.bmm(xt, xc)
        xty[j0:j0 + c] = torch.bmm(xt, y[:, :, None])[:, :, 0]
        yty[j0:j0 + c] = (y * y).sum(dim=1)
        t2 = timer.mark()
        marks.append((t0, t1, t2))
    t3 = timer.mark()
    sigma2 = sigma * sigma
    a = gram.sum(dim=0)
    chol = torch.linalg.cholesky(a)
    theta = theta_star + 0.1 * sigma * torch.tensor([1.0 if i % 2 == 0 else -1.0 for i in range(d)], **f64)
    logliks = []

    def e_step(th):
        z = xty @ th / sigma2
        logliks.append(log_cosh(z).sum() - th @ a @ th / (2 * sigma2))
        return torch.tanh(z)

    w = e_step(theta)
    for _ in range(args.iterations):
        theta = torch.cholesky_solve((w @ xty)[:, None], chol)[:, 0]
        w = e_step(theta)
    t4 = timer.mark()
    generation = sum(timer.seconds(p[0], p[1]) for p in marks)
    statistics = sum(timer.seconds(p[1], p[2]) for p in marks)
    em = timer.seconds(t3, t4)
    total = timer.seconds(marks[0][0], t4)
    err = min((theta - theta_star).norm(), (theta + theta_star).norm()) / theta_star.norm()
    return generation, statistics, em, total, float(err), [float(v) for v in logliks]


def run(args):
    try:
        import torch
    except ImportError as e:
        sys.exit("torch_em: PyTorch is not importable here (%s); --compare-only needs no PyTorch" % e)
    device = torch.device(args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        sys.exit("torch_em: no CUDA device visible to PyTorch (use --device cpu to try the script)")
    timer = Timer(torch, device)
    m, n, d = args.m, args.n, args.d
    chunk_doubles = min(m, args.chunk_nodes) * n * (d + 1)
    copy, normals = baselines(torch, device, timer, max(1 << 20, chunk_doubles))
    generation, statistics, em, total, err, logliks = pipeline(torch, args, device, timer)
    samples = float(m) * n
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"
    return {
        "device": "%s (PyTorch %s, CUDA %s)" % (name, torch.__version__, torch.version.cuda),
        "m": m, "n": n, "d": d, "iterations": args.iterations, "chunkNodes": args.chunk_nodes, "samples": samples,
        "copyBandwidthBytesPerSecond": copy, "generator": "torch Philox", "rawNormalsPerSecond": normals,
        "statisticsPath": "torch.bmm",
        "generationSeconds": generation, "statisticsSeconds": statistics, "emSeconds": em, "totalSeconds": total,
        "samplesPerSecond": samples / total,
        "generationShareOfRaw": (samples * (d + 1) + m) / generation / normals,
        "statisticsShareOfCopyBandwidth": samples * (d + 1) * 8.0 / statistics / copy,
        "finalError": err, "logLikelihoodIncreases": all(b >= a - 1e-9 * abs(a) for a, b in zip(logliks, logliks[1:])),
    }


def report(f):
    lines = ["device: " + f["device"],
             "baselines: device copy bandwidth %.1f GB/s; raw torch.randn %.3g normals/s"
             % (f["copyBandwidthBytesPerSecond"] / 1e9, f["rawNormalsPerSecond"]),
             "torch: m=%d n=%d d=%d (m*n=%.3g), chunks of %d nodes" % (f["m"], f["n"], f["d"], f["samples"], f["chunkNodes"]),
             "  generation: %.3f s = %.0f%% of raw generation" % (f["generationSeconds"], 100 * f["generationShareOfRaw"]),
             "  statistics: %.3f s = %.0f%% of the copy bandwidth (torch.bmm)"
             % (f["statisticsSeconds"], 100 * f["statisticsShareOfCopyBandwidth"]),
             "  %d clustered EM iterations: %.3f s (final error %.3g)" % (f["iterations"], f["emSeconds"], f["finalError"]),
             "  total %.3f s: %.3g samples/s" % (f["totalSeconds"], f["samplesPerSecond"])]
    return "\n".join(lines)


def compare(cmlr, torch_f):
    """cmlr / PyTorch lines: speed ratios (> 1: cmlr faster) and the targets of `bench gpu`."""
    for key in ("m", "n", "d", "iterations"):
        if cmlr.get(key) != torch_f.get(key):
            return ["not comparable: %s is %s for cmlr and %s for PyTorch" % (key, cmlr.get(key), torch_f.get(key))]
    out = ["cmlr / PyTorch on the same device (speed ratios: above 1 means cmlr is faster)"]
    out.append("  pipeline samples/s: %.2f (cmlr %.3g, PyTorch %.3g)"
               % (cmlr["samplesPerSecond"] / torch_f["samplesPerSecond"], cmlr["samplesPerSecond"], torch_f["samplesPerSecond"]))
    for phase in ("generation", "statistics", "em"):
        c, t = cmlr[phase + "Seconds"], torch_f[phase + "Seconds"]
        out.append("  %s: %.2f (cmlr %.3f s, PyTorch %.3f s)" % (phase, t / c, c, t))
    out.append("  copy bandwidth: cmlr measures %.1f GB/s, PyTorch %.1f GB/s"
               % (cmlr["copyBandwidthBytesPerSecond"] / 1e9, torch_f["copyBandwidthBytesPerSecond"] / 1e9))
    targets = [("cmlr pipeline at least as fast as PyTorch's", cmlr["samplesPerSecond"] / torch_f["samplesPerSecond"], 1.0),
               ("statistics pass at least 70% of the copy bandwidth", cmlr["statisticsShareOfCopyBandwidth"], 0.70),
               ("generation at least 80% of raw generation", cmlr["generationShareOfRaw"], 0.80)]
    out.append("targets:")
    for what, value, goal in targets:
        out.append("  %s %s: %.2f (goal %.2f)" % ("MET " if value >= goal else "MISSED", what, value, goal))
    return out


def main(argv):
    args = parse_args(argv)
    if args.compare_only:
        with open(args.compare_only) as t, open(args.cmlr_json) as c:
            print("\n".join(compare(json.load(c), json.load(t))))
        return 0
    figures = run(args)
    print(report(figures))
    print("TORCH_EM_JSON " + json.dumps(figures))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=2)
    if args.cmlr_json:
        try:
            with open(args.cmlr_json) as c:
                cmlr = json.load(c)
        except (OSError, ValueError) as e:
            print("no cmlr figures to compare with (%s)" % e)
            return 0
        print("\n".join(compare(cmlr, figures)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
