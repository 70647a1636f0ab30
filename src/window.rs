//! The rectangle of the plane a plot shows.

use serde::{Deserialize, Serialize};

use crate::axis::Span;

/// A rectangular window of the (x, y) plane.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Window {
    /// Left edge.
    pub x_min: f64,
    /// Right edge.
    pub x_max: f64,
    /// Bottom edge.
    pub y_min: f64,
    /// Top edge.
    pub y_max: f64,
}

impl Window {
    /// The window `[x_min, x_max] × [y_min, y_max]`.
    pub const fn new(x_min: f64, x_max: f64, y_min: f64, y_max: f64) -> Window {
        Window { x_min, x_max, y_min, y_max }
    }

    /// Width and height.
    pub fn size(&self) -> [f64; 2] {
        [self.x_max - self.x_min, self.y_max - self.y_min]
    }

    /// Whether `p` lies inside (edges included).
    pub fn contains(&self, p: [f64; 2]) -> bool {
        (self.x_min..=self.x_max).contains(&p[0]) && (self.y_min..=self.y_max).contains(&p[1])
    }

    /// A window that can be drawn: finite, strictly ordered edges within
    /// ±[`LIMIT`](crate::axis::LIMIT), each side wide enough for the magnitude of its
    /// edges (see [`Span::is_drawable`]).
    pub fn is_valid(&self) -> bool {
        Span::is_drawable(self.x_min, self.x_max) && Span::is_drawable(self.y_min, self.y_max)
    }
}
