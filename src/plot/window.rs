//! The rectangle of the plane a plot shows.

use serde::{Deserialize, Serialize};

use crate::plot::axis::Span;

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

    /// This window made drawable: each side as [`Span::covering`] makes it
    /// (finite, ordered, within ±[`LIMIT`](crate::plot::axis::LIMIT), wide enough
    /// for its magnitude); a drawable window comes back unchanged.
    pub fn drawable(self) -> Window {
        let x = Span::covering(self.x_min, self.x_max, 0.0);
        let y = Span::covering(self.y_min, self.y_max, 0.0);
        Window { x_min: x.lo(), x_max: x.hi(), y_min: y.lo(), y_max: y.hi() }
    }

    /// A window that can be drawn: finite, strictly ordered edges within
    /// ±[`LIMIT`](crate::plot::axis::LIMIT), each side wide enough for the magnitude of its
    /// edges (see [`Span::is_drawable`]).
    pub fn is_valid(&self) -> bool {
        Span::is_drawable(self.x_min, self.x_max) && Span::is_drawable(self.y_min, self.y_max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_window_made_drawable_is_valid(edges in prop::array::uniform4(any::<u64>().prop_map(f64::from_bits))) {
            let [x_min, x_max, y_min, y_max] = edges;
            prop_assert!(Window::new(x_min, x_max, y_min, y_max).drawable().is_valid());
        }
    }

    #[test]
    fn a_drawable_window_is_unchanged_and_rosenbrocks_extreme_one_is_mended() {
        let window = Window::new(-2.0, 2.0, -1.0, 3.0);
        assert_eq!(window.drawable(), window);
        let a = 1.5e154;
        let extreme = Window::new(a - 1.0, a + 1.0, -1.0, a * a + 1.0);
        assert!(!extreme.is_valid() && extreme.drawable().is_valid());
    }
}
