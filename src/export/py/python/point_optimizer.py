class PointOptimizer(torch.optim.Optimizer):
    """A torch.optim.Optimizer for one tensor (a point, or a network's flat parameter
    vector), whose update rule is written out in `update(p, g, lr)` below (p the tensor, g
    its gradient, lr the scheduled rate)."""

    def __init__(self, params, lr):
        super().__init__(params, {"lr": lr})
        self.point = self.param_groups[0]["params"][0]
        self.t = 0  # steps taken
        self.loss = None  # f at the point, for the optimizers that read it

    @torch.no_grad()
    def step(self, closure):
        self.loss = closure()  # sets self.point.grad
        self.t += 1
        self.update(self.point, self.point.grad, self.param_groups[0]["lr"])
        return self.loss
