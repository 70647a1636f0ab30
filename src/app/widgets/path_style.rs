//! How a path on a plane is drawn in a 2-D plot, in the race view and in
//! the Network view's landscape: its width and marker size, and the line.

use egui_plot::{Line, PlotPoints};

/// Line widths and marker sizes, larger in presentation mode.
#[derive(Clone, Copy)]
pub struct PathStyle {
    /// Width of a path, in points.
    pub width: f32,
    /// Radius of a marker, in points.
    pub marker: f32,
}

impl PathStyle {
    /// The style of the window's mode.
    pub fn new(presentation: bool) -> PathStyle {
        if presentation {
            PathStyle { width: 4.0, marker: 14.0 }
        } else {
            PathStyle { width: 2.0, marker: 8.0 }
        }
    }
}

/// `points` on the plane as a 2-D plot line named `name`, drawn as a line
/// through every point: egui_plot would otherwise merge the points of a line
/// whose x only grows into a filled band, and a path's jumps (Newton's,
/// L-BFGS's) into filled wedges.
pub fn path_line(name: impl Into<String>, points: Vec<[f64; 2]>) -> Line<'static> {
    Line::new(name, PlotPoints::from(points)).allow_band(false)
}
