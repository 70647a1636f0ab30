class NovoGrad(PointOptimizer):
    """NovoGrad (optax.novograd): momentum on the gradient divided by a running mean of
    its squared norm."""

    def __init__(self, params, lr, beta1, beta2, eps, eps_root, weight_decay):
        super().__init__(params, lr)
        self.beta1, self.beta2, self.eps, self.eps_root = beta1, beta2, eps, eps_root
        self.weight_decay = weight_decay
        self.nu = None
        self.m = None

    def update(self, p, g, lr):
        norm = xla_norm(g)
        squared = norm * norm
        if self.nu is None:
            self.nu = squared
        else:
            self.nu = (self.beta2 * self.nu).add(squared, alpha=1.0 - self.beta2)
        a = g * (1.0 / (exact_sqrt(self.nu + self.eps_root) + self.eps)) + self.weight_decay * p
        self.m = a if self.m is None else a.add(self.m, alpha=self.beta1)
        p.add_(-lr * self.m)
