#!/usr/bin/env python3
"""optiviz against the seed notebooks' Python, on the same work.

(a) contouring: contourpy on the 400 x 400 Rosenbrock grid over [-2, 2] x [-1, 3]
    with 30 levels logspace(-1, 3.5, 30), sampling included, against
    `optiviz bench`'s contour_400_ms;
(b) the seed 003 figures: the notebook's NumPy + Matplotlib script (four
    optimizers, 5000 steps each, the 2 x 2 contour grid and the log-loss plot,
    saved as PNGs) against `optiviz export --scene assets/scenes/seed003.toml`,
    both as whole processes (start-up included), best of N;
(c) network training: the seed 003 NumPy network (digits, 64 hidden, Adam,
    200 full-batch epochs) against train_digits_ms, and, when torch is
    installed, the seed 004 torch network (circles, 16-16, Adam, 100 epochs)
    against train_circles_ms, and the seed's whole loop over four optimizers
    against train_circles_seed_ms.

Prints a markdown table of best times and ratios.

--network runs instead benches/network.py (its arguments follow): the source
benchmark at full size, `optiviz train` against torch and a NumPy loop per
epoch on Fashion-MNIST- and California-Housing-shaped data.

    pip install numpy matplotlib contourpy      # torch is optional
    cargo build --release
    python3 benches/compare.py [--optiviz target/release/optiviz] [--runs 5]
    python3 benches/compare.py --network [--epochs 5] [--runs 2] [--threads 1]
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

# The seed 003 notebook's script, plt.show() replaced by saving the figures
# (the directory is the first argument).
SEED003_FIGURES = r'''
import sys
import matplotlib
matplotlib.use("Agg")
import numpy as np
import matplotlib.pyplot as plt

out = sys.argv[1]

def rosenbrock(x, y):
    return (1 - x)**2 + 100 * (y - x**2)**2

def rosenbrock_grad(x, y):
    dx = -2 * (1 - x) - 400 * x * (y - x**2)
    dy = 200 * (y - x**2)
    return np.array([dx, dy])

def gd(grad_fn, start, lr=0.001, steps=5000):
    path = [start.copy()]
    theta = start.copy()
    for _ in range(steps):
        g = grad_fn(*theta)
        theta -= lr * g
        path.append(theta.copy())
    return np.array(path)

def sgd_momentum(grad_fn, start, lr=0.001, beta=0.9, steps=5000):
    path = [start.copy()]
    theta = start.copy()
    v = np.zeros_like(theta)
    for _ in range(steps):
        g = grad_fn(*theta)
        v = beta * v + g
        theta -= lr * v
        path.append(theta.copy())
    return np.array(path)

def rmsprop(grad_fn, start, lr=0.01, beta=0.9, eps=1e-8, steps=5000):
    path = [start.copy()]
    theta = start.copy()
    s = np.zeros_like(theta)
    for _ in range(steps):
        g = grad_fn(*theta)
        s = beta * s + (1 - beta) * g**2
        theta -= lr * g / (np.sqrt(s) + eps)
        path.append(theta.copy())
    return np.array(path)

def adam(grad_fn, start, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8, steps=5000):
    path = [start.copy()]
    theta = start.copy()
    m = np.zeros_like(theta)
    v = np.zeros_like(theta)
    for t in range(1, steps + 1):
        g = grad_fn(*theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        theta -= lr * m_hat / (np.sqrt(v_hat) + eps)
        path.append(theta.copy())
    return np.array(path)

start = np.array([-1.0, 1.0])
paths = {
    "GD": gd(rosenbrock_grad, start, lr=0.001, steps=5000),
    "Momentum": sgd_momentum(rosenbrock_grad, start, lr=0.001, beta=0.9, steps=5000),
    "RMSProp": rmsprop(rosenbrock_grad, start, lr=0.005, steps=5000),
    "Adam": adam(rosenbrock_grad, start, lr=0.01, steps=5000),
}
x = np.linspace(-2, 2, 400)
y = np.linspace(-1, 3, 400)
X, Y = np.meshgrid(x, y)
Z = rosenbrock(X, Y)
fig, axes = plt.subplots(2, 2, figsize=(12, 10))
for ax, (name, path) in zip(axes.ravel(), paths.items()):
    ax.contour(X, Y, Z, levels=np.logspace(-1, 3.5, 30), cmap="viridis", alpha=0.5)
    ax.plot(path[:, 0], path[:, 1], "r-", linewidth=0.8, alpha=0.7)
    ax.plot(path[0, 0], path[0, 1], "ro", markersize=8)
    ax.plot(1, 1, "g*", markersize=15)
    ax.set_title(f"{name} ({len(path)} steps)")
    ax.set_xlim(-2, 2); ax.set_ylim(-1, 3)
plt.tight_layout()
fig.savefig(f"{out}/seed003_race.png")
fig, ax = plt.subplots(figsize=(10, 5))
for name, path in paths.items():
    losses = [rosenbrock(p[0], p[1]) for p in path]
    ax.plot(losses, label=name, alpha=0.8)
ax.set_xlabel("Step"); ax.set_ylabel("f(x,y)")
ax.set_yscale("log")
ax.legend()
ax.set_title("Convergence comparison on Rosenbrock")
fig.savefig(f"{out}/seed003_loss.png")
'''


def best_seconds(runs, work):
    """The best wall time of `runs` calls of `work`, in seconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def contourpy_seconds(runs):
    """Sampling Rosenbrock on 400 x 400 and tracing 30 log-spaced levels."""
    import contourpy

    levels = np.logspace(-1, 3.5, 30)

    def work():
        x = np.linspace(-2, 2, 400)
        y = np.linspace(-1, 3, 400)
        X, Y = np.meshgrid(x, y)
        Z = (1 - X) ** 2 + 100 * (Y - X**2) ** 2
        generator = contourpy.contour_generator(X, Y, Z)
        return [generator.lines(level) for level in levels]

    return best_seconds(runs, work)


def process_seconds(runs, command):
    """Best wall time of a whole process (start-up included)."""
    return best_seconds(runs, lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL))


def digits_seconds(runs):
    """The seed 003 network: 64-64-10 ReLU + softmax, Adam lr 0.01, 200 epochs
    on 80 % of the standardised digits (the shipped copy of scikit-learn's)."""
    data = np.loadtxt(ROOT / "assets/digits.csv", delimiter=",")
    X, labels = data[:, :-1], data[:, -1].astype(int)
    X = (X - X.mean(axis=0)) / np.where(X.std(axis=0) > 0, X.std(axis=0), 1)
    order = np.random.default_rng(42).permutation(len(X))
    train = order[: int(0.8 * len(X))]
    X, y_oh = X[train], np.eye(10)[labels[train]]

    def work(epochs=200, hidden=64, lr=0.01):
        rng = np.random.default_rng(0)
        d, h, c = X.shape[1], hidden, 10
        n = len(X)
        params = [rng.standard_normal((d, h)) * np.sqrt(2 / d), np.zeros(h),
                  rng.standard_normal((h, c)) * np.sqrt(2 / h), np.zeros(c)]
        m = [np.zeros_like(p) for p in params]
        v = [np.zeros_like(p) for p in params]
        for epoch in range(1, epochs + 1):
            W1, b1, W2, b2 = params
            z1 = X @ W1 + b1
            a1 = np.maximum(0, z1)
            z2 = a1 @ W2 + b2
            e = np.exp(z2 - z2.max(axis=1, keepdims=True))
            probs = e / e.sum(axis=1, keepdims=True)
            _loss = -np.sum(y_oh * np.log(probs + 1e-15)) / n
            dz2 = (probs - y_oh) / n
            dW2 = a1.T @ dz2
            db2 = dz2.sum(axis=0)
            dz1 = (dz2 @ W2.T) * (z1 > 0)
            grads = [X.T @ dz1, dz1.sum(axis=0), dW2, db2]
            for i in range(4):
                m[i] = 0.9 * m[i] + 0.1 * grads[i]
                v[i] = 0.999 * v[i] + 0.001 * grads[i] ** 2
                m_hat = m[i] / (1 - 0.9**epoch)
                v_hat = v[i] / (1 - 0.999**epoch)
                params[i] -= lr * m_hat / (np.sqrt(v_hat) + 1e-8)

    return best_seconds(runs, work)


def circles_seconds(runs, optimizers):
    """The seed 004 torch loop: for each optimizer in turn, a 2-16-16-1 network
    with BCE trained 100 epochs (lr 0.01) on 700 of 1000 noisy circles, with a
    test evaluation every epoch. None when torch is not installed."""
    try:
        import torch
        from torch import nn
    except ImportError:
        return None
    rng = np.random.default_rng(42)
    angles = rng.uniform(0, 2 * np.pi, 1000)
    radius = np.where(np.arange(1000) % 2 == 0, 1.0, 0.5)
    points = np.stack([radius * np.cos(angles), radius * np.sin(angles)], 1) + rng.normal(0, 0.03, (1000, 2))
    labels = (radius < 1).astype(np.float32)
    X_train = torch.from_numpy(points[:700].astype(np.float32))
    X_test = torch.from_numpy(points[700:].astype(np.float32))
    y_train = torch.from_numpy(labels[:700]).unsqueeze(1)
    y_test = torch.from_numpy(labels[700:]).unsqueeze(1)
    build = {
        "SGD": lambda params: torch.optim.SGD(params, lr=0.01),
        "Momentum": lambda params: torch.optim.SGD(params, lr=0.01, momentum=0.9),
        "RMSprop": lambda params: torch.optim.RMSprop(params, lr=0.01),
        "Adam": lambda params: torch.optim.Adam(params, lr=0.01),
    }

    def work():
        for name in optimizers:
            model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1))
            loss_fn = nn.BCEWithLogitsLoss()
            optimizer = build[name](model.parameters())
            for _ in range(100):
                model.train()
                optimizer.zero_grad()
                loss = loss_fn(model(X_train), y_train)
                loss.backward()
                optimizer.step()
                model.eval()
                with torch.no_grad():
                    loss_fn(model(X_test), y_test).item()

    return best_seconds(runs, work)


def optiviz_bench(binary, runs):
    """`optiviz bench --json`, run `runs` times: each figure's best, as the
    Python side takes its best of several runs (the machine is shared, and
    a process can land in a slow spell from start to end)."""
    results = [json.loads(subprocess.run([binary, "bench", "--json"], check=True, capture_output=True,
                                         text=True).stdout) for _ in range(runs)]
    best = {}
    for key in results[0]:
        values = [result[key] for result in results]
        best[key] = max(values) if key.endswith("_per_s") else min(values)
    return best


def main():
    if "--network" in sys.argv:
        rest = [argument for argument in sys.argv[1:] if argument != "--network"]
        sys.exit(subprocess.run([sys.executable, str(ROOT / "benches/network.py"), *rest]).returncode)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--optiviz", default=str(ROOT / "target/release/optiviz"), help="the optiviz binary")
    parser.add_argument("--runs", type=int, default=5, help="best of how many runs")
    parser.add_argument("--network", action="store_true", help="the full-size network benchmark instead "
                        "(benches/network.py, which takes the other arguments)")
    args = parser.parse_args()
    if not Path(args.optiviz).is_file():
        sys.exit(f"{args.optiviz} not found: build it with cargo build --release, or pass --optiviz")

    bench = optiviz_bench(args.optiviz, 3)
    rows = [("contour 400x400, 30 levels (in-process)", "contourpy", contourpy_seconds(20) * 1e3, bench["contour_400_ms"], 4)]

    with tempfile.TemporaryDirectory() as out:
        python = [sys.executable, "-c", SEED003_FIGURES, out]
        subprocess.run(python, check=True)  # builds matplotlib's font cache once
        scene = str(ROOT / "assets/scenes/seed003.toml")
        export = [args.optiviz, "export", "--scene", scene, "--out", out + "/", "--width", "1200", "--height", "1000"]
        rows.append(("seed003 figures, 2 PNGs (whole process)", "NumPy + Matplotlib",
                     process_seconds(args.runs, python) * 1e3, process_seconds(args.runs, export) * 1e3, 10))

    rows.append(("digits 64-64-10, Adam, 200 epochs (in-process)", "NumPy", digits_seconds(args.runs) * 1e3,
                 bench["train_digits_ms"], 1))
    circles = circles_seconds(args.runs, ["Adam"])
    if circles is None:
        print("torch is not installed: the circles training is skipped", file=sys.stderr)
    else:
        rows.append(("circles 2-16-16-1, Adam, 100 epochs (in-process)", "torch", circles * 1e3,
                     bench["train_circles_ms"], 20))
        seed_loop = circles_seconds(args.runs, ["SGD", "Momentum", "RMSprop", "Adam"])
        rows.append(("seed 004's loop: SGD, momentum, RMSprop, Adam, 100 epochs each (in-process)", "torch",
                     seed_loop * 1e3, bench["train_circles_seed_ms"], 20))

    print("| work | Python | Python ms | optiviz ms | optiviz faster by | target |")
    print("|---|---|---:|---:|---:|---:|")
    for work, tool, python_ms, optiviz_ms, target in rows:
        goal = f"≥ {target}x" if target else ""
        print(f"| {work} | {tool} | {python_ms:.1f} | {optiviz_ms:.1f} | {python_ms / optiviz_ms:.1f}x | {goal} |")
    print(f"\nframe_cpu_ms (target < 8): {bench['frame_cpu_ms']:.2f}")


if __name__ == "__main__":
    main()
