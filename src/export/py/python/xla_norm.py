def xla_norm(v):
    """‖v‖ as XLA rounds it: √(Σ vᵢ²), the squares added from the last coordinate back to
    the first with fused multiply-adds (for a 2-vector √fma(v₀, v₀, v₁·v₁))."""
    backwards = v.flip(0)
    return exact_sqrt(xla_dot(backwards, backwards))
