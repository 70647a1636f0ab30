class Lion(PointOptimizer):
    """Lion (optax.lion): steps of fixed size in the sign of an interpolated momentum.
    u = sign(β₁·m + (1 − β₁)·g);  m ← β₂·m + (1 − β₂)·g;  θ ← θ − lr·(u + wd·θ)."""

    def __init__(self, params, lr, beta1, beta2, weight_decay):
        super().__init__(params, lr)
        self.beta1, self.beta2, self.weight_decay = beta1, beta2, weight_decay
        self.m = torch.zeros_like(self.point)

    def update(self, p, g, lr):
        b1, b2 = self.beta1, self.beta2
        u = torch.sign((1.0 - b1) * g + b1 * self.m)
        self.m = (1.0 - b2) * g + b2 * self.m
        p.add_(-lr * (u + self.weight_decay * p))
