def ipow(t, n):
    """tⁿ for a whole n by repeated squaring, rounded as optiviz (Rust's powi) rounds it."""
    if n < 0:
        return 1.0 / ipow(t, -n)
    result = 1.0
    while True:
        if n & 1:
            result *= t
        n >>= 1
        if n == 0:
            return result
        t *= t
