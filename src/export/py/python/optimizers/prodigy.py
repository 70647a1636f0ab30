class Prodigy(PointOptimizer):
    """Prodigy (optax.contrib.prodigy): Adam whose learning rate is multiplied by d, an
    estimate of the distance to the solution that only grows."""

    def __init__(self, params, lr, beta1, beta2, beta3, eps, estim_lr0, estim_lr_coef, weight_decay,
                 safeguard_warmup):
        super().__init__(params, lr)
        self.beta1, self.beta2 = beta1, beta2
        self.beta3 = beta2**0.5 if beta3 == 0 else beta3
        self.eps, self.estim_lr0, self.coef, self.weight_decay = eps, estim_lr0, estim_lr_coef, weight_decay
        self.safeguard_warmup = safeguard_warmup
        self.start = self.point.detach().clone()
        self.d, self.numerator = estim_lr0, torch.tensor(0.0)
        self.m = torch.zeros_like(self.point)
        self.v = torch.zeros_like(self.point)
        self.s = torch.zeros_like(self.point)

    def update(self, p, g, lr):
        b1, b2, b3, d, t = self.beta1, self.beta2, self.beta3, self.d, self.t
        rate = (d * lr) * ((1.0 - b2**t) ** 0.5 / (1.0 - b1**t))
        gap = self.start - p
        alignment = xla_dot(g, gap)  # g·(θ₀ − θ)
        delta = d * g
        self.m = b1 * self.m + (1.0 - b1) * delta
        self.v = b2 * self.v + ((1.0 - b2) * delta) * delta
        weight = d if self.safeguard_warmup else rate
        self.s = b3 * self.s + (weight * delta) * (1.0 / self.estim_lr0)
        self.numerator = b3 * self.numerator + ((d / self.estim_lr0) * rate) * alignment
        estimate = (self.coef * self.numerator) / sequential_sum(self.s.abs())
        new_d = math.nan if estimate.isnan() else max(d, estimate.item())
        decay = (-self.weight_decay) * rate
        p.copy_(p + (decay * p - (rate * self.m) / (exact_sqrt(self.v) + new_d * self.eps)))
        self.d = new_d
