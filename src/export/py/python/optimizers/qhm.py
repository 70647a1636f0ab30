class Qhm(PointOptimizer):
    """Quasi-hyperbolic momentum (pytorch_optimizer.QHM): a step that mixes the momentum
    buffer (weight nu) with the plain gradient (weight 1 − nu)."""

    def __init__(self, params, lr, momentum, nu, weight_decay, weight_decouple, fixed_decay):
        super().__init__(params, lr)
        self.momentum, self.nu = momentum, nu
        self.decay = (weight_decay, weight_decouple, fixed_decay)
        self.b = torch.zeros_like(self.point)

    def update(self, p, g, lr):
        g = decayed(p, g, lr, *self.decay)
        self.b = torch.lerp(self.b, g, 1.0 - self.momentum)
        p.add_(self.b, alpha=-lr * self.nu).add_(g, alpha=-lr * (1.0 - self.nu))
