def xla_dot(u, v):
    """u·v as XLA rounds a dot product: the products added from the first on, each with a
    fused multiply-add (torch.addcmul), one coordinate after another."""
    total = torch.tensor(0.0)
    for a, b in zip(u, v):
        total = torch.addcmul(total, a, b)
    return total
