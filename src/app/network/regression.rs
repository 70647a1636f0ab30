//! What regression networks have learnt, live. With one input: the data as
//! dots and each run's fitted curve over them, in its colour. With several:
//! one small panel per run of its predictions against the actual targets of
//! the test rows, beside the diagonal where they would be right. Recomputed
//! only when training moved.

use eframe::egui::{Color32, RichText, Ui};
use egui_plot::{Corner, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoints, Points};
use optiviz::nn::fit::{fitted_curve, input_range, predicted_against_actual};
use optiviz::nn::{NetRun, Score};
use rayon::iter::{IntoParallelRefIterator, ParallelIterator};

use super::state::NetworkState;
use crate::app::lineup::RunEntry;

/// Points along a fitted curve.
const CURVE_POINTS: usize = 200;

/// The cached fits, one list of points per run.
pub struct RegressionFits {
    key: Option<(u64, usize)>,
    /// Per run, the points drawn: `(x, ŷ)` along its fitted curve for one
    /// input, `(actual, predicted)` of the test rows for several.
    pub(super) fits: Vec<Vec<[f64; 2]>>,
}

impl RegressionFits {
    /// Nothing computed yet.
    pub fn new() -> RegressionFits {
        RegressionFits { key: None, fits: Vec::new() }
    }

    /// The fitted curves over the data (one input) or one panel of
    /// predicted against actual per run (several).
    pub fn show(&mut self, ui: &mut Ui, state: &NetworkState) {
        self.update(state);
        let runs: Vec<(&NetRun, &RunEntry)> = state.training.runs().iter().zip(state.lineup.enabled()).collect();
        if runs.is_empty() {
            ui.label(RichText::new("Add an optimizer to train the network.").weak());
        } else if state.training.problem().dataset.dim == 1 {
            self.show_curves(ui, state, &runs);
        } else {
            self.show_predictions(ui, &runs);
        }
    }

    /// The data and every run's fitted curve in one plot, the runs' test R²
    /// in its legend.
    fn show_curves(&self, ui: &mut Ui, state: &NetworkState, runs: &[(&NetRun, &RunEntry)]) {
        ui.label(RichText::new("Fitted curves").heading());
        let problem = state.training.problem();
        let data = &problem.dataset;
        let rows = |rows: &[usize]| -> PlotPoints<'static> {
            rows.iter().map(|&row| [data.row(row)[0], data.values[row]]).collect::<Vec<_>>().into()
        };
        let plot = Plot::new("network regression fit")
            .legend(Legend::default().position(Corner::LeftBottom).follow_insertion_order(true))
            .x_axis_label("x (standardised)")
            .y_axis_label("target (standardised)");
        let (train_color, test_color) = (ui.visuals().text_color(), ui.visuals().strong_text_color());
        plot.show(ui, |plot| {
            // A bottom-corner legend grows upwards: the items added last read
            // first, so the runs read in the optimizer list's order, then the data.
            let test = Points::new("test rows (hollow)", rows(&problem.split.test)).radius(4.0).color(test_color);
            plot.points(test.shape(MarkerShape::Circle).filled(false));
            let train = Points::new("training rows", rows(&problem.split.train)).radius(3.0).color(train_color);
            plot.points(train.shape(MarkerShape::Circle).filled(true));
            for ((run, entry), fit) in runs.iter().zip(&self.fits).rev() {
                let curve = Line::new(title(run), PlotPoints::from(fit.to_vec()));
                plot.line(curve.color(color(entry)).width(2.5));
            }
        });
    }

    /// One panel per run: its predictions for the test rows against their
    /// targets, and the diagonal y = x.
    fn show_predictions(&self, ui: &mut Ui, runs: &[(&NetRun, &RunEntry)]) {
        ui.label(RichText::new("Predicted against actual, test rows").heading());
        let columns = (runs.len() as f64).sqrt().ceil() as usize;
        let rows = runs.len().div_ceil(columns);
        let height = (ui.available_height() / rows as f32 - 30.0).max(80.0);
        let panels: Vec<_> = runs.iter().zip(&self.fits).enumerate().collect();
        for row in panels.chunks(columns) {
            ui.columns(columns, |cells| {
                for ((i, ((run, entry), fit)), ui) in row.iter().zip(cells) {
                    ui.label(RichText::new(title(run)).color(color(entry)).strong());
                    let (low, high) = fit
                        .iter()
                        .flatten()
                        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
                    let plot = Plot::new(format!("network prediction {i}"))
                        .height(height)
                        .data_aspect(1.0)
                        .x_axis_label("actual (standardised)")
                        .y_axis_label("predicted (standardised)");
                    let weak = ui.visuals().weak_text_color();
                    plot.show(ui, |plot| {
                        if low < high {
                            let diagonal = Line::new("y = x", PlotPoints::from(vec![[low, low], [high, high]]));
                            plot.line(diagonal.color(weak).style(LineStyle::dashed_loose()));
                        }
                        let points = Points::new(run.spec().optimizer.label(), PlotPoints::from(fit.to_vec()));
                        plot.points(points.color(color(entry)).radius(2.5).filled(true));
                    });
                }
            });
        }
    }

    /// Recomputes the fits when the training or its epoch changed.
    fn update(&mut self, state: &NetworkState) {
        let key = (state.generation, state.training.epochs());
        if self.key == Some(key) && self.fits.len() == state.training.runs().len() {
            return;
        }
        let problem = state.training.problem();
        let (mlp, data) = (&problem.mlp, &problem.dataset);
        let range = input_range(data);
        let params: Vec<&[f64]> = state.training.runs().iter().map(|run| run.params()).collect();
        self.fits = params
            .par_iter()
            .map(|params| match data.dim {
                1 => fitted_curve(mlp, params, range, CURVE_POINTS),
                _ => predicted_against_actual(mlp, params, data, &problem.split.test),
            })
            .collect();
        self.key = Some(key);
    }
}

/// A run's name and test R², as its curve's legend and its panel's title.
fn title(run: &NetRun) -> String {
    let r2 = run.history().test_score.last().copied().unwrap_or(f64::NAN);
    format!("{}: test R² {}", run.spec().optimizer.label(), Score::R2.show(r2))
}

/// A run's colour.
fn color(entry: &RunEntry) -> Color32 {
    let [r, g, b] = entry.color;
    Color32::from_rgb(r, g, b)
}
