def decayed(p, g, lr, weight_decay, weight_decouple, fixed_decay):
    """pytorch_optimizer's weight decay: shrink p (decoupled) or add wd·p to g."""
    if weight_decay == 0:
        return g
    if weight_decouple:
        p.mul_(1.0 - weight_decay * (1.0 if fixed_decay else lr))
        return g
    return g.add(p, alpha=weight_decay)
