def f(x, y):
    return 2.0 * (x * x) - 1.05 * ipow(x, 4) + ipow(x, 6) / 6.0 + x * y + y * y


def grad_f(x, y):
    return 2.0 * (2.0 * x) - 1.05 * (4.0 * ipow(x, 3)) + ipow(x, 5) + y, x + 2.0 * y
#HESSIAN


def hessian_f(x, y):
    xx = x * x
    return [[4.0 - 12.6 * xx + 5.0 * xx * xx, 1.0], [1.0, 2.0]]
