def factors(x, y):
    """f = A·B with A = 1 + u²P and B = 30 + w²Q: u, P, ∂P, w, Q, ∂Q/∂x, ∂Q/∂y."""
    u = x + y + 1.0
    p = 19.0 - 14.0 * x + 3.0 * (x * x) - 14.0 * y + 6.0 * x * y + 3.0 * (y * y)
    p_t = -14.0 + 6.0 * x + 6.0 * y
    w = 2.0 * x - 3.0 * y
    q = 18.0 - 32.0 * x + 12.0 * (x * x) + 48.0 * y - 36.0 * x * y + 27.0 * (y * y)
    q_x = -32.0 + 24.0 * x - 36.0 * y
    q_y = 48.0 - 36.0 * x + 54.0 * y
    return u, p, p_t, w, q, q_x, q_y


def f(x, y):
    u, p, _, w, q, _, _ = factors(x, y)
    return (1.0 + u * u * p) * (30.0 + w * w * q)


def grad_f(x, y):
    u, p, p_t, w, q, q_x, q_y = factors(x, y)
    a, b, a_t = 1.0 + u * u * p, 30.0 + w * w * q, 2.0 * u * p + u * u * p_t
    b_x, b_y = 4.0 * w * q + w * w * q_x, -6.0 * w * q + w * w * q_y
    return a_t * b + a * b_x, a_t * b + a * b_y
#HESSIAN


def hessian_f(x, y):
    u, p, p_t, w, q, q_x, q_y = factors(x, y)
    a, b, a_t = 1.0 + u * u * p, 30.0 + w * w * q, 2.0 * u * p + u * u * p_t
    b_x, b_y = 4.0 * w * q + w * w * q_x, -6.0 * w * q + w * w * q_y
    a_tt = 2.0 * p + 4.0 * u * p_t + 6.0 * u * u
    b_xx = 8.0 * q + 8.0 * w * q_x + 24.0 * w * w
    b_xy = -12.0 * q + 4.0 * w * q_y - 6.0 * w * q_x - 36.0 * w * w
    b_yy = 18.0 * q - 12.0 * w * q_y + 54.0 * w * w
    xy = a_tt * b + a_t * b_y + a_t * b_x + a * b_xy
    return [[a_tt * b + 2.0 * a_t * b_x + a * b_xx, xy], [xy, a_tt * b + 2.0 * a_t * b_y + a * b_yy]]
