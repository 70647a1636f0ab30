def f(x, y):
    u, w = A - x, y - x * x
    return u * u + B * (w * w)


def grad_f(x, y):
    w = y - x * x
    return -2.0 * (A - x) - 4.0 * B * x * w, 2.0 * B * w
#HESSIAN


def hessian_f(x, y):
    xy = -4.0 * B * x
    return [[2.0 - 4.0 * B * y + 12.0 * B * x * x, xy], [xy, 2.0 * B]]
