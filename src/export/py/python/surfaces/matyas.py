def f(x, y):
    return 0.26 * (x * x + y * y) - 0.48 * x * y


def grad_f(x, y):
    return 0.26 * (2.0 * x) - y * 0.48, 0.26 * (2.0 * y) - 0.48 * x
#HESSIAN


def hessian_f(x, y):
    return [[0.52, -0.48], [-0.48, 0.52]]
