def bias_correction(beta, t):
    """optax's bias correction factor 1/(1 − βᵗ)."""
    return 1.0 / (1.0 - beta**t)
