class AdEMAMix(PointOptimizer):
    """AdEMAMix (optax.contrib.ademamix): Adam plus alpha times a second, much slower
    momentum (not bias-corrected)."""

    def __init__(self, params, lr, beta1, beta2, beta3, alpha, eps, eps_root, weight_decay):
        super().__init__(params, lr)
        self.beta1, self.beta2, self.beta3, self.alpha = beta1, beta2, beta3, alpha
        self.eps, self.eps_root, self.weight_decay = eps, eps_root, weight_decay
        self.m1 = torch.zeros_like(self.point)
        self.m2 = torch.zeros_like(self.point)
        self.v = torch.zeros_like(self.point)

    def update(self, p, g, lr):
        b1, b2, b3, t = self.beta1, self.beta2, self.beta3, self.t
        self.m1 = (1.0 - b1) * g + b1 * self.m1
        self.m2 = (1.0 - b3) * g + b3 * self.m2
        self.v = (1.0 - b2) * (g * g) + b2 * self.v
        m_hat, v_hat = self.m1 * bias_correction(b1, t), self.v * bias_correction(b2, t)
        u = (m_hat + self.alpha * self.m2) / (exact_sqrt(v_hat + self.eps_root) + self.eps)
        if self.weight_decay != 0:
            u = u + self.weight_decay * p
        p.add_(-lr * u)
