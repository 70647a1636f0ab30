def beale_terms(x, y):
    """The three terms t = c − x + x·yⁱ, each with (∂t/∂x, ∂t/∂y, ∂²t/∂x∂y, ∂²t/∂y²)."""
    terms = []
    for index, c in enumerate((1.5, 2.25, 2.625)):
        i = float(index + 1)
        y_i, y_i1 = ipow(y, index + 1), ipow(y, index)
        y_i2 = 0.0 if index == 0 else ipow(y, index - 1)
        t = c - x + x * y_i
        terms.append((t, (y_i - 1.0, i * x * y_i1, i * y_i1, i * (i - 1.0) * x * y_i2)))
    return terms


def f(x, y):
    value = 0.0
    for t, _ in beale_terms(x, y):
        value = value + t * t
    return value


def grad_f(x, y):
    gx, gy = 0.0, 0.0
    for t, (tx, ty, _, _) in beale_terms(x, y):
        gx, gy = gx + 2.0 * t * tx, gy + 2.0 * t * ty
    return gx, gy
#HESSIAN


def hessian_f(x, y):
    xx, xy, yy = 0.0, 0.0, 0.0
    for t, (tx, ty, txy, tyy) in beale_terms(x, y):
        xx, xy, yy = xx + 2.0 * tx * tx, xy + 2.0 * (ty * tx + t * txy), yy + 2.0 * (ty * ty + t * tyy)
    return [[xx, xy], [xy, yy]]
