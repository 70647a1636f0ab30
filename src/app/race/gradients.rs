//! How the race's gradients are drawn: on a data surface, the mini-batch
//! size (one row to all of them) and the seed of its shuffles; on any
//! surface, Gaussian noise of a chosen σ; and the toggle for the cloud of
//! gradients a step could have drawn.

use eframe::egui::{self, Slider, Ui};
use optiviz::engine::batch::MiniBatch;
use optiviz::engine::race::{GradientNoise, Run, Sampling};

use super::command::RaceCommand;
use super::state::RaceState;

/// The noise slider's range of σ.
const NOISE_RANGE: std::ops::RangeInclusive<f64> = 0.001..=100.0;

/// The gradients section of the settings panel.
pub fn show(ui: &mut Ui, race: &RaceState, commands: &mut Vec<RaceCommand>) {
    ui.heading("Gradients");
    let sampling = race.sampling;
    let seed = sampling.batch.map(|b| b.seed).or(sampling.noise.map(|n| n.seed)).unwrap_or(0);
    if let Some(data) = race.surface.data() {
        let rows = data.rows();
        let mut size = sampling.batch.map_or(rows, |b| b.size);
        let slider = Slider::new(&mut size, 1..=rows).logarithmic(true).text("batch size");
        let hint = "Rows each step's gradient averages over, drawn without replacement from a seeded shuffle; \
                    all rows is full-batch gradient descent";
        if ui.add(slider).on_hover_text(hint).changed() {
            let batch = (size < rows).then_some(MiniBatch { size, seed });
            commands.push(RaceCommand::SetBatch(batch));
        }
        ui.label(match sampling.batch {
            Some(batch) => format!("each step sees {} of {rows} rows", batch.size),
            None => format!("full batch: every step sees all {rows} rows"),
        });
    }
    let mut noisy = sampling.noise.is_some();
    let mut sigma = sampling.noise.map_or(0.1, |n| n.sigma);
    ui.horizontal(|ui| {
        let toggled = ui
            .checkbox(&mut noisy, "noise σ")
            .on_hover_text("Gaussian noise N(0, σ²) added to every gradient component");
        let moved = ui.add_enabled(noisy, Slider::new(&mut sigma, NOISE_RANGE).logarithmic(true).text("σ")).changed();
        if toggled.changed() || moved {
            commands.push(RaceCommand::SetNoise(noisy.then_some(GradientNoise { sigma, seed })));
        }
    });
    let own = |run: &&Run| run.spec().optimizer.batch().is_some() || run.spec().optimizer.noise().is_some();
    let owners = race.sim.runs().iter().filter(own).count();
    if owners > 0 {
        ui.weak(format!("{owners} optimizer(s) set their own batch or noise (batch= or noise= in their spec)"));
    }
    ui.horizontal(|ui| {
        let mut chosen = seed;
        let label = ui.label("seed");
        let field =
            ui.add_enabled(sampling != Sampling::default(), egui::DragValue::new(&mut chosen).range(0..=u32::MAX));
        let field = field.labelled_by(label.id);
        if field.on_hover_text("Seed of the shuffles and the noise: the same seed, the same race").changed() {
            commands.push(RaceCommand::SetBatch(sampling.batch.map(|b| MiniBatch { seed: chosen, ..b })));
            commands.push(RaceCommand::SetNoise(sampling.noise.map(|n| GradientNoise { seed: chosen, ..n })));
        }
        let mut cloud = race.show_cloud;
        let toggle = ui.add_enabled(race.is_stochastic(), egui::Checkbox::new(&mut cloud, "gradient cloud"));
        let toggle = toggle
            .on_hover_text(
                "At the first point whose gradients are drawn: the exact gradient, and 50 gradients a step could have drawn",
            )
            .on_disabled_hover_text(
                "Choose a batch smaller than the data, or some noise, to see the gradients scatter",
            );
        if toggle.changed() {
            commands.push(RaceCommand::SetShowCloud(cloud));
        }
    });
}
