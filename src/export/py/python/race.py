NOT_FINITE = "the position or loss is no longer finite"


def race(run, label, make_optimizer, factor=None):  # exact
def race(run, label, make_optimizer, factor=None, draws=None):  # drawn
    """Takes STEPS steps from START with the optimizer make_optimizer([p]) builds (its
    learning rate times factor(t) at step t + 1), printing one CSV row per point. A step
    whose point or loss is not finite ends the run, as in optiviz."""  # exact
    whose point or loss is not finite ends the run, as in optiviz. Each step takes its  # drawn
    batch of ROWS and its noise from draws."""  # drawn
    p = torch.tensor(START, requires_grad=True)
    optimizer = make_optimizer([p])
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, factor) if factor else None

    def closure():
        point = p.detach()
        p.grad = gradient(point)
        return loss(point)

    print_row(run, label, 0, [*START, f(*START), None])
    for step in range(1, STEPS + 1):
        draws.begin(step - 1)  # drawn
        lr = optimizer.param_groups[0]["lr"]
        try:
            optimizer.step(closure)
            x, y = p.tolist()
            value = f(x, y) if math.isfinite(x) and math.isfinite(y) else math.nan
        except (ArithmeticError, ValueError) as failure:  # f outside its domain, a singular system
            value, why = math.nan, getattr(failure, "why", NOT_FINITE)
        else:
            why = NOT_FINITE
        if not math.isfinite(value):
            print(f"{label} diverged at step {step}: {why}", file=sys.stderr)
            return
        print_row(run, label, step, [x, y, value, lr])
        if scheduler:
            scheduler.step()
