//! Named numeric columns of a CSV file, read for a data surface: a header
//! line, then rows of numbers. Every error names what is wrong and where.

use std::path::Path;

use super::MAX_ROWS;
use crate::util::memory;

/// The columns `names` of the CSV file at `path`, in that order, one vector
/// each; other columns are ignored.
pub(super) fn read(path: &str, names: &[&str]) -> Result<Vec<Vec<f64>>, String> {
    // Parsed, a numeric CSV takes at most about four times its text.
    let text = memory::read_text(Path::new(path), 4).map_err(|error| format!("cannot read {path}: {error}"))?;
    parse(&text, names).map_err(|reason| format!("{path}: {reason}"))
}

/// [`read`] of the text of a file.
fn parse(text: &str, names: &[&str]) -> Result<Vec<Vec<f64>>, String> {
    let mut lines = text.lines().enumerate().map(|(i, line)| (i + 1, line.trim())).filter(|(_, l)| !l.is_empty());
    let (_, header) = lines.next().ok_or("the file is empty")?;
    let header: Vec<&str> = header.split(',').map(|cell| cell.trim().trim_matches('"')).collect();
    let positions = names
        .iter()
        .map(|name| {
            header.iter().position(|column| column == name).ok_or_else(|| {
                format!("no column '{name}' (the header has {}; needs {})", header.join(", "), names.join(", "))
            })
        })
        .collect::<Result<Vec<usize>, String>>()?;
    let mut columns = vec![Vec::new(); names.len()];
    for (line, row) in lines {
        if columns[0].len() == MAX_ROWS {
            return Err(format!("more than {MAX_ROWS} data rows"));
        }
        let cells: Vec<&str> = row.split(',').map(str::trim).collect();
        if cells.len() != header.len() {
            return Err(format!("line {line} has {} cells, the header {}", cells.len(), header.len()));
        }
        for ((column, &position), name) in columns.iter_mut().zip(&positions).zip(names) {
            let cell = cells[position];
            match cell.parse::<f64>() {
                Ok(value) if value.is_finite() => column.push(value),
                _ => return Err(format!("line {line}, column '{name}': '{cell}' is not a finite number")),
            }
        }
    }
    if columns[0].len() < 2 {
        return Err(format!("{} data row(s); at least 2 are needed", columns[0].len()));
    }
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn columns_are_read_by_name_in_the_order_asked() {
        let columns = parse("t,extra,x\n1,9,2\n3,9,4\n", &["x", "t"]).unwrap();
        assert_eq!(columns, vec![vec![2.0, 4.0], vec![1.0, 3.0]]);
    }

    #[test]
    fn errors_name_the_column_the_line_and_the_cell() {
        let error = |text: &str| parse(text, &["x", "t"]).unwrap_err();
        assert_eq!(error(""), "the file is empty");
        assert!(error("x,y\n1,2\n3,4\n").starts_with("no column 't' (the header has x, y; needs x, t)"));
        assert_eq!(error("x,t\n1,2\n3,abc\n"), "line 3, column 't': 'abc' is not a finite number");
        assert_eq!(error("x,t\n1,2\n3,NaN\n"), "line 3, column 't': 'NaN' is not a finite number");
        assert_eq!(error("x,t\n1,2\n3\n"), "line 3 has 1 cells, the header 2");
        assert_eq!(error("x,t\n1,2\n"), "1 data row(s); at least 2 are needed");
        let long = format!("x,t\n{}", "1,2\n".repeat(super::MAX_ROWS + 1));
        assert_eq!(error(&long), "more than 10000 data rows");
    }
}
