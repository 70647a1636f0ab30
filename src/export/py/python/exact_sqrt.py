def exact_sqrt(v):
    """√v elementwise, rounded correctly as optiviz rounds it (torch.sqrt's vectorised
    kernels are one unit in the last place off for a few values on some CPUs)."""
    return v.detach().clone().apply_(lambda a: math.sqrt(a) if a >= 0.0 else math.nan)
