"""The source benchmark at full size (issue 18 item 4): `optiviz train` against
PyTorch (CPU) and a NumPy loop in the seed notes' style, per epoch, on data
of the shapes of Fashion-MNIST and California Housing.

Neither real data set can be downloaded here, so both are generated with
the same shape and kind (see `fashion_like` and `housing_like`) and written
as CSV files in a temporary directory, which all three sides read.

Every side does the same work per epoch: the 80 % training rows shuffled
and cut into mini-batches, one Adam step (lr 0.001) each, then the loss over
all training rows and the loss and accuracy (or R²) over the test rows.
Features (and a regression target) are standardised over all rows, as
optiviz does. All three compute in float64 (torch's layers are made in
float64). optiviz trains on one thread; torch and NumPy's BLAS use
`--threads` threads (on a shared, loaded machine a second thread can make
their products several times slower, so 1 is the default; the table says
which was used).

    python3 benches/network.py [--optiviz target/release/optiviz] [--epochs 5] [--runs 2] [--threads 1]

(`python3 benches/compare.py --network` runs this.)
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def threads_from_arguments():
    """The --threads value, read before NumPy is imported: its BLAS takes its
    thread count from the environment when it loads."""
    for i, argument in enumerate(sys.argv):
        if argument == "--threads" and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if argument.startswith("--threads="):
            return argument.split("=", 1)[1]
    return "1"


if __name__ == "__main__":
    for variable in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"]:
        os.environ[variable] = threads_from_arguments()

import numpy as np  # noqa: E402

FASHION_ROWS = 60_000
HOUSING_ROWS = 20_640
HOUSING_COLUMNS = ["MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population", "AveOccup", "Latitude",
                   "Longitude"]


def fashion_like(path, rows=FASHION_ROWS, seed=0):
    """A Fashion-MNIST-shaped CSV: a `label` column (10 classes) then 784 pixel
    columns of integers 0..255, about half of them zero: each class a smooth
    random 28 x 28 template, each row its class's template scaled, shifted and
    noisy, clipped to the pixel range."""
    rng = np.random.default_rng(seed)
    grid = np.linspace(-1, 1, 28)
    yy, xx = np.meshgrid(grid, grid, indexing="ij")
    templates = []
    for _ in range(10):
        blobs = sum(rng.uniform(0.3, 1) * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / rng.uniform(0.05, 0.4))
                    for cx, cy in rng.uniform(-0.7, 0.7, (4, 2)))
        templates.append(np.clip(blobs - 0.25, 0, None).ravel())
    templates = np.array(templates) / max(t.max() for t in templates)
    labels = rng.integers(0, 10, rows)
    scale = rng.uniform(150, 255, (rows, 1))
    pixels = templates[labels] * scale + rng.normal(0, 30, (rows, 784)) * (templates[labels] > 0)
    pixels = np.clip(np.rint(pixels), 0, 255).astype(np.int64)
    header = "label," + ",".join(f"pixel{i}" for i in range(1, 785))
    np.savetxt(path, np.column_stack([labels, pixels]), fmt="%d", delimiter=",", header=header, comments="")


def housing_like(path, rows=HOUSING_ROWS, seed=0):
    """A California-Housing-shaped CSV: scikit-learn's eight feature columns with
    their typical ranges and skew, and `MedHouseVal` (in 100 000 $, capped at
    5.00001 as the real one is) a noisy non-linear function of them."""
    rng = np.random.default_rng(seed)
    income = rng.lognormal(1.25, 0.45, rows)
    age = rng.integers(1, 53, rows).astype(float)
    rooms = rng.lognormal(1.65, 0.25, rows)
    bedrooms = rooms * rng.normal(0.2, 0.02, rows)
    population = rng.lognormal(7.0, 0.7, rows)
    occupancy = rng.lognormal(1.05, 0.3, rows)
    latitude = rng.uniform(32.5, 42, rows)
    longitude = -124.3 + (42 - latitude) * 0.9 + rng.normal(0, 0.8, rows)
    coast = np.exp(-np.abs(longitude + 122 - (38 - latitude) * 0.8))
    value = (0.45 * income + 0.01 * age + 1.2 * coast - 0.1 * occupancy + 0.3 * np.sin(latitude)
             + rng.normal(0, 0.4, rows))
    value = np.clip(value, 0.15, 5.00001)
    table = np.column_stack([income, age, rooms, bedrooms, population, occupancy, latitude, longitude, value])
    np.savetxt(path, table, fmt="%.6g", delimiter=",", header=",".join(HOUSING_COLUMNS + ["MedHouseVal"]),
               comments="")


def load_csv(path, target):
    """The CSV's standardised features and its target column (as optiviz reads it)."""
    with open(path) as f:
        names = f.readline().strip().split(",")
    table = np.loadtxt(path, delimiter=",", skiprows=1)
    column = names.index(target)
    X = np.delete(table, column, axis=1)
    std = X.std(axis=0)
    X = (X - X.mean(axis=0)) / np.where(std > 0, std, 1)
    return X, table[:, column]


def split(n, seed=0):
    """A shuffled 80/20 split of `n` rows."""
    order = np.random.default_rng(seed).permutation(n)
    cut = int(round(0.8 * n))
    return order[:cut], order[cut:]


def numpy_epochs(X, y, hidden, batch, epochs, regression):
    """Seed 003's from-scratch NumPy network (ReLU hidden layers, softmax and
    cross-entropy, or one linear unit and MSE for regression; He
    initialisation; Adam with bias correction per step), in mini-batches.
    Returns the seconds of each epoch."""
    rng = np.random.default_rng(0)
    train, test = split(len(X))
    if regression:
        y = (y - y.mean()) / y.std()
        targets = y[:, None]
    else:
        targets = np.eye(int(y.max()) + 1)[y.astype(int)]
    sizes = [X.shape[1], *hidden, targets.shape[1]]
    params = []
    for d, h in zip(sizes, sizes[1:]):
        params += [rng.standard_normal((d, h)) * np.sqrt(2 / d), np.zeros(h)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, t = 0.001, 0

    def forward(Xb):
        activations = [Xb]
        for i in range(0, len(params), 2):
            z = activations[-1] @ params[i] + params[i + 1]
            activations.append(np.maximum(0, z) if i + 2 < len(params) else z)
        z = activations[-1]
        if not regression:
            e = np.exp(z - z.max(axis=1, keepdims=True))
            activations[-1] = e / e.sum(axis=1, keepdims=True)
        return activations

    def loss(out, yb):
        if regression:
            return np.sum((out - yb) ** 2) / len(yb)
        return -np.sum(yb * np.log(out + 1e-15)) / len(yb)

    seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        order = rng.permutation(train)
        for first in range(0, len(order), batch):
            rows = order[first:first + batch]
            Xb, yb = X[rows], targets[rows]
            n = len(rows)
            activations = forward(Xb)
            dz = (2 if regression else 1) * (activations[-1] - yb) / n
            grads = [None] * len(params)
            for i in range(len(params) - 2, -1, -2):
                a = activations[i // 2]
                grads[i] = a.T @ dz
                grads[i + 1] = dz.sum(axis=0)
                if i:
                    dz = (dz @ params[i].T) * (a > 0)
            t += 1
            for i in range(len(params)):
                m[i] = 0.9 * m[i] + 0.1 * grads[i]
                v[i] = 0.999 * v[i] + 0.001 * grads[i] ** 2
                m_hat = m[i] / (1 - 0.9**t)
                v_hat = v[i] / (1 - 0.999**t)
                params[i] -= lr * m_hat / (np.sqrt(v_hat) + 1e-8)
        _train_loss = loss(forward(X[train])[-1], targets[train])
        out = forward(X[test])[-1]
        _test_loss = loss(out, targets[test])
        if regression:
            _r2 = 1 - np.sum((out - targets[test]) ** 2) / np.sum((targets[test] - targets[test].mean()) ** 2)
        else:
            _accuracy = np.mean(out.argmax(axis=1) == y[test])
        seconds.append(time.perf_counter() - start)
    return seconds


def torch_epochs(X, y, hidden, batch, epochs, regression):
    """The same network and work in torch (seed 004's style: nn.Sequential,
    torch.optim.Adam, a no_grad evaluation every epoch), in float64.
    Returns the seconds of each epoch."""
    import torch
    from torch import nn

    torch.manual_seed(0)
    dtype = torch.float64
    train, test = split(len(X))
    if regression:
        y = (y - y.mean()) / y.std()
        targets = torch.from_numpy(y[:, None]).to(dtype)
        loss_fn = nn.MSELoss()
    else:
        targets = torch.from_numpy(y.astype(np.int64))
        loss_fn = nn.CrossEntropyLoss()
    X = torch.from_numpy(X).to(dtype)
    sizes = [X.shape[1], *hidden, 1 if regression else int(y.max()) + 1]
    layers = []
    for d, h in zip(sizes, sizes[1:]):
        layers += [nn.Linear(d, h, dtype=dtype), nn.ReLU()]
    model = nn.Sequential(*layers[:-1])
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    train, test = torch.from_numpy(train), torch.from_numpy(test)
    X_train, y_train, X_test, y_test = X[train], targets[train], X[test], targets[test]
    seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        model.train()
        order = torch.randperm(len(train))
        for first in range(0, len(order), batch):
            rows = order[first:first + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(X_train[rows]), y_train[rows])
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            loss_fn(model(X_train), y_train).item()
            out = model(X_test)
            loss_fn(out, y_test).item()
            if regression:
                (1 - ((out - y_test) ** 2).sum() / ((y_test - y_test.mean()) ** 2).sum()).item()
            else:
                (out.argmax(dim=1) == y_test).double().mean().item()
        seconds.append(time.perf_counter() - start)
    return seconds


def optiviz_run(binary, csv, target, task, hidden, batch, epochs):
    """Seconds of one whole `optiviz train` process (nothing subtracted), or
    None when optiviz rejects the data set spec (`task=regression` before
    section 8b)."""
    dataset = f"csv:path={csv},target={target}" + (",task=regression" if task == "regression" else "")
    command = [binary, "train", "--dataset", dataset, "--model", "mlp:hidden=" + "x".join(map(str, hidden)),
               "--optimizer", "adam:lr=0.001", "--epochs", str(epochs), "--batch", str(batch)]
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        return None, done.stderr.strip()
    return seconds, None


def peak_memory(binary, csv, target):
    """Peak RSS in MB and wall seconds of `optiviz train` for one epoch, from
    GNU time (None when /usr/bin/time is missing)."""
    if not Path("/usr/bin/time").is_file():
        return None
    command = ["/usr/bin/time", "-f", "%M %e", binary, "train", "--dataset", f"csv:path={csv},target={target}",
               "--model", "mlp:hidden=128", "--optimizer", "adam:lr=0.001", "--epochs", "1", "--batch", "128"]
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    kib, wall = done.stderr.strip().splitlines()[-1].split()
    return int(kib) / 1024, float(wall)


CASES = [
    # name, generator, target, task, hidden, batch, target speed-ups (torch, numpy)
    ("Fashion-MNIST-shaped 784-128-10, batch 128", fashion_like, "label", "classification", [128], 128, (1.2, 1.2)),
    ("California-Housing-shaped 8-64-64-1, batch 32", housing_like, "MedHouseVal", "regression", [64, 64], 32,
     (3, 2)),
]


def network(binary, directory, epochs, runs, threads):
    """Runs every case `runs` times, interleaving the sides (optiviz with 1
    and `epochs` epochs, torch, NumPy), and prints a markdown table of the
    best per-epoch seconds."""
    import torch

    torch.set_num_threads(threads)
    load = lambda: open("/proc/loadavg").read().split()[:3]
    print(f"torch {torch.__version__} and NumPy {np.__version__} on {threads} thread(s), optiviz on 1; "
          f"{epochs} epochs, best of {runs}; load average before: {load()}\n")
    rows = []
    for name, generate, target, task, hidden, batch, goals in CASES:
        csv = Path(directory) / (generate.__name__ + ".csv")
        generate(csv)
        X, y = load_csv(csv, target)
        best = {}

        def keep(key, value):
            best[key] = min(best.get(key, float("inf")), value)

        for _ in range(runs):
            one, error = optiviz_run(binary, csv, target, task, hidden, batch, 1)
            if one is None:
                print(f"{name}: skipped, optiviz rejects it: {error.splitlines()[-1]}\n")
                break
            many, _ = optiviz_run(binary, csv, target, task, hidden, batch, epochs)
            keep("process 1", one)
            keep("process", many)
            keep("torch", min(torch_epochs(X, y, hidden, batch, epochs, task == "regression")))
            keep("numpy", min(numpy_epochs(X, y, hidden, batch, epochs, task == "regression")))
        if best:
            # The difference of the best whole processes: what one more epoch costs.
            best["optiviz"] = (best["process"] - best["process 1"]) / (epochs - 1)
            rows.append((name, best, goals))
    print("| data, network (all float64) | optiviz s/epoch | torch s/epoch | NumPy s/epoch | "
          "optiviz faster than torch / NumPy | target | optiviz whole process, 1 epoch | "
          f"optiviz whole process, {epochs} epochs |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, best, (torch_goal, numpy_goal) in rows:
        epoch = best["optiviz"]
        print(f"| {name} | {epoch:.3f} | {best['torch']:.3f} | {best['numpy']:.3f} | "
              f"{best['torch'] / epoch:.2f}x / {best['numpy'] / epoch:.2f}x | ≥ {torch_goal}x / ≥ {numpy_goal}x | "
              f"{best['process 1']:.2f} s | {best['process']:.2f} s |")
    memory = peak_memory(binary, Path(directory) / "fashion_like.csv", "label")
    if memory:
        print(f"\noptiviz train, Fashion-MNIST-shaped, 1 epoch: peak RSS {memory[0]:.0f} MB (target < 1024), "
              f"{memory[1]:.2f} s wall (GNU time)")
    print(f"load average after: {load()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--optiviz", default=str(ROOT / "target/release/optiviz"), help="the optiviz binary")
    parser.add_argument("--epochs", type=int, default=5, help="epochs per run (at least 2)")
    parser.add_argument("--runs", type=int, default=2, help="best of how many runs")
    parser.add_argument("--threads", type=int, default=1, help="threads for torch and NumPy's BLAS")
    args = parser.parse_args()
    if not Path(args.optiviz).is_file():
        sys.exit(f"{args.optiviz} not found: build it with cargo build --release, or pass --optiviz")
    with tempfile.TemporaryDirectory() as directory:
        network(args.optiviz, directory, max(args.epochs, 2), args.runs, args.threads)


if __name__ == "__main__":
    main()
