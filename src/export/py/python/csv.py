def number(v):
    """v in the shortest form that reads back to the same float, written as optiviz
    writes numbers (1e-5 rather than 1e-05, 3 rather than 3.0, NaN)."""
    if not math.isfinite(v):
        return "NaN" if math.isnan(v) else "inf" if v > 0 else "-inf"
    sign, digits, exponent = decimal.Decimal(repr(v)).normalize().as_tuple()
    digits = "".join(map(str, digits))
    point = len(digits) + exponent  # the decimal point sits after this many digits
    if 0 <= exponent and point <= 16:
        text = digits + "0" * exponent
    elif 0 < point <= 16:
        text = digits[:point] + "." + digits[point:]
    elif -5 < point <= 0:
        text = "0." + "0" * -point + digits
    else:
        text = digits[0] + ("." + digits[1:] if len(digits) > 1 else "") + f"e{point - 1}"
    return "-" + text if sign else text


def csv_field(text):
    """text as a CSV field: quoted when it holds a quote, a comma or a line break."""
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in '",\n\r') else text


def print_row(run, label, counter, values):
    """One CSV row: run,optimizer, the step or epoch, then the values (None an empty field)."""
    fields = [str(run), csv_field(label), str(counter)]
    print(",".join(fields + ["" if value is None else number(value) for value in values]))
