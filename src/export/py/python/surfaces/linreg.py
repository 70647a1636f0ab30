def f(x, y, rows=None):
    """The mean over ROWS (or a batch of them) of (x·inputᵢ + y − tᵢ)², the rows added one after another."""
    rows = ROWS if rows is None else rows
    total = 0.0
    for xi, ti in rows:
        r = x * xi + y - ti
        total += r * r
    return total / len(rows)


def grad_f(x, y, rows=None):
    """∇f, rounded as autograd forms it: each row's 2rᵢ scaled by 1/n, then times its input."""
    rows = ROWS if rows is None else rows
    share = 1.0 / len(rows)
    gx, gy = 0.0, 0.0
    for xi, ti in rows:
        g = share * (2.0 * (x * xi + y - ti))
        gx, gy = gx + g * xi, gy + g
    return gx, gy
#HESSIAN


def hessian_f(x, y, rows=None):
    rows = ROWS if rows is None else rows
    share = 2.0 / len(rows)
    xx, sx = 0.0, 0.0
    for xi, _ in rows:
        xx, sx = xx + xi * xi, sx + xi
    return [[share * xx, share * sx], [share * sx, 2.0]]
