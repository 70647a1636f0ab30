def standardised(rows):
    """The rows with every column standardised over all rows, as optiviz reads a CSV: minus
    the column's mean, over its population standard deviation (a constant column keeps 1),
    each sum added one row after another."""
    columns = [[float(x) for x in column] for column in zip(*rows)]
    for column in columns:
        total = 0.0
        for x in column:
            total += x
        mean = total / len(column)
        squares = 0.0
        for x in column:
            squares += (x - mean) * (x - mean)
        variance = squares / len(column)
        std = math.sqrt(variance) if variance > 0.0 else 1.0
        column[:] = [(x - mean) / std for x in column]
    return [list(row) for row in zip(*columns)]
