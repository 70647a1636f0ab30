def f(x, y):
    return A * x * x - B * y * y


def grad_f(x, y):
    return 2.0 * A * x, -2.0 * B * y
#HESSIAN


def hessian_f(x, y):
    return [[2.0 * A, 0.0], [0.0, -2.0 * B]]
