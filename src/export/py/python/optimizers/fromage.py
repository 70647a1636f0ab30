class Fromage(PointOptimizer):
    """Fromage (optax.fromage): a step whose length is lr·‖θ‖ along the gradient, then a
    shrink by 1/√(1 + lr²)."""

    def __init__(self, params, lr, min_norm):
        super().__init__(params, lr)
        self.min_norm = min_norm

    def update(self, p, g, lr):
        def floor(norm):
            return self.min_norm if norm <= self.min_norm else norm

        ratio = floor(xla_norm(p)) / floor(xla_norm(g))
        c = 1.0 / (1.0 + lr * lr) ** 0.5
        p.add_(-(lr * c) * (g * ratio) + (c - 1.0) * p)
