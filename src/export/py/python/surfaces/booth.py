def f(x, y):
    u, v = x + 2.0 * y - 7.0, 2.0 * x + y - 5.0
    return u * u + v * v


def grad_f(x, y):
    u, v = x + 2.0 * y - 7.0, 2.0 * x + y - 5.0
    return 2.0 * u + 2.0 * v * 2.0, 2.0 * u * 2.0 + 2.0 * v
#HESSIAN


def hessian_f(x, y):
    return [[10.0, 8.0], [8.0, 10.0]]
