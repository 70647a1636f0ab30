def number(v):
    """v in the shortest form that reads back to the same float, written as optiviz
    writes numbers (1e-5 rather than 1e-05, 3 rather than 3.0)."""
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


def print_row(run, label, step, point, value, lr):
    """One CSV row: run,optimizer,step,x,y,loss,lr (lr empty on row 0)."""
    fields = [str(run), csv_field(label), str(step), number(point[0]), number(point[1]), number(value)]
    print(",".join(fields + ["" if lr is None else number(lr)]))
