class Dual:
    """A number with its gradient (∂/∂x, ∂/∂y): forward-mode automatic differentiation,
    as optiviz differentiates a typed formula. f(Dual(x, (1, 0)), Dual(y, (0, 1))).g is ∇f."""

    def __init__(self, v, g=(0.0, 0.0)):
        self.v, self.g = v, g

    def chain(self, value, slope):
        """h(self), from h's value and slope at self.v."""
        return Dual(value, (slope * self.g[0], slope * self.g[1]))

    def __add__(a, b):
        b = dual(b)
        return Dual(a.v + b.v, (a.g[0] + b.g[0], a.g[1] + b.g[1]))

    def __sub__(a, b):
        b = dual(b)
        return Dual(a.v - b.v, (a.g[0] - b.g[0], a.g[1] - b.g[1]))

    def __mul__(a, b):
        b = dual(b)
        return Dual(a.v * b.v, (a.v * b.g[0] + b.v * a.g[0], a.v * b.g[1] + b.v * a.g[1]))

    def __truediv__(a, b):
        b = dual(b)
        q = a.v / b.v
        return Dual(q, ((a.g[0] - q * b.g[0]) / b.v, (a.g[1] - q * b.g[1]) / b.v))

    def __neg__(a):
        return Dual(-a.v, (-a.g[0], -a.g[1]))

    def __radd__(a, b):
        return dual(b) + a

    def __rsub__(a, b):
        return dual(b) - a

    def __rmul__(a, b):
        return dual(b) * a

    def __rtruediv__(a, b):
        return dual(b) / a


def dual(a):
    """a as a Dual (a constant has a zero gradient)."""
    return a if isinstance(a, Dual) else Dual(a)


def value(a):
    """The plain value of a float or a Dual."""
    return a.v if isinstance(a, Dual) else a


def lift(a, h, slope):
    """h(a) for a float or a Dual: slope(v, h(v)) is h's derivative at v."""
    v = value(a)
    result = h(v)
    return a.chain(result, slope(v, result)) if isinstance(a, Dual) else result
