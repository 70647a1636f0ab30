//! Axis ranges that can always be drawn, whatever the data holds.
//!
//! A loss can be an exact 0, a subnormal, 1e308 or infinite; a range built
//! naively from such values has an infinite end, an end at −∞ (`log10(0)`),
//! or a span that overflows or is too narrow for its magnitude, and tick
//! placement then never ends. [`Span`] is a range that is finite, ordered
//! and wide for its magnitude by construction; [`LogAxis`] places positive
//! values by their decade above a floor taken from the data, with exact
//! zeros (and anything else that has no logarithm) on the floor.

/// The largest magnitude an axis end may have: a quarter of the largest
/// `f64`, so that an axis from −LIMIT to +LIMIT still has a finite width,
/// with room for padding. Values beyond it sit on the axis's edge.
pub const LIMIT: f64 = f64::MAX / 4.0;

/// The narrowest width of a span, relative to the magnitude of its ends:
/// far above the spacing of `f64`s there, so ticks and pixels stay apart.
const MIN_RELATIVE_WIDTH: f64 = 1e-9;

/// The narrowest width of a span around zero.
const MIN_ABSOLUTE_WIDTH: f64 = 1e-300;

/// A range `lo..hi` of an axis: both ends finite and within ±[`LIMIT`],
/// `lo < hi`, and the width finite and at least a billionth of the ends'
/// magnitude.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    lo: f64,
    hi: f64,
}

impl Span {
    /// The smallest drawable span containing every finite value of `values`
    /// (as far as ±[`LIMIT`]), widened by `pad` of its width on each side;
    /// `None` when no value is finite.
    pub fn of_values(values: impl IntoIterator<Item = f64>, pad: f64) -> Option<Span> {
        let (lo, hi) = values
            .into_iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
        (lo <= hi).then(|| Span::covering(lo, hi, pad))
    }

    /// A drawable span around `lo..hi` (in either order), each end clamped to
    /// ±[`LIMIT`] (NaN counts as 0), widened by `pad` of its width on each
    /// side; a span still too narrow for its magnitude becomes a tenth of
    /// the magnitude of its middle wide (−1..1 around zero).
    pub fn covering(lo: f64, hi: f64, pad: f64) -> Span {
        let clamp = |v: f64| if v.is_nan() { 0.0 } else { v.clamp(-LIMIT, LIMIT) };
        let (a, b) = (clamp(lo), clamp(hi));
        let (lo, hi) = (a.min(b), a.max(b));
        // Both ends are within ±LIMIT, so neither the width nor the padding overflows.
        let pad = (hi - lo) * pad.clamp(0.0, 1.0);
        let (lo, hi) = ((lo - pad).max(-2.0 * LIMIT), (hi + pad).min(2.0 * LIMIT));
        let narrowest = (lo.abs().max(hi.abs()) * MIN_RELATIVE_WIDTH).max(MIN_ABSOLUTE_WIDTH);
        if hi - lo >= narrowest {
            return Span { lo, hi };
        }
        // A constant (or nearly constant) value: a tenth of its magnitude
        // around it, or ±1 around zero.
        let middle = lo / 2.0 + hi / 2.0;
        let half = if middle == 0.0 { 1.0 } else { (middle.abs() * 0.05).max(MIN_ABSOLUTE_WIDTH) };
        Span { lo: middle - half, hi: middle + half }
    }

    /// Whether `lo..hi` is drawable as it is: both ends finite and within
    /// ±[`LIMIT`], `lo < hi`, and wide enough for its magnitude.
    pub fn is_drawable(lo: f64, hi: f64) -> bool {
        lo.is_finite() && hi.is_finite() && lo < hi && Span::covering(lo, hi, 0.0) == Span { lo, hi }
    }

    /// The lower end.
    pub fn lo(self) -> f64 {
        self.lo
    }

    /// The upper end.
    pub fn hi(self) -> f64 {
        self.hi
    }

    /// `hi − lo`, finite and positive.
    pub fn width(self) -> f64 {
        self.hi - self.lo
    }

    /// The ends as a range, for a chart's axis.
    pub fn range(self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }

    /// `v`, or 0 where it differs from 0 only by rounding at the span's
    /// scale (a tick computed as 9.98e291 on an axis 2e308 wide).
    pub fn snap(self, v: f64) -> f64 {
        if v.abs() < self.width() * MIN_RELATIVE_WIDTH {
            0.0
        } else {
            v
        }
    }

    /// `v` moved onto the span if it lies beyond it (NaN to the lower end),
    /// so that whatever is drawn stays within the plot.
    pub fn clamp(self, v: f64) -> f64 {
        if v.is_nan() {
            self.lo
        } else {
            v.clamp(self.lo, self.hi)
        }
    }
}

/// A log₁₀ axis drawn on a linear one: a positive value sits at its decade,
/// `log10(v)`; the floor, half a decade below the smallest positive value,
/// holds the exact zeros (and the negatives and NaNs, which have no
/// logarithm); the top is half a decade above the largest value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogAxis {
    /// The axis in decades.
    span: Span,
}

impl LogAxis {
    /// Room below the smallest and above the largest value, in decades.
    const MARGIN: f64 = 0.5;

    /// The axis from 0.1 to 10, for data with no positive value.
    pub const TENTH_TO_TEN: LogAxis = LogAxis { span: Span { lo: -1.0, hi: 1.0 } };

    /// The axis for the positive finite values among `values`; `None` when
    /// there is none. Subnormals and values near `f64::MAX` are fine: every
    /// positive finite `f64` has a finite logarithm.
    pub fn of_values(values: impl IntoIterator<Item = f64>) -> Option<LogAxis> {
        let decades = values.into_iter().filter(|v| v.is_finite() && *v > 0.0).map(f64::log10);
        let (lo, hi) = decades.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), d| (lo.min(d), hi.max(d)));
        (lo <= hi).then(|| LogAxis { span: Span::covering(lo - Self::MARGIN, hi + Self::MARGIN, 0.0) })
    }

    /// The axis in decades: `lo()` is the floor.
    pub fn span(self) -> Span {
        self.span
    }

    /// Where `v` sits on the axis, in decades: its logarithm for a positive
    /// value, the floor for 0, a negative value or NaN, the top for +∞.
    pub fn place(self, v: f64) -> f64 {
        if v > 0.0 {
            self.span.clamp(v.log10())
        } else {
            self.span.lo()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Any `f64` bit pattern: NaNs, infinities, subnormals and zeros included.
    fn any_f64() -> impl Strategy<Value = f64> {
        any::<u64>().prop_map(f64::from_bits)
    }

    fn is_drawable(span: Span) -> bool {
        let (lo, hi) = (span.lo(), span.hi());
        lo.is_finite()
            && hi.is_finite()
            && span.width().is_finite()
            && span.width() >= lo.abs().max(hi.abs()) * MIN_RELATIVE_WIDTH
            && lo < hi
    }

    proptest! {
        #[test]
        fn every_span_is_drawable(lo in any_f64(), hi in any_f64(), pad in any_f64()) {
            prop_assert!(is_drawable(Span::covering(lo, hi, pad)));
        }

        #[test]
        fn a_drawable_range_is_its_own_span(lo in any_f64(), hi in any_f64()) {
            if Span::is_drawable(lo, hi) {
                prop_assert_eq!(Span::covering(lo, hi, 0.0).range(), lo..hi);
            }
        }

        #[test]
        fn a_span_covers_its_finite_values(values in prop::collection::vec(-LIMIT..LIMIT, 1..20)) {
            let span = Span::of_values(values.iter().copied(), 0.05).unwrap();
            prop_assert!(values.iter().all(|v| (span.lo()..=span.hi()).contains(v)));
        }

        #[test]
        fn every_log_axis_is_drawable(values in prop::collection::vec(any_f64(), 0..20)) {
            if let Some(axis) = LogAxis::of_values(values.iter().copied()) {
                prop_assert!(is_drawable(axis.span()));
                for v in values {
                    let at = axis.place(v);
                    prop_assert!((axis.span().lo()..=axis.span().hi()).contains(&at));
                }
            }
        }
    }

    #[test]
    fn exact_zeros_sit_on_a_floor_below_the_smallest_positive_value() {
        let axis = LogAxis::of_values([1.0, 1e-160, 0.0, 1e-320]).unwrap();
        assert!((axis.span().lo() - (1e-320f64.log10() - 0.5)).abs() < 1e-9);
        assert!((axis.span().hi() - 0.5).abs() < 1e-12);
        assert_eq!(axis.place(0.0), axis.span().lo());
        assert_eq!(axis.place(1e-160), -160.0);
    }

    #[test]
    fn a_span_without_finite_values_is_none() {
        assert_eq!(Span::of_values([f64::NAN, f64::INFINITY], 0.05), None);
        assert_eq!(LogAxis::of_values([0.0, -1.0, f64::INFINITY]), None);
    }

    #[test]
    fn losses_from_plus_to_minus_the_largest_number_make_a_finite_span() {
        let span = Span::of_values([1e308, -1e308, f64::MAX], 0.05).unwrap();
        assert_eq!(span.clamp(1e308), span.hi());
        assert_eq!(span.snap(9.98e291), 0.0);
        assert_eq!(span.snap(1e300), 1e300);
        assert!(span.width().is_finite());
    }

    #[test]
    fn a_constant_value_gets_a_width_fit_for_its_magnitude() {
        let span = Span::covering(1e20, 1e20, 0.05);
        assert!(span.width() >= 1e20 * MIN_RELATIVE_WIDTH);
        assert!(span.lo() < 1e20 && 1e20 < span.hi());
        let span = Span::covering(0.0, 0.0, 0.05);
        assert!(span.lo() < 0.0 && 0.0 < span.hi());
    }
}
