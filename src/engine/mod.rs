//! Running optimizers: the lockstep engine shared by races and trainings,
//! races of several runs on one surface, records that keep only a run's
//! loss summary, learning-rate grids, sweeps over them, the fair
//! learning-rate search, the random streams of stochastic gradients, and trajectories as CSV and JSON.

pub mod batch;
pub mod lockstep;
pub mod race;
pub mod rates;
pub mod streams;
pub mod summary;
pub mod sweep;
pub mod trace;
pub mod tune;
