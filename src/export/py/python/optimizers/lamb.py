class Lamb(PointOptimizer):
    """LAMB (optax.lamb): the Adam step scaled to ‖θ‖/‖step‖ (the trust ratio of the one
    "layer", the point itself)."""

    def __init__(self, params, lr, beta1, beta2, eps, eps_root, weight_decay):
        super().__init__(params, lr)
        self.beta1, self.beta2, self.eps, self.eps_root = beta1, beta2, eps, eps_root
        self.weight_decay = weight_decay
        self.m = torch.zeros_like(self.point)
        self.v = torch.zeros_like(self.point)

    def update(self, p, g, lr):
        b1, b2, t = self.beta1, self.beta2, self.t
        self.m = (1.0 - b1) * g + b1 * self.m
        self.v = (1.0 - b2) * (g * g) + b2 * self.v
        m_hat, v_hat = self.m * bias_correction(b1, t), self.v * bias_correction(b2, t)
        u = m_hat / (exact_sqrt(v_hat + self.eps_root) + self.eps)
        if self.weight_decay != 0:
            u = u + self.weight_decay * p
        p_norm, u_norm = xla_norm(p), xla_norm(u)
        ratio = 1.0 if p_norm == 0 or u_norm == 0 else p_norm / u_norm
        p.add_(-lr * (u * ratio))
