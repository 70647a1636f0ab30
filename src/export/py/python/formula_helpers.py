#== sin
def sin(a):
    return lift(a, math.sin, lambda v, s: math.cos(v))
#== cos
def cos(a):
    return lift(a, math.cos, lambda v, c: -math.sin(v))
#== tan
def tan(a):
    return lift(a, math.tan, lambda v, t: 1.0 + t * t)
#== exp
def exp(a):
    return lift(a, math.exp, lambda v, e: e)
#== ln
def ln(a):
    return lift(a, math.log, lambda v, _: 1.0 / v)
#== sqrt
def sqrt(a):
    return lift(a, math.sqrt, lambda v, s: 0.5 / s)
#== fabs
def fabs(a):
    return lift(a, abs, lambda v, _: 1.0 if v > 0.0 else -1.0 if v < 0.0 else 0.0)
#== tanh
def tanh(a):
    return lift(a, math.tanh, lambda v, t: 1.0 - t * t)
#== sinh
def sinh(a):
    return lift(a, math.sinh, lambda v, _: math.cosh(v))
#== cosh
def cosh(a):
    return lift(a, math.cosh, lambda v, _: math.sinh(v))
#== powi
def powi(a, n):
    return lift(a, lambda v: ipow(v, n), lambda v, _: 0.0 if n == 0 else n * ipow(v, n - 1))
#== powf
def powf(a, c):
    return lift(a, lambda v: math.pow(v, c), lambda v, _: c * math.pow(v, c - 1.0))
#== power
def power(a, b):
    """a^b for a varying exponent b."""
    if not isinstance(a, Dual) and not isinstance(b, Dual):
        return math.pow(a, b)
    a, b = dual(a), dual(b)
    f = math.pow(a.v, b.v)
    fa, fb = b.v * math.pow(a.v, b.v - 1.0), f * math.log(a.v)
    return Dual(f, (fa * a.g[0] + fb * b.g[0], fa * a.g[1] + fb * b.g[1]))
#== minimum
def minimum(a, b):
    """The smaller (the first on a tie), with its gradient."""
    return a if value(a) <= value(b) else b if value(b) < value(a) else a + b
#== maximum
def maximum(a, b):
    """The larger (the first on a tie), with its gradient."""
    return a if value(a) >= value(b) else b if value(b) > value(a) else a + b
