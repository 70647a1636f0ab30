class Adopt(PointOptimizer):
    """ADOPT (optax.contrib.adopt): the gradient is normalised by the second moment of the
    steps before it, then averaged; the first step only records g²."""

    def __init__(self, params, lr, beta1, beta2, eps, nesterov, use_clipping):
        super().__init__(params, lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.nesterov, self.use_clipping = nesterov, use_clipping
        self.m = torch.zeros_like(self.point)
        self.v = None

    def update(self, p, g, lr):
        b1, b2 = self.beta1, self.beta2
        if self.v is None:
            self.v = g * g
            return
        x = g / exact_sqrt(self.v).clamp(min=self.eps)
        if self.use_clipping:
            clip = (self.t - 1) ** 0.25
            x = x.clamp(-clip, clip)
        self.m = (1.0 - b1) * x + b1 * self.m
        self.v = (1.0 - b2) * (g * g) + b2 * self.v
        d = (1.0 - b1) * x + b1 * self.m if self.nesterov else self.m
        p.add_(-lr * d)
