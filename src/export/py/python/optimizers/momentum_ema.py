class MomentumEma(PointOptimizer):
    """Momentum as a running average (optiviz `momentum`, form=ema):
    v ← μ·v + (1 − μ)·g;  θ ← θ − lr·v."""

    def __init__(self, params, lr, momentum, weight_decay):
        super().__init__(params, lr)
        self.momentum, self.weight_decay = momentum, weight_decay
        self.v = torch.zeros_like(self.point)

    def update(self, p, g, lr):
        if self.weight_decay != 0:
            g = g.add(p, alpha=self.weight_decay)
        mu = self.momentum
        self.v = mu * self.v + (1.0 - mu) * g
        p.sub_(lr * self.v)
