def f(x, y):
    return ipow(x, 3) - 3.0 * x * (y * y)


def grad_f(x, y):
    return 3.0 * (x * x) - y * y * 3.0, -(3.0 * x) * (2.0 * y)
#HESSIAN


def hessian_f(x, y):
    return [[6.0 * x, -6.0 * y], [-6.0 * y, -6.0 * x]]
