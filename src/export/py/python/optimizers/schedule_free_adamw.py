class ScheduleFreeAdamW(PointOptimizer):
    """Schedule-free AdamW (optax.contrib.schedule_free_adamw): Adam steps on z, the point
    y where the gradient is taken interpolates between z and the running average x."""

    def __init__(self, params, lr, beta1, beta2, eps, weight_decay, weight_lr_power, schedule):
        super().__init__(params, lr)
        self.beta1, self.beta2, self.eps, self.weight_decay = beta1, beta2, eps, weight_decay
        self.weight_lr_power, self.base_lr, self.schedule = weight_lr_power, lr, schedule
        self.z = self.point.detach().clone()
        self.v = torch.zeros_like(self.point)
        self.max_lr, self.weight_sum = 0.0, 0.0

    def update(self, y, g, lr):
        b1, b2 = self.beta1, self.beta2
        # optax asks its schedule for the rate one step ahead here.
        next_lr = self.base_lr * self.schedule(self.t)
        self.max_lr = math.nan if math.isnan(next_lr) else max(self.max_lr, next_lr)
        weight = self.max_lr**self.weight_lr_power
        self.weight_sum += weight
        share = weight / self.weight_sum
        share = 0.0 if math.isnan(share) else share
        self.v = (1.0 - b2) * (g * g) + b2 * self.v
        u = (1.0 / (exact_sqrt(self.v * bias_correction(b2, self.t)) + self.eps)) * g
        if self.weight_decay != 0:
            u = u + self.weight_decay * y
        next_z = self.z + (-lr) * u
        x = (y - (1.0 - b1) * self.z) * (1.0 / b1)
        next_x = (1.0 - share) * x + share * next_z
        next_y = b1 * next_x + (1.0 - b1) * next_z
        y.add_(next_y - y)
        self.z = next_z
