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


def f(x, y):
    """The mean over ROWS of ln(1 + exp(−sᵢ(x·x1ᵢ + y·x2ᵢ))), the rows added one after another."""
    total = 0.0
    for row in ROWS:
        total += softplus(argument(x, y, row)[0])
    return total / len(ROWS)


def grad_f(x, y):
    """∇f, rounded as autograd forms it: σ(uᵢ)/n, times the sign, times the feature."""
    share = 1.0 / len(ROWS)
    gx, gy = 0.0, 0.0
    for row in ROWS:
        u, sign = argument(x, y, row)
        g = share * sigmoid(u) * sign
        gx, gy = gx + g * row[0], gy + g * row[1]
    return gx, gy
#HESSIAN


def hessian_f(x, y):
    share = 1.0 / len(ROWS)
    a, b, d = 0.0, 0.0, 0.0
    for row in ROWS:
        s = sigmoid(argument(x, y, row)[0])
        w = share * s * (1.0 - s)
        u, v = row[0], row[1]
        a, b, d = a + w * u * u, b + w * u * v, d + w * v * v
    return [[a, b], [b, d]]
