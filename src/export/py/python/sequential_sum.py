def sequential_sum(v):
    """Σ vᵢ added one after another from the first, as optiviz sums (torch.sum and, from
    Python 3.12, sum() add in other orders), as a 0-d tensor."""
    total = 0.0
    for x in v.tolist():
        total += x
    return torch.tensor(total)
