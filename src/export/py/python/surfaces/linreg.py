def f(x, y):
    """The mean over ROWS of (x·inputᵢ + y − tᵢ)², the rows added one after another."""
    total = 0.0
    for xi, ti in ROWS:
        r = x * xi + y - ti
        total += r * r
    return total / len(ROWS)


def grad_f(x, y):
    """∇f, rounded as autograd forms it: each row's 2rᵢ scaled by 1/n, then times its input."""
    share = 1.0 / len(ROWS)
    gx, gy = 0.0, 0.0
    for xi, ti in ROWS:
        g = share * (2.0 * (x * xi + y - ti))
        gx, gy = gx + g * xi, gy + g
    return gx, gy
#HESSIAN


def hessian_f(x, y):
    share = 2.0 / len(ROWS)
    xx, sx = 0.0, 0.0
    for xi, _ in ROWS:
        xx, sx = xx + xi * xi, sx + xi
    return [[share * xx, share * sx], [share * sx, 2.0]]
