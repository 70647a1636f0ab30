class SingularHessian(ArithmeticError):
    """Newton's linear system has no solution: the run ends, as a divergence does."""

    why = "the Hessian is singular"


def solve(a, b):
    """a⁻¹·b for a 2×2 system, by LU with partial pivoting as nalgebra (optiviz) rounds it."""
    (a11, a12), (a21, a22) = a
    b1, b2 = b
    if abs(a21) > abs(a11):  # the larger pivot first
        a11, a12, a21, a22, b1, b2 = a21, a22, a11, a12, b2, b1
    if a11 == 0.0:
        raise SingularHessian
    l21 = a21 * (1.0 / a11)
    u22 = -a12 * l21 + a22
    y2 = -b1 * l21 + b2
    if u22 == 0.0:
        raise SingularHessian
    x2 = y2 / u22
    return (-x2 * a12 + b1) / a11, x2


class Newton(PointOptimizer):
    """Newton's method with the exact Hessian H: θ ← θ − lr·(H + damping·I)⁻¹·g."""

    def __init__(self, params, lr, damping, hessian):
        super().__init__(params, lr)
        self.damping, self.hessian = damping, hessian

    def update(self, p, g, lr):
        (h11, h12), (h21, h22) = self.hessian(p)
        system = ((h11 + self.damping, h12), (h21, h22 + self.damping))
        direction = torch.tensor(solve(system, g.tolist()))
        p.sub_(lr * direction)
