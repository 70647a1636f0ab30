def ripple(k, t):
    """sin(kt)² with its first and second derivatives in t."""
    s, c = math.sin(k * t), math.cos(k * t)
    return s * s, 2.0 * s * c * k, 2.0 * k * k * (c * c - s * s)


def f(x, y):
    u, v = x - 1.0, y - 1.0
    return (
        ripple(3.0 * math.pi, x)[0]
        + u * u * (1.0 + ripple(3.0 * math.pi, y)[0])
        + v * v * (1.0 + ripple(2.0 * math.pi, y)[0])
    )


def grad_f(x, y):
    u, v = x - 1.0, y - 1.0
    rx, ry3, ry2 = ripple(3.0 * math.pi, x), ripple(3.0 * math.pi, y), ripple(2.0 * math.pi, y)
    return (
        rx[1] + (1.0 + ry3[0]) * (2.0 * u),
        u * u * ry3[1] + (1.0 + ry2[0]) * (2.0 * v) + v * v * ry2[1],
    )
#HESSIAN


def hessian_f(x, y):
    u, v = x - 1.0, y - 1.0
    rx, ry3, ry2 = ripple(3.0 * math.pi, x), ripple(3.0 * math.pi, y), ripple(2.0 * math.pi, y)
    xy = 2.0 * u * ry3[1]
    yy = u * u * ry3[2] + 2.0 * (1.0 + ry2[0]) + 4.0 * v * ry2[1] + v * v * ry2[2]
    return [[rx[2] + 2.0 * (1.0 + ry3[0]), xy], [xy, yy]]
