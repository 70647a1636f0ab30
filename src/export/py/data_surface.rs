//! A data surface's rows as a Python literal, `ROWS`, exactly as optiviz
//! read or generated them, for the surface's functions to average over.

use super::{text, ScriptError};
use crate::surface::{DataView, SurfaceConfig};

/// `ROWS = [...]`, one tuple per row: `(input, t)` for `linreg`,
/// `(x1, x2, label)` for `logreg`; fails if the rows cannot be read.
pub(super) fn rows(surface: &SurfaceConfig) -> Result<String, ScriptError> {
    let built = surface.build().map_err(|error| ScriptError::Load(error.to_string()))?;
    let (columns, rows): (&str, Vec<String>) = match built.data().map(|data| data.view()) {
        Some(DataView::Regression { x, t }) => (
            "(input, t)",
            x.iter().zip(t).map(|(x, t)| format!("({}, {})", text::float(*x), text::float(*t))).collect(),
        ),
        Some(DataView::Classification { x1, x2, positive }) => (
            "(x1, x2, label)",
            x1.iter()
                .zip(x2)
                .zip(positive)
                .map(|((a, b), p)| format!("({}, {}, {})", text::float(*a), text::float(*b), u8::from(*p)))
                .collect(),
        ),
        None => return Err(ScriptError::Load(format!("{surface} has no data rows"))),
    };
    Ok(format!(
        "# Its {} rows {columns}, as optiviz read or generated them.\nROWS = [\n{}]\n",
        rows.len(),
        rows.iter().map(|row| format!("    {row},\n")).collect::<String>()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_rows_are_written_exactly() {
        let surface: SurfaceConfig = "linreg:n=3,seed=2".parse().expect("valid");
        let python = rows(&surface).expect("generated rows");
        assert!(python.starts_with("# Its 3 rows (input, t), as optiviz"), "{python}");
        let built = surface.build().expect("builds");
        let Some(DataView::Regression { x, t }) = built.data().map(|data| data.view()) else { panic!("linreg") };
        assert!(python.contains(&format!("    ({}, {}),\n", text::float(x[2]), text::float(t[2]))), "{python}");
        let logreg: SurfaceConfig = "logreg:n=4".parse().expect("valid");
        let python = rows(&logreg).expect("generated rows");
        assert_eq!(python.matches(", 1),\n").count(), 2, "{python}");
        assert_eq!(python.matches(", 0),\n").count(), 2, "{python}");
    }

    #[test]
    fn a_file_gone_since_the_scene_was_read_is_named() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("rows.csv");
        std::fs::write(&path, "x,t\n1,2\n3,4\n")?;
        let surface: SurfaceConfig = format!("linreg:data={}", path.display()).parse().expect("a readable file");
        std::fs::remove_file(&path)?;
        let message = rows(&surface).expect_err("no file").to_string();
        assert!(message.contains(&format!("cannot read {}", path.display())) && !message.contains('\n'), "{message}");
        Ok(())
    }
}
