def f(x, y):
    a, b = x * x + y - 11.0, x + y * y - 7.0
    return a * a + b * b


def grad_f(x, y):
    a, b = x * x + y - 11.0, x + y * y - 7.0
    return 4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b
#HESSIAN


def hessian_f(x, y):
    xy = 4.0 * (x + y)
    return [[12.0 * x * x + 4.0 * y - 42.0, xy], [xy, 4.0 * x + 12.0 * y * y - 26.0]]
