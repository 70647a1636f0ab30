def argument(x, y, row):
    """The margin argument −sᵢ(x·x1ᵢ + y·x2ᵢ) of a row (x1, x2, label) and its sign −sᵢ."""
    x1, x2, label = row
    sign = -1.0 if label == 1 else 1.0
    return sign * (x * x1 + y * x2), sign


def softplus(u):
    """ln(1 + eᵘ) without overflow."""
    return max(u, 0.0) + math.log1p(math.exp(-abs(u)))


def sigmoid(u):
    """1 / (1 + e⁻ᵘ) without overflow."""
    if u >= 0.0:
        return 1.0 / (1.0 + math.exp(-u))
    e = math.exp(u)
    return e / (1.0 + e)


def f(x, y, rows=None):
    """The mean over ROWS (or a batch of them) of ln(1 + exp(−sᵢ(x·x1ᵢ + y·x2ᵢ))), the rows added one after another."""
    rows = ROWS if rows is None else rows
    total = 0.0
    for row in rows:
        total += softplus(argument(x, y, row)[0])
    return total / len(rows)


def grad_f(x, y, rows=None):
    """∇f, rounded as autograd forms it: σ(uᵢ)/n, times the sign, times the feature."""
    rows = ROWS if rows is None else rows
    share = 1.0 / len(rows)
    gx, gy = 0.0, 0.0
    for row in rows:
        u, sign = argument(x, y, row)
        g = share * sigmoid(u) * sign
        gx, gy = gx + g * row[0], gy + g * row[1]
    return gx, gy
#HESSIAN


def hessian_f(x, y, rows=None):
    rows = ROWS if rows is None else rows
    share = 1.0 / len(rows)
    a, b, d = 0.0, 0.0, 0.0
    for row in rows:
        s = sigmoid(argument(x, y, row)[0])
        w = share * s * (1.0 - s)
        u, v = row[0], row[1]
        a, b, d = a + w * u * u, b + w * u * v, d + w * v * v
    return [[a, b], [b, d]]
