//! Running optimizers: the lockstep engine shared by races and trainings,
//! races of several runs on one surface, the fair learning-rate search over such races, and their
//! trajectories as CSV and JSON.

pub mod lockstep;
pub mod race;
pub mod trace;
pub mod tune;
