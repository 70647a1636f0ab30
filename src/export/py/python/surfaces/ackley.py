def radius(x, y):
    return math.sqrt(0.5 * (x * x + y * y))


def ripples(x, y):
    return math.exp(0.5 * (math.cos(math.tau * x) + math.cos(math.tau * y)))


def f(x, y):
    return -20.0 * math.exp(-0.2 * radius(x, y)) - ripples(x, y) + math.e + 20.0


def grad_f(x, y):
    r = radius(x, y)
    # ∂f/∂(x²) of the funnel term (0 at its tip), and ∂f/∂(cos 2πt) of the ripples.
    cone = 0.0 if r == 0.0 else (-20.0 * math.exp(-0.2 * r)) * -0.2 / (2.0 * r) * 0.5
    wave = -ripples(x, y) * 0.5
    return (
        cone * (2.0 * x) + wave * -math.sin(math.tau * x) * math.tau,
        cone * (2.0 * y) + wave * -math.sin(math.tau * y) * math.tau,
    )
#HESSIAN


def hessian_f(x, y):
    r = radius(x, y)
    if r == 0.0:
        along, across = 0.0, 0.0
    else:
        e1 = 2.0 * math.exp(-0.2 * r)
        along, across = e1 / r, e1 * (0.1 / (r * r) + 0.5 / (r * r * r))
    e2 = math.tau * math.tau * ripples(x, y)
    sx, sy = math.sin(math.tau * x), math.sin(math.tau * y)
    xx = along - across * x * x + 0.5 * e2 * (math.cos(math.tau * x) - 0.5 * sx * sx)
    yy = along - across * y * y + 0.5 * e2 * (math.cos(math.tau * y) - 0.5 * sy * sy)
    xy = -across * x * y - 0.25 * e2 * sx * sy
    return [[xx, xy], [xy, yy]]
