def loss(p):
    """f at the point p, a float64 tensor (x, y)."""
    return torch.tensor(f(*p.tolist()))


def gradient(p):
    """∇f at the point p, a float64 tensor (x, y)."""
    return torch.tensor(grad_f(*p.tolist()))
