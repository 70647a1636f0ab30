def xla_norm(v):
    """‖v‖ of a 2-vector as XLA rounds it: √(v₀·v₀ + v₁·v₁), the last square and the sum
    in one rounding (a fused multiply-add)."""
    return exact_sqrt(torch.addcmul(v[1] * v[1], v[0], v[0]))
