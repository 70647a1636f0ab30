LAYERS = INIT["layers"]
SIZES = [len(LAYERS[0]["weight"])] + [len(layer["bias"]) for layer in LAYERS]  # inputs first
# A regression's one linear unit; else one sigmoid unit for two classes, or a softmax over the classes.
SIGMOID = SIZES[-1] == 1 and not REGRESSION


def network_inputs(points):
    """What the network reads of the rows: their features, or with INPUTS the features of
    points (x, y) it names (x, y, x2, y2, xy, sinx, siny), in that order, computed in float64."""
    if INPUTS is None:
        return points
    x, y = points[:, 0], points[:, 1]
    columns = {"x": x, "y": y, "x2": x * x, "y2": y * y, "xy": x * y, "sinx": torch.sin(x), "siny": torch.sin(y)}
    return torch.stack([columns[name] for name in INPUTS], dim=1)


X_TRAIN = network_inputs(FEATURES[INIT["train_index"]]).to(PRECISION)
Y_TRAIN = TARGETS[INIT["train_index"]]
X_TEST = network_inputs(FEATURES[INIT["test_index"]]).to(PRECISION)
Y_TEST = TARGETS[INIT["test_index"]]
PENALISED = L1 != 0.0 or L2 != 0.0


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


def weight_slices():
    """Where each layer's weights lie in θ (its bias follows them): what the penalty weighs."""
    slices, start = [], 0
    for inputs, outputs in zip(SIZES, SIZES[1:]):
        slices.append(slice(start, start + inputs * outputs))
        start += (inputs + 1) * outputs
    return slices


def penalty(theta):
    """λ1·Σ|w| + ½·λ2·Σw² over each layer's weights, added one after another, layer by layer."""
    total = 0.0
    for weights in weight_slices():
        absolute, squares = 0.0, 0.0
        for w in theta[weights].tolist():
            absolute, squares = absolute + abs(w), squares + w * w
        total += L1 * absolute + 0.5 * L2 * squares
    return total


def add_penalty_gradient(theta, gradient):
    """Adds λ1·sign(w) + λ2·w to the gradient of every weight."""
    for weights in weight_slices():
        w = theta[weights]
        gradient[weights] += L1 * torch.sign(w) + L2 * w


def activate(z):
    """ACTIVATION applied to a hidden layer's pre-activations."""
    if ACTIVATION == "relu":
        return torch.where(z > 0, z, 0.0)  # NaN to 0, as optiviz's max
    if ACTIVATION == "tanh":
        return torch.tanh(z)
    if ACTIVATION == "sigmoid":
        return 1.0 / (1.0 + torch.exp(-z))
    return z


def through_activation(a, g):
    """The delta g times the activation's derivative, read from its output a: ReLU's 1 where
    a > 0, tanh's 1 − a², the sigmoid's a(1 − a), the identity's 1."""
    if ACTIVATION == "relu":
        return torch.where(a <= 0, 0.0, g)
    if ACTIVATION == "tanh":
        return g * (1.0 - a * a)
    if ACTIVATION == "sigmoid":
        return g * (a * (1.0 - a))
    return g


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
    layers' matrices, and the answers: the class probabilities, or a regression's
    predictions (a row per row of x)."""
    weights = matrices(theta.to(PRECISION))
    inputs = [with_ones(x)]
    for k, w in enumerate(weights):
        z = inputs[k] @ w
        if k < len(weights) - 1:
            inputs.append(with_ones(activate(z)))
    if REGRESSION:
        return inputs, weights, z
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


def squared_error(predicted, values):
    """Σ(ŷ − y)²/n in float64, the squares added row after row."""
    total = 0.0
    for e in (predicted[:, 0].to(torch.float64) - values).tolist():
        total += e * e
    return total / len(values)


def data_loss(answers, targets):
    """The loss of a forward pass's answers: the mean squared error, or the cross-entropy."""
    return squared_error(answers, targets) if REGRESSION else cross_entropy(answers, targets)


def loss_and_gradient(theta):
    """The loss descended at θ (the training loss plus the penalty) and its exact gradient,
    by backpropagation as optiviz writes it: the output's delta (p − onehot)/n, or 2(ŷ − y)/n,
    then each layer's [W; b] gradient [a 1]ᵀ·dz and the delta of the layer below, dz·Wᵀ
    through its activation; then the penalty's gradient on the weights."""
    inputs, weights, p = forward(theta, X_TRAIN)
    n = torch.tensor(float(len(Y_TRAIN)), dtype=PRECISION)
    if REGRESSION:
        dz = (p - Y_TRAIN[:, None].to(PRECISION)) * (torch.tensor(2.0, dtype=PRECISION) / n)
    elif SIGMOID:
        dz = (p[:, 1:] - Y_TRAIN[:, None].to(PRECISION)) * (1.0 / n)
    else:
        dz = (p - torch.nn.functional.one_hot(Y_TRAIN, SIZES[-1]).to(PRECISION)) / n
    grads = [None] * len(weights)
    for k in reversed(range(len(weights))):
        grads[k] = inputs[k].T @ dz
        if k > 0:
            dz = through_activation(inputs[k][:, :-1], dz @ weights[k][:-1].T)
    loss, gradient = data_loss(p, Y_TRAIN), torch.cat([g.reshape(-1) for g in grads]).to(torch.float64)
    if PENALISED:
        loss += penalty(theta)
        add_penalty_gradient(theta, gradient)
    return loss, gradient


def gradient(theta):
    """The gradient of the training loss at θ (for the optimizers that probe other points)."""
    return loss_and_gradient(theta)[1]


def score(answers, targets, loss):
    """The test accuracy, or R² = 1 − Σ(ŷ − y)²/Σ(y − ȳ)² from the loss Σ(ŷ − y)²/n."""
    if not REGRESSION:
        return (answers.argmax(dim=1) == targets).sum().item() / len(targets)
    values = targets.tolist()
    mean = 0.0
    for y in values:
        mean += y
    mean /= len(values)
    spread = 0.0
    for y in values:
        spread += (y - mean) * (y - mean)
    return 1.0 - loss * len(values) / spread


def metrics(theta):
    """The training loss, test loss and test score at θ (NaN for no test rows): the data
    losses, without the penalty."""
    train_loss = data_loss(forward(theta, X_TRAIN)[2], Y_TRAIN)
    if len(Y_TEST) == 0:
        return [train_loss, math.nan, math.nan]
    answers = forward(theta, X_TEST)[2]
    test_loss = data_loss(answers, Y_TEST)
    return [train_loss, test_loss, score(answers, Y_TEST, test_loss)]


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
