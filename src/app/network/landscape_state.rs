//! What the Landscape tab holds between frames, as plain data: the plane
//! and grid asked for, the last landscape computed (or why there is none)
//! and the job computing the next one. At most one job is in flight; a
//! job made stale by a new training or new settings is told to stop, and
//! its result is dropped.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use optiviz::nn::landscape::{Landscape, LandscapeError, PlaneKind, DEFAULT_GRID};

/// What a landscape is computed from: the training (by its generation),
/// the epoch it has reached, and the plane and grid asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LandscapeKey {
    /// The training's generation (see `NetworkState::generation`).
    pub generation: u64,
    /// Epochs trained.
    pub epochs: usize,
    /// How the plane is chosen.
    pub plane: PlaneKind,
    /// Values per axis.
    pub grid: usize,
}

impl LandscapeKey {
    /// Whether a landscape of `self` still fits `other` but for the epoch:
    /// worth showing while the newer one computes.
    pub fn same_setup(&self, other: &LandscapeKey) -> bool {
        LandscapeKey { epochs: other.epochs, ..*self } == *other
    }
}

/// A change to the Landscape tab.
#[derive(Clone, Debug, PartialEq)]
pub enum LandscapeCommand {
    /// Another plane: PCA of the paths or random directions.
    SetPlane(PlaneKind),
    /// Values per axis of the grid.
    SetGrid(usize),
    /// Compute the landscape of the training as it stands, unless it is
    /// shown or being computed already.
    Compute,
    /// Compute again after Esc stopped it.
    Resume,
    /// A job's result: its ticket, what it was computed from, the outcome.
    Computed(u64, LandscapeKey, Box<Result<Landscape, LandscapeError>>),
}

/// The job in flight.
#[derive(Debug)]
struct Pending {
    ticket: u64,
    key: LandscapeKey,
    /// Set to make the job stop: its result is no longer wanted.
    stale: Arc<AtomicBool>,
}

/// The Landscape tab's state.
#[derive(Debug)]
pub struct LandscapeState {
    /// How the plane is chosen.
    pub plane: PlaneKind,
    /// Values per axis of the grid.
    pub grid: usize,
    /// The last outcome received and what it was computed from.
    outcome: Option<(LandscapeKey, Result<Landscape, LandscapeError>)>,
    pending: Option<Pending>,
    tickets: u64,
    /// Whether Esc stopped the last job: no new one starts until asked.
    pub stopped: bool,
}

impl LandscapeState {
    /// The PCA plane on the default grid, nothing computed.
    pub fn new() -> LandscapeState {
        LandscapeState {
            plane: PlaneKind::Pca,
            grid: DEFAULT_GRID,
            outcome: None,
            pending: None,
            tickets: 0,
            stopped: false,
        }
    }

    /// The key of the landscape wanted for a training of `generation` at `epochs`.
    pub fn key(&self, generation: u64, epochs: usize) -> LandscapeKey {
        LandscapeKey { generation, epochs, plane: self.plane, grid: self.grid }
    }

    /// The last outcome, if it belongs to the training and settings of
    /// `wanted` (at any epoch), with the key it was computed for.
    pub fn outcome(&self, wanted: &LandscapeKey) -> Option<(&LandscapeKey, &Result<Landscape, LandscapeError>)> {
        self.outcome.as_ref().filter(|(key, _)| key.same_setup(wanted)).map(|(key, outcome)| (key, outcome))
    }

    /// The landscape shown for `wanted`'s training and settings, if one was computed.
    pub fn landscape(&self, wanted: &LandscapeKey) -> Option<&Landscape> {
        self.outcome(wanted).and_then(|(_, outcome)| outcome.as_ref().ok())
    }

    /// The key of the job in flight.
    pub fn pending(&self) -> Option<&LandscapeKey> {
        self.pending.as_ref().map(|pending| &pending.key)
    }

    /// Whether a job for `wanted` should start now: none is stopped, the
    /// outcome is not `wanted`'s, and no job is in flight for this training
    /// and settings (one for an older epoch finishes first: the throttle).
    pub fn needs(&self, wanted: &LandscapeKey) -> bool {
        let shown = self.outcome.as_ref().is_some_and(|(key, _)| key == wanted);
        let coming = self.pending().is_some_and(|key| key.same_setup(wanted));
        !self.stopped && !shown && !coming
    }

    /// Notes a job starting for `key`, telling the one in flight to stop;
    /// returns its ticket and the flag that tells it to stop.
    pub fn start(&mut self, key: LandscapeKey) -> (u64, Arc<AtomicBool>) {
        self.drop_pending();
        self.tickets += 1;
        let stale = Arc::new(AtomicBool::new(false));
        self.pending = Some(Pending { ticket: self.tickets, key, stale: stale.clone() });
        (self.tickets, stale)
    }

    /// Takes a job's result: kept if it is the job in flight's, dropped if
    /// a newer job replaced it. Stopped by the user (Esc), it keeps the last
    /// landscape and starts no more jobs until [`LandscapeCommand::Resume`].
    pub fn receive(&mut self, ticket: u64, key: LandscapeKey, outcome: Result<Landscape, LandscapeError>) {
        if self.pending.as_ref().is_none_or(|pending| pending.ticket != ticket) {
            return;
        }
        self.pending = None;
        match outcome {
            Err(LandscapeError::Cancelled) => self.stopped = true,
            outcome => self.outcome = Some((key, outcome)),
        }
    }

    /// New settings: the job in flight is stale, and a stop no longer holds.
    pub fn settings_changed(&mut self) {
        self.drop_pending();
        self.stopped = false;
    }

    /// Tells the job in flight to stop and forgets it.
    fn drop_pending(&mut self) {
        if let Some(pending) = self.pending.take() {
            pending.stale.store(true, Ordering::Relaxed);
        }
    }
}
