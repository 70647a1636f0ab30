def f(x, y):
    def well(t):
        return ipow(t, 4) - 16.0 * (t * t) + 5.0 * t

    return 0.5 * (well(x) + well(y))


def grad_f(x, y):
    def slope(t):
        return 0.5 * (4.0 * ipow(t, 3) - 16.0 * (2.0 * t) + 5.0)

    return slope(x), slope(y)
#HESSIAN


def hessian_f(x, y):
    return [[6.0 * x * x - 16.0, 0.0], [0.0, 6.0 * y * y - 16.0]]
