class Draws:
    """What a run's steps drew, as optiviz drew them from the scene's seed: step k's batch
    (indices into ROWS; none for every row) and its standard normals, σ times each added
    to the gradient components the step asks for, in order."""

    current = None  # the draws of the step being taken

    def __init__(self, batches=None, sigma=0.0, normals=None):
        self.batches, self.sigma, self.normals = batches, sigma, normals
        self.rows, self.pending = None, iter(())

    def begin(self, k):
        """Step k (from 0) is next: its batch and normals become the current ones."""
        Draws.current = self
        self.rows = [ROWS[i] for i in self.batches[k]] if self.batches else None
        self.pending = iter(self.normals[k]) if self.normals else iter(())

    def rows_argument(self):
        """The surface functions' rows argument: the batch, or nothing for every row."""
        return () if self.rows is None else (self.rows,)

    def add_noise(self, gradient):
        """The gradient with σ times the step's next normals added."""
        if self.normals is None:
            return gradient
        return [g + self.sigma * next(self.pending) for g in gradient]


def loss(p):
    """f at the point p over the step's rows, a float64 tensor (x, y)."""
    return torch.tensor(f(*p.tolist(), *Draws.current.rows_argument()))


def gradient(p):
    """∇f at the point p over the step's rows, with the step's noise added."""
    draws = Draws.current
    return torch.tensor(draws.add_noise(grad_f(*p.tolist(), *draws.rows_argument())))
