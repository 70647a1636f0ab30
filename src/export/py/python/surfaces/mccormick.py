def f(x, y):
    d = x - y
    return math.sin(x + y) + d * d - 1.5 * x + 2.5 * y + 1.0


def grad_f(x, y):
    c, d2 = math.cos(x + y), 2.0 * (x - y)
    return c + d2 - 1.5, c - d2 + 2.5
#HESSIAN


def hessian_f(x, y):
    s = math.sin(x + y)
    return [[2.0 - s, -2.0 - s], [-2.0 - s, 2.0 - s]]
