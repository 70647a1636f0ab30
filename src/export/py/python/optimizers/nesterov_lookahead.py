class NesterovLookahead(PointOptimizer):
    """Nesterov's accelerated gradient (optiviz `nesterov`, form=lookahead): the gradient
    is taken where the velocity is about to carry the point.
    v ← μ·v + lr·∇f(θ − μ·v);  θ ← θ − v."""

    def __init__(self, params, lr, momentum, weight_decay, gradient):
        super().__init__(params, lr)
        self.momentum, self.weight_decay, self.gradient = momentum, weight_decay, gradient
        self.v = torch.zeros_like(self.point)

    def update(self, p, g, lr):
        mu = self.momentum
        probe = p - mu * self.v
        g = self.gradient(probe)
        if self.weight_decay != 0:
            g = g.add(probe, alpha=self.weight_decay)
        self.v = mu * self.v + lr * g
        p.sub_(self.v)
