class Lookahead(PointOptimizer):
    """Lookahead over Adam (optax.lookahead): fast Adam steps; every sync_period steps the
    slow weights move slow_step_size of the way to the fast ones, and the fast ones jump
    back to them."""

    def __init__(self, params, lr, beta1, beta2, eps, sync_period, slow_step_size, reset_state):
        super().__init__(params, lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.sync_period, self.alpha, self.reset_state = sync_period, slow_step_size, reset_state
        self.slow = self.point.detach().clone()
        self.since_sync = 0
        self.restart_adam()

    def restart_adam(self):
        self.m = torch.zeros_like(self.point)
        self.v = torch.zeros_like(self.point)
        self.count = 0

    def update(self, p, g, lr):
        b1, b2 = self.beta1, self.beta2
        self.count += 1
        sync = 1.0 if self.since_sync == self.sync_period - 1 else 0.0
        self.m = (1.0 - b1) * g + b1 * self.m
        self.v = (1.0 - b2) * (g * g) + b2 * self.v
        m_hat, v_hat = self.m * bias_correction(b1, self.count), self.v * bias_correction(b2, self.count)
        u = -lr * (m_hat / (exact_sqrt(v_hat) + self.eps))
        distance = (p + u) - self.slow
        p.add_(u - (sync * (1.0 - self.alpha)) * distance)
        self.slow.add_((self.alpha * sync) * distance)
        self.since_sync = (self.since_sync + 1) % self.sync_period
        if self.reset_state and sync == 1.0:
            self.restart_adam()
