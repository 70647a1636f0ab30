//! One CSV line's cells, read in one pass over its bytes: the feature cells
//! straight into a row of the feature matrix, the target cell handed back
//! as text. A plain decimal (`-12`, `0.375`, at most 19 digits) is read by
//! a fast path that gives the correctly rounded value, as `str::parse`
//! does; any other cell (`1e-3`, `inf`, text, odd spacing) is trimmed and
//! parsed by `str::parse`, so the fast path changes nothing that is read
//! or rejected.

/// Why a line's cells could not be read.
#[derive(Debug, PartialEq)]
pub(super) enum LineError<'a> {
    /// The line has `found` cells instead of the expected number.
    Ragged { found: usize },
    /// The cell in `column` (0-based, counting the target) is not a finite number.
    NotANumber { column: usize, text: &'a str },
}

/// Reads the `features.len() + 1` comma-separated cells of `line`: the cell
/// at `target` is returned, trimmed; the others, which must be finite
/// numbers, fill `features` in order. A line with another number of cells
/// is [`LineError::Ragged`] whatever its cells hold.
pub(super) fn read_line<'a>(line: &'a str, target: usize, features: &mut [f64]) -> Result<&'a str, LineError<'a>> {
    let width = features.len() + 1;
    let ragged = || LineError::Ragged { found: line.split(',').count() };
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut target_text = "";
    let mut outputs = features.iter_mut();
    for column in 0..width {
        if column > 0 {
            if bytes.get(start) != Some(&b',') {
                return Err(ragged());
            }
            start += 1;
        }
        if column == target {
            let end = cell_end(bytes, start);
            target_text = line[start..end].trim();
            start = end;
            continue;
        }
        let (value, end) = match plain_decimal(bytes, start) {
            Some(fast) => fast,
            None => {
                let end = cell_end(bytes, start);
                let text = line[start..end].trim();
                match text.parse::<f64>() {
                    Ok(value) if value.is_finite() => (value, end),
                    _ if line.split(',').count() != width => return Err(ragged()),
                    _ => return Err(LineError::NotANumber { column, text }),
                }
            }
        };
        if let Some(output) = outputs.next() {
            *output = value;
        }
        start = end;
    }
    if start == bytes.len() {
        Ok(target_text)
    } else {
        Err(ragged())
    }
}

/// Where the cell starting at `start` ends: the next comma or the end.
fn cell_end(bytes: &[u8], start: usize) -> usize {
    bytes[start..].iter().position(|&b| b == b',').map_or(bytes.len(), |at| start + at)
}

/// Powers of ten that f64 holds exactly.
const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The cell at `start` and where it ends, if it is a plain decimal: spaces
/// or tabs, an optional sign, digits with at most one point among them (at
/// least one digit), spaces or tabs, then a comma or the end; `None` for
/// anything else, or when the digits do not fit an exact f64 division.
///
/// The digits `m` (below 2⁵³) and `10^f` (f ≤ 22) are both exact, so
/// `m / 10^f` rounds once: the correctly rounded value of the text.
#[inline]
fn plain_decimal(bytes: &[u8], start: usize) -> Option<(f64, usize)> {
    let blank = |at: usize| matches!(bytes.get(at), Some(b' ' | b'\t'));
    let mut at = start;
    while blank(at) {
        at += 1;
    }
    let negative = bytes.get(at) == Some(&b'-');
    if negative || bytes.get(at) == Some(&b'+') {
        at += 1;
    }
    let (mut mantissa, mut digits, mut fraction, mut point) = (0u64, 0usize, 0usize, false);
    while let Some(&b) = bytes.get(at) {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
                digits += 1;
                fraction += usize::from(point);
            }
            b'.' if !point => point = true,
            _ => break,
        }
        at += 1;
    }
    while blank(at) {
        at += 1;
    }
    let ends = matches!(bytes.get(at), None | Some(b','));
    if digits == 0 || !ends || mantissa > 1 << 53 || fraction >= EXACT_POWERS.len() {
        return None;
    }
    let magnitude = mantissa as f64 / EXACT_POWERS[fraction];
    Some((if negative { -magnitude } else { magnitude }, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cells as the reader gives them, or its error.
    fn read(line: &str, target: usize, width: usize) -> Result<(Vec<f64>, &str), LineError<'_>> {
        let mut features = vec![f64::NAN; width - 1];
        read_line(line, target, &mut features).map(|text| (features, text))
    }

    #[test]
    fn every_cell_reads_as_str_parse_reads_it() {
        let cells = [
            "0",
            "-0",
            "+7",
            "255",
            " 12 ",
            "\t3.5",
            "0.1",
            "-0.30000000000000004",
            ".5",
            "5.",
            "1e3",
            "-2.5E-7",
            "9007199254740993",
            "123456789012345678901234",
            "0.000000000000000000000001",
            "00000000000000000000042",
            "1.7976931348623157e308",
            "4.9e-324",
            "\u{a0}8\u{a0}",
            "3.14159265358979323846",
        ];
        for cell in cells {
            let expected: f64 = cell.trim().parse().unwrap();
            let line = format!("{cell},x,{cell}");
            let (features, target) = read(&line, 1, 3).unwrap();
            assert_eq!(target, "x");
            for value in features {
                assert_eq!(value.to_bits(), expected.to_bits(), "{cell:?}: {value} vs {expected}");
            }
        }
    }

    #[test]
    fn what_is_not_a_finite_number_is_named_with_its_column() {
        for cell in ["", " ", "-", ".", "1.2.3", "1,5", "inf", "NaN", "1e999", "0x10", "1 2", "--1", "+-1"] {
            let line = format!("1,{cell},yes");
            let cells = line.split(',').count();
            match read(&line, 2, 3) {
                Err(LineError::NotANumber { column, text }) => assert_eq!((column, text), (1, cell.trim())),
                Err(LineError::Ragged { found }) => assert_eq!(found, cells, "{cell:?}"),
                Ok(read) => panic!("{cell:?} read as {read:?}"),
            }
        }
    }

    #[test]
    fn a_line_with_too_few_or_too_many_cells_is_ragged() {
        assert_eq!(read("1,2", 2, 3), Err(LineError::Ragged { found: 2 }));
        assert_eq!(read("1,2,a,4", 2, 3), Err(LineError::Ragged { found: 4 }));
        assert_eq!(read("oops,2,a,4", 2, 3), Err(LineError::Ragged { found: 4 }), "the count comes first");
        assert_eq!(read("1,2,a,", 2, 3), Err(LineError::Ragged { found: 4 }));
        assert_eq!(read("cat,1,2", 0, 3), Ok((vec![1.0, 2.0], "cat")));
        assert_eq!(read(" cat ,1,", 0, 3), Err(LineError::NotANumber { column: 2, text: "" }));
    }
}
