class AdaBelief(PointOptimizer):
    """AdaBelief (optax.adabelief): Adam whose second moment tracks how far the gradient
    strays from its running mean (the "belief") rather than its size."""

    def __init__(self, params, lr, beta1, beta2, eps, eps_root, nesterov):
        super().__init__(params, lr)
        self.beta1, self.beta2, self.eps, self.eps_root = beta1, beta2, eps, eps_root
        self.nesterov = nesterov
        self.m = torch.zeros_like(self.point)
        self.s = torch.zeros_like(self.point)

    def update(self, p, g, lr):
        b1, b2, t = self.beta1, self.beta2, self.t
        self.m = (1.0 - b1) * g + b1 * self.m
        e = g - self.m
        self.s = ((1.0 - b2) * (e * e) + b2 * self.s) + self.eps_root
        if self.nesterov:
            m_hat = b1 * (self.m * bias_correction(b1, t + 1)) + (1.0 - b1) * (g * bias_correction(b1, t))
        else:
            m_hat = self.m * bias_correction(b1, t)
        s_hat = self.s * bias_correction(b2, t)
        p.add_(-lr * (m_hat / (exact_sqrt(s_hat) + self.eps)))
