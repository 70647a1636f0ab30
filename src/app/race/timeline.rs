//! The timeline: a step slider under the plots that every view of the race
//! follows (paths drawn up to the step, markers and arrows at it, a cursor
//! on the curves, the table at it). The race is deterministic and keeps
//! every step it computed, so looking back costs nothing: the views read
//! the records at the step. [`Timeline`] is where the views stand, as plain
//! data (the slider is [`super::scrubber`]); [`RunAt`] is what a run shows
//! at a step.

use optiviz::engine::race::Run;

/// A move of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seek {
    /// To step k (at or past the latest step computed: the latest, following the race).
    To(usize),
    /// One step back.
    Back,
    /// To the start.
    Start,
    /// To the latest step computed, following the race from then on.
    End,
}

/// Where the views stand: at the race's latest step, following it as it
/// grows, or held at an earlier step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Timeline {
    held: Option<usize>,
}

impl Timeline {
    /// The step the views show when the race has computed `latest` steps.
    pub fn shown(&self, latest: usize) -> usize {
        self.held.map_or(latest, |k| k.min(latest))
    }

    /// Whether the views follow the race's latest step.
    pub fn follows(&self) -> bool {
        self.held.is_none()
    }

    /// Moves as `seek` says, in a race of `latest` steps computed.
    pub fn seek(&mut self, seek: Seek, latest: usize) {
        let to = match seek {
            Seek::To(k) => k,
            Seek::Back => self.shown(latest).saturating_sub(1),
            Seek::Start => 0,
            Seek::End => latest,
        };
        self.held = (to < latest).then_some(to);
    }

    /// Moves `steps` forward from the shown step, in a race of `latest`
    /// steps computed. Within what is computed the views just move on;
    /// past it they follow the race again and the step it must be computed
    /// to is returned.
    pub fn forward(&mut self, steps: usize, latest: usize) -> Option<usize> {
        let to = self.shown(latest).saturating_add(steps);
        if to < latest {
            self.held = Some(to);
            None
        } else {
            self.held = None;
            Some(to)
        }
    }

    /// Follows the race again if the views stand at or past `latest` (a
    /// race restarted shorter).
    pub fn limit(&mut self, latest: usize) {
        self.held = self.held.filter(|&k| k < latest);
    }
}

/// What a run shows at a step of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunAt {
    /// The index of its point (a run that diverged stays at its last point).
    pub index: usize,
    /// Whether it has diverged by then.
    pub diverged: bool,
}

impl RunAt {
    /// `run` at step `step`.
    pub fn of(run: &Run, step: usize) -> RunAt {
        RunAt { index: step.min(run.trajectory().steps()), diverged: run.diverged().is_some_and(|(at, _)| step >= at) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::race::fixtures::rosenbrock_race;

    #[test]
    fn the_timeline_holds_a_step_and_follows_the_race_from_its_end() {
        let mut timeline = Timeline::default();
        assert_eq!((timeline.shown(100), timeline.follows()), (100, true));
        timeline.seek(Seek::To(40), 100);
        assert_eq!((timeline.shown(100), timeline.shown(500)), (40, 40), "held while the race grows");
        timeline.seek(Seek::Back, 100);
        assert_eq!(timeline.shown(100), 39);
        timeline.seek(Seek::Start, 100);
        timeline.seek(Seek::Back, 100);
        assert_eq!(timeline.shown(100), 0, "nothing before the start");
        timeline.seek(Seek::End, 100);
        assert!(timeline.follows());
        timeline.seek(Seek::To(1000), 100);
        assert!(timeline.follows(), "past the end is the end");
        timeline.seek(Seek::Back, 100);
        assert_eq!(timeline.shown(100), 99, "back from the latest step");
        timeline.limit(50);
        assert!(timeline.follows(), "a race restarted shorter than the step held");
    }

    #[test]
    fn playing_moves_the_view_within_what_is_computed_and_computes_only_past_it() {
        let mut timeline = Timeline::default();
        timeline.seek(Seek::To(10), 100);
        assert_eq!(timeline.forward(50, 100), None);
        assert_eq!(timeline.shown(100), 60);
        assert_eq!(timeline.forward(50, 100), Some(110), "past the end: compute to 110");
        assert!(timeline.follows());
        assert_eq!(timeline.forward(5, 110), Some(115));
    }

    #[test]
    fn a_run_that_diverged_stays_at_its_last_point() {
        let sim = rosenbrock_race(&["sgd:lr=0.001", "sgd:lr=10"], 50);
        let (steady, blown) = (&sim.runs()[0], &sim.runs()[1]);
        let (at, _) = blown.diverged().expect("lr=10 blows up on Rosenbrock");
        assert_eq!(RunAt::of(steady, 20), RunAt { index: 20, diverged: false });
        assert_eq!(RunAt::of(blown, at - 1), RunAt { index: at - 1, diverged: false });
        assert_eq!(RunAt::of(blown, 50), RunAt { index: blown.trajectory().steps(), diverged: true });
    }
}
