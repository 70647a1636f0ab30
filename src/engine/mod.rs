//! Running optimizers: races of several runs stepping in lockstep on one
//! surface, the fair learning-rate search over such races, and their
//! trajectories as CSV and JSON.

pub mod race;
pub mod trace;
pub mod tune;
