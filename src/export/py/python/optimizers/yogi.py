class Yogi(PointOptimizer):
    """Yogi (optax.yogi): Adam whose second moment moves by a fixed fraction towards g²
    (additively, by its sign) instead of averaging; both moments start at 1e-6."""

    def __init__(self, params, lr, beta1, beta2, eps):
        super().__init__(params, lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m = torch.full_like(self.point, 1e-6)
        self.v = torch.full_like(self.point, 1e-6)

    def update(self, p, g, lr):
        b1, b2, t = self.beta1, self.beta2, self.t
        g2 = g * g
        self.m = (1.0 - b1) * g + b1 * self.m
        self.v = self.v - ((1.0 - b2) * torch.sign(self.v - g2)) * g2
        m_hat, v_hat = self.m * bias_correction(b1, t), self.v * bias_correction(b2, t)
        p.add_(-lr * (m_hat / (exact_sqrt(v_hat) + self.eps)))
