class Sam(PointOptimizer):
    """Sharpness-aware minimisation (optax.contrib.sam): step with the gradient taken
    after sync_period − 1 normalised ascent steps of length rho."""

    def __init__(self, params, lr, rho, sync_period, momentum, gradient):
        super().__init__(params, lr)
        self.rho, self.sync_period, self.momentum, self.gradient = rho, sync_period, momentum, gradient
        self.velocity = None

    def update(self, p, g, lr):
        probe = p.clone()
        for _ in range(self.sync_period - 1):
            inverse = 1.0 / exact_sqrt(sequential_sum(g * g))
            probe = probe + self.rho * (g * inverse)
            g = self.gradient(probe)
        if self.momentum != 0 and self.velocity is not None:
            g = g + self.momentum * self.velocity
        self.velocity = g
        p.add_(-lr * g)
