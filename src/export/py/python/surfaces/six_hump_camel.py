def f(x, y):
    xx, yy = x * x, y * y
    return (4.0 - 2.1 * xx + ipow(x, 4) / 3.0) * xx + x * y + (-4.0 + 4.0 * yy) * yy


def grad_f(x, y):
    xx, yy = x * x, y * y
    camel = 4.0 - 2.1 * xx + ipow(x, 4) / 3.0
    camel_x = -2.1 * (2.0 * x) + 4.0 * ipow(x, 3) / 3.0
    return camel_x * xx + camel * (2.0 * x) + y, x + 4.0 * (2.0 * y) * yy + (-4.0 + 4.0 * yy) * (2.0 * y)
#HESSIAN


def hessian_f(x, y):
    xx = x * x
    return [[8.0 - 25.2 * xx + 10.0 * xx * xx, 1.0], [1.0, -8.0 + 48.0 * y * y]]
