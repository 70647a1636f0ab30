class PolyakSgd(PointOptimizer):
    """The Polyak step (optax.polyak_sgd): gradient descent whose step is the gap to the
    known minimum f_min over ‖g‖², capped by max_lr (on the gradient scaled by −lr)."""

    def __init__(self, params, lr, max_lr, f_min, eps, variant):
        super().__init__(params, lr)
        self.max_lr, self.f_min, self.eps, self.plus = max_lr, f_min, eps, variant == "sps_plus"

    def update(self, p, g, lr):
        u = (-lr) * g
        squared = sequential_sum(u * u).item()
        gap = float(self.loss) - self.f_min
        if self.plus:
            gap = max(gap, 0.0)
        denominator = squared + self.eps
        step = 0.0 if denominator <= 2.220446049250313e-16 else min(gap / denominator, self.max_lr)
        p.add_(step * u)
