LAYERS = INIT["layers"]
SIZES = [len(LAYERS[0]["weight"])] + [len(layer["bias"]) for layer in LAYERS]  # inputs first
SIGMOID = SIZES[-1] == 1  # one sigmoid unit for two classes, else a softmax over the classes
X_TRAIN = FEATURES[INIT["train_index"]].to(PRECISION)
Y_TRAIN = LABELS[INIT["train_index"]]
X_TEST = FEATURES[INIT["test_index"]].to(PRECISION)
Y_TEST = LABELS[INIT["test_index"]]


def flat(layers):
    """The flat parameter vector of the layers: each layer's weight row by row, then its bias."""
    values = []
    for layer in layers:
        for row in layer["weight"]:
            values.extend(row)
        values.extend(layer["bias"])
    return torch.tensor(values)


def matrices(theta):
    """Every layer's weight with its bias as one more row: (inputs + 1) × outputs views of θ."""
    views, start = [], 0
    for inputs, outputs in zip(SIZES, SIZES[1:]):
        end = start + (inputs + 1) * outputs
        views.append(theta[start:end].view(inputs + 1, outputs))
        start = end
    return views


def with_ones(a):
    """a with a column of ones after its features: the input of a layer's bias."""
    return torch.cat([a, torch.ones(len(a), 1, dtype=a.dtype)], dim=1)


def softmax(z):
    """Each row's softmax, its maximum subtracted first, the exponentials summed one class
    after another as optiviz sums them."""
    e = torch.exp(z - z.max(dim=1, keepdim=True).values)
    total = e[:, 0]
    for c in range(1, e.shape[1]):
        total = total + e[:, c]
    return e / total[:, None]


def sigmoid_pair(z):
    """The probabilities [1 − σ(z), σ(z)] of the one output unit, each without cancellation:
    the larger is 1/(1 + e^−|z|), the smaller e^−|z| times it."""
    z = z[:, 0]
    e = torch.exp(-z.abs())
    larger = 1.0 / (1.0 + e)
    smaller = e * larger
    positive = z >= 0
    return torch.stack([torch.where(positive, smaller, larger), torch.where(positive, larger, smaller)], dim=1)


def forward(theta, x):
    """The forward pass in PRECISION: every layer's input with its column of ones, the
    layers' matrices, and the class probabilities (a row per row of x)."""
    weights = matrices(theta.to(PRECISION))
    inputs = [with_ones(x)]
    for k, w in enumerate(weights):
        z = inputs[k] @ w
        if k < len(weights) - 1:
            inputs.append(with_ones(torch.where(z > 0, z, 0.0)))  # ReLU (NaN to 0, as optiviz's max)
    return inputs, weights, sigmoid_pair(z) if SIGMOID else softmax(z)


def sum_of_logs(values):
    """Σ ln xᵢ as optiviz computes it: the logarithms of products of 16 factors."""
    total, product = 0.0, 1.0
    for i, x in enumerate(values):
        product *= x
        if i % 16 == 15:
            total += math.log(product)
            product = 1.0
    return total + math.log(product)


def cross_entropy(p, labels):
    """−Σ ln(p_label + 1e−15) / n, in float64."""
    picked = p.gather(1, labels[:, None])[:, 0].to(torch.float64) + 1e-15
    return -sum_of_logs(picked.tolist()) / len(labels)


def loss_and_gradient(theta):
    """The training loss at θ and its exact gradient, by backpropagation as optiviz writes
    it: the output's delta (p − onehot)/n, then each layer's [W; b] gradient [a 1]ᵀ·dz and
    the delta of the layer below, dz·Wᵀ where its ReLU is on."""
    inputs, weights, p = forward(theta, X_TRAIN)
    n = torch.tensor(float(len(Y_TRAIN)), dtype=PRECISION)
    if SIGMOID:
        dz = (p[:, 1:] - Y_TRAIN[:, None].to(PRECISION)) * (1.0 / n)
    else:
        dz = (p - torch.nn.functional.one_hot(Y_TRAIN, SIZES[-1]).to(PRECISION)) / n
    grads = [None] * len(weights)
    for k in reversed(range(len(weights))):
        grads[k] = inputs[k].T @ dz
        if k > 0:
            below = inputs[k][:, :-1]
            dz = torch.where(below <= 0, 0.0, dz @ weights[k][:-1].T)
    return cross_entropy(p, Y_TRAIN), torch.cat([g.reshape(-1) for g in grads]).to(torch.float64)


def gradient(theta):
    """The gradient of the training loss at θ (for the optimizers that probe other points)."""
    return loss_and_gradient(theta)[1]


def metrics(theta):
    """The training loss, test loss and test accuracy at θ (NaN for no test rows)."""
    train_loss = cross_entropy(forward(theta, X_TRAIN)[2], Y_TRAIN)
    if len(Y_TEST) == 0:
        return [train_loss, math.nan, math.nan]
    p = forward(theta, X_TEST)[2]
    accuracy = (p.argmax(dim=1) == Y_TEST).sum().item() / len(Y_TEST)
    return [train_loss, cross_entropy(p, Y_TEST), accuracy]


def train(run, label, make_optimizer, factor=None):
    """Trains the network from INIT for EPOCHS full-batch epochs, one step each, with the
    optimizer make_optimizer([θ]) builds (its learning rate times factor(t) at step t + 1),
    printing one CSV row per epoch. A step that leaves a parameter or the training loss not
    finite ends the run, as in optiviz."""
    theta = flat(LAYERS).requires_grad_()
    optimizer = make_optimizer([theta])
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, factor) if factor else None

    def closure():
        value, theta.grad = loss_and_gradient(theta.detach())
        return torch.tensor(value)

    print_row(run, label, 0, metrics(theta.detach()))
    for epoch in range(1, EPOCHS + 1):
        optimizer.step(closure)
        point = theta.detach()
        row = metrics(point) if torch.isfinite(point).all() else [math.nan]
        if not math.isfinite(row[0]):
            print(f"{label} diverged at epoch {epoch}: the position or loss is no longer finite", file=sys.stderr)
            return
        print_row(run, label, epoch, row)
        if scheduler:
            scheduler.step()
