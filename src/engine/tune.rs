//! A fair learning-rate search: every optimizer gets the same budget of
//! trial runs (the same steps, start and seeded noise as the race), and the
//! learning rate whose run ends lowest wins. A race of tuned optimizers
//! compares each at its best, not at a default that happens to suit one.
//!
//! The search spends half its budget on a log-spaced sweep over the
//! learning-rate range and the other half on a golden-section search in
//! log space around the best sweep point, keeping the best run seen.

use std::sync::Arc;

use crate::engine::lockstep::RunSpec;
use crate::engine::race::{GradientNoise, Simulation};
use crate::optim::LearningRate;
use crate::surface::Surface;

/// What a search may spend and where it looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TuneBudget {
    /// Trial runs in all (at least 2).
    pub trials: usize,
    /// Steps of each trial run.
    pub steps: usize,
    /// Smallest and largest learning rate tried.
    pub range: (f64, f64),
}

impl TuneBudget {
    /// `trials` runs of `steps` steps over learning rates 1e-5 to 10.
    pub fn new(trials: usize, steps: usize) -> TuneBudget {
        TuneBudget { trials: trials.max(2), steps, range: (1e-5, 10.0) }
    }
}

/// The outcome of a search.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tuned {
    /// The best learning rate found.
    pub lr: f64,
    /// The loss its trial run ended with.
    pub final_loss: f64,
    /// Trial runs spent (the budget's).
    pub trials: usize,
    /// Steps of each trial run.
    pub steps: usize,
}

/// How one trial scores: its final loss (infinite when it diverged), then
/// its mean log-loss, which prefers the faster of two runs that end alike.
fn score(sim: &Simulation) -> (f64, f64) {
    let Some(run) = sim.runs().first() else { return (f64::INFINITY, f64::INFINITY) };
    let losses = &run.trajectory().losses;
    match (run.diverged(), losses.last()) {
        (None, Some(&last)) if last.is_finite() => {
            let mean_log = losses.iter().map(|l| l.abs().max(1e-300).log10()).sum::<f64>() / losses.len() as f64;
            (last, mean_log)
        }
        _ => (f64::INFINITY, f64::INFINITY),
    }
}

/// Searches the learning rate of `spec` on `surface` from `start` within
/// `budget`; the same inputs always give the same answer.
pub fn tune_lr(
    surface: &Arc<dyn Surface>,
    start: [f64; 2],
    spec: &RunSpec,
    noise: Option<GradientNoise>,
    budget: TuneBudget,
) -> Tuned {
    let trial = |log_lr: f64| {
        let mut spec = spec.clone();
        // A rate that overflows or underflows scores as the worst.
        let Some(lr) = LearningRate::new(10f64.powf(log_lr)) else {
            return (f64::INFINITY, f64::INFINITY);
        };
        spec.optimizer.set_lr(lr);
        let mut sim = Simulation::new(surface.clone(), start, vec![spec], noise);
        sim.advance_to(budget.steps);
        score(&sim)
    };
    let (lo, hi) = (budget.range.0.log10(), budget.range.1.log10());
    let sweep = (budget.trials / 2).max(2);
    let spacing = (hi - lo) / (sweep - 1) as f64;
    let mut best = (f64::INFINITY, f64::INFINITY, lo);
    let keep = |log_lr: f64, (last, mean): (f64, f64), best: &mut (f64, f64, f64)| {
        if (last, mean) < (best.0, best.1) {
            *best = (last, mean, log_lr);
        }
    };
    for i in 0..sweep {
        let log_lr = lo + spacing * i as f64;
        keep(log_lr, trial(log_lr), &mut best);
    }
    // Golden-section search on the bracket around the best sweep point.
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    let (mut a, mut b) = ((best.2 - spacing).max(lo), (best.2 + spacing).min(hi));
    let mut inner = [b - ratio * (b - a), a + ratio * (b - a)];
    let mut scores = [None, None];
    for _ in sweep..budget.trials {
        let which = usize::from(scores[0].is_some());
        let result = trial(inner[which]);
        keep(inner[which], result, &mut best);
        scores[which] = Some(result);
        if let [Some(left), Some(right)] = scores {
            if left <= right {
                b = inner[1];
                inner = [b - ratio * (b - a), inner[0]];
                scores = [None, Some(left)];
            } else {
                a = inner[0];
                inner = [inner[1], a + ratio * (b - a)];
                scores = [Some(right), None];
            }
        }
    }
    Tuned { lr: 10f64.powf(best.2), final_loss: best.0, trials: budget.trials.max(sweep), steps: budget.steps }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::SurfaceConfig;

    fn surface(spec: &str) -> Arc<dyn Surface> {
        Arc::from(spec.parse::<SurfaceConfig>().and_then(|c| c.build()).unwrap_or_else(|e| panic!("{e}")))
    }

    fn spec(text: &str) -> RunSpec {
        RunSpec { optimizer: text.parse().unwrap_or_else(|e| panic!("{e}")), schedule: crate::Schedule::Constant }
    }

    #[test]
    fn sgd_on_a_bowl_finds_a_rate_near_the_best_one() {
        // f = ½(x² + κ y²) style bowl: gradient descent converges fastest at
        // lr = 2/(λmin + λmax); far below it crawls, above 2/λmax it diverges.
        let bowl = surface("bowl:kappa=10");
        let start = bowl.start();
        let tuned = tune_lr(&bowl, start, &spec("sgd"), None, TuneBudget::new(24, 100));
        assert_eq!(tuned.trials, 24);
        let default_run = {
            let mut sim = Simulation::new(bowl.clone(), start, vec![spec("sgd")], None);
            sim.advance_to(100);
            score(&sim).0
        };
        assert!(tuned.final_loss < default_run * 1e-6, "tuned {tuned:?} vs default {default_run}");
        let mut check = Simulation::new(bowl.clone(), start, vec![spec(&format!("sgd:lr={}", tuned.lr))], None);
        check.advance_to(100);
        assert_eq!(score(&check).0, tuned.final_loss, "the reported loss is the tuned rate's");
    }

    #[test]
    fn the_search_is_reproducible_and_never_picks_a_diverging_rate() {
        let rosenbrock = surface("rosenbrock");
        let budget = TuneBudget::new(16, 500);
        let first = tune_lr(&rosenbrock, [-1.0, 1.0], &spec("adam"), None, budget);
        let again = tune_lr(&rosenbrock, [-1.0, 1.0], &spec("adam"), None, budget);
        assert_eq!(first, again);
        assert!(first.final_loss.is_finite());
        assert!((1e-5..=10.0).contains(&first.lr));
    }
}
