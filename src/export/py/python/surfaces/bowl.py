C, S = math.cos(math.radians(ANGLE)), math.sin(math.radians(ANGLE))


def f(x, y):
    u, v = C * x + S * y, -S * x + C * y
    return 0.5 * (u * u + KAPPA * v * v)


def grad_f(x, y):
    u, v = C * x + S * y, -S * x + C * y
    return C * u - S * KAPPA * v, S * u + C * KAPPA * v
#HESSIAN


def hessian_f(x, y):
    xy = C * S * (1.0 - KAPPA)
    return [[C * C + KAPPA * S * S, xy], [xy, S * S + KAPPA * C * C]]
