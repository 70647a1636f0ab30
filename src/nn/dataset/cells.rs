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
        let (value, end) = match short_integer(bytes, start).or_else(|| plain_decimal(bytes, start)) {
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

/// The cell at `start` and where it ends, if it is 1 to 7 digits followed
/// by a comma or the end of the line (a pixel, a count): eight bytes read
/// at once, the digits found and summed without a branch per byte. `None`
/// for anything else, or with fewer than eight bytes left.
#[inline]
fn short_integer(bytes: &[u8], start: usize) -> Option<(f64, usize)> {
    let chunk: [u8; 8] = bytes.get(start..start + 8)?.try_into().ok()?;
    // Digits become 0..=9; a byte is a digit if it is below 10, and adding
    // 0x76 sets the top bit of any other below 0x8a (a carry from a larger
    // one reaches only later bytes, after the first non-digit).
    let values = u64::from_le_bytes(chunk) ^ 0x3030_3030_3030_3030;
    let others = (values.wrapping_add(0x7676_7676_7676_7676) | values) & 0x8080_8080_8080_8080;
    let len = others.trailing_zeros() as usize / 8;
    if len == 0 || len == 8 || chunk[len] != b',' {
        return None;
    }
    // The digits in the top bytes after leading zeros, then pairs, fours
    // and eights of digits combined (simdjson's eight-digit parse).
    let mut v = values << (8 * (8 - len));
    v = (v.wrapping_mul(10) + (v >> 8)) & 0x00ff_00ff_00ff_00ff;
    v = (v.wrapping_mul(100) + (v >> 16)) & 0x0000_ffff_0000_ffff;
    v = v.wrapping_mul(10_000) + (v >> 32);
    Some(((v & 0xffff_ffff) as f64, start + len))
}

/// The most digits a plain decimal may have: 19 fit a u64 without overflow.
const MOST_DIGITS: usize = 19;

/// The cell at `start` and where it ends, if it is a plain decimal: spaces
/// or tabs, an optional sign, digits with at most one point among them (at
/// least one digit, at most [`MOST_DIGITS`]), spaces or tabs, then a comma
/// or the end; `None` for anything else, or when the digits do not fit an
/// exact f64 division.
///
/// The digits `m` (below 2⁵³) and `10^f` (f ≤ 22) are both exact, so
/// `m / 10^f` rounds once: the correctly rounded value of the text.
#[inline]
fn plain_decimal(bytes: &[u8], start: usize) -> Option<(f64, usize)> {
    let rest = &bytes[start..];
    let at = |i: usize| rest.get(i).copied().unwrap_or(b',');
    let skip_blanks = |mut i: usize| {
        while matches!(at(i), b' ' | b'\t') {
            i += 1;
        }
        i
    };
    // Digits from `i` on: their value (wrapping past 19) and where they end.
    let digits = |mut i: usize, mut value: u64| {
        while let digit @ b'0'..=b'9' = at(i) {
            value = value.wrapping_mul(10).wrapping_add(u64::from(digit - b'0'));
            i += 1;
        }
        (value, i)
    };
    let sign = skip_blanks(0);
    let negative = at(sign) == b'-';
    let i = sign + usize::from(matches!(at(sign), b'-' | b'+'));
    let (whole, point) = digits(i, 0);
    let (mantissa, end, fraction) = match at(point) {
        b'.' => {
            let (mantissa, end) = digits(point + 1, whole);
            (mantissa, end, end - point - 1)
        }
        _ => (whole, point, 0),
    };
    let count = point - i + fraction;
    let i = skip_blanks(end);
    if count == 0 || count > MOST_DIGITS || at(i) != b',' || mantissa > 1 << 53 || fraction >= EXACT_POWERS.len() {
        return None;
    }
    let magnitude = mantissa as f64 / EXACT_POWERS[fraction];
    Some((if negative { -magnitude } else { magnitude }, start + i))
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
    fn short_integers_read_as_their_value() {
        for value in (0..100_000).chain([999_999, 1_000_000, 9_999_999, 10_000_000, 12_345_678]) {
            for text in [value.to_string(), format!("0{value}")] {
                let line = format!("{text},{text},{text},x");
                let (features, _) = read(&line, 3, 4).unwrap();
                assert_eq!(features, [value as f64; 3], "{line}");
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
