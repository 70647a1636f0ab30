def f(x, y):
    return 2.0 * A + (x * x - A * math.cos(math.tau * x)) + (y * y - A * math.cos(math.tau * y))


def grad_f(x, y):
    def slope(t):
        return 2.0 * t + A * math.sin(math.tau * t) * math.tau

    return slope(x), slope(y)
#HESSIAN


def hessian_f(x, y):
    def curvature(t):
        return 2.0 + A * math.tau * math.tau * math.cos(math.tau * t)

    return [[curvature(x), 0.0], [0.0, curvature(y)]]
