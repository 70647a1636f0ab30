class QhAdam(PointOptimizer):
    """Quasi-hyperbolic Adam (pytorch_optimizer.QHAdam): Adam whose moments mix in the
    plain gradient; its averaging weights are kept in float32, as the reference keeps them."""

    def __init__(self, params, lr, beta1, beta2, nu1, nu2, weight_decay, weight_decouple, fixed_decay, eps):
        super().__init__(params, lr)
        self.beta1 = torch.tensor(beta1, dtype=torch.float32)
        self.beta2 = torch.tensor(beta2, dtype=torch.float32)
        self.nu1, self.nu2, self.eps = nu1, nu2, eps
        self.decay = (weight_decay, weight_decouple, fixed_decay)
        self.w1 = torch.tensor(0.0, dtype=torch.float32)
        self.w2 = torch.tensor(0.0, dtype=torch.float32)
        self.m = torch.zeros_like(self.point)
        self.v = torch.zeros_like(self.point)

    def update(self, p, g, lr):
        g = decayed(p, g, lr, *self.decay)
        self.w1 = self.w1 * self.beta1 + 1.0
        self.w2 = self.w2 * self.beta2 + 1.0
        self.m = torch.lerp(self.m, g, (1.0 / self.w1).item())
        self.v = torch.lerp(self.v, g * g, (1.0 / self.w2).item())
        mixed = self.m if self.nu1 == 1 else (self.m * self.nu1).add(g, alpha=1.0 - self.nu1)
        scale = self.v * self.nu2 if self.nu2 == 1 else (self.v * self.nu2).add(g * g, alpha=1.0 - self.nu2)
        p.add_((-lr * mixed) / (exact_sqrt(scale) + self.eps))
