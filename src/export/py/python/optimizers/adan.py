class Adan(PointOptimizer):
    """Adan (optax.adan): Nesterov-style momentum built from gradient differences."""

    def __init__(self, params, lr, beta1, beta2, beta3, eps, eps_root, weight_decay):
        super().__init__(params, lr)
        self.beta1, self.beta2, self.beta3 = beta1, beta2, beta3
        self.eps, self.eps_root, self.weight_decay = eps, eps_root, weight_decay
        self.m = torch.zeros_like(self.point)
        self.v = torch.zeros_like(self.point)
        self.n = torch.zeros_like(self.point)
        self.previous = None

    def update(self, p, g, lr):
        b1, b2, b3, t = self.beta1, self.beta2, self.beta3, self.t
        delta = torch.zeros_like(g) if self.previous is None else g - self.previous
        self.previous = g.clone()
        self.m = (1.0 - b1) * g + b1 * self.m
        self.v = (1.0 - b2) * delta + b2 * self.v
        q = g + (1.0 - b2) * delta
        self.n = (1.0 - b3) * (q * q) + b3 * self.n
        m_hat, v_hat, n_hat = (
            self.m * bias_correction(b1, t),
            self.v * bias_correction(b2, t),
            self.n * bias_correction(b3, t),
        )
        u = (m_hat + (1.0 - b2) * v_hat) / (exact_sqrt(n_hat + self.eps_root) + self.eps)
        if self.weight_decay != 0:
            u = u + self.weight_decay * p
        p.add_(-lr * u)
