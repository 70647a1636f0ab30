//! What a panel computed from the race, kept until the race moves on.

use optiviz::engine::race::Simulation;

/// A value computed from the race under a panel's `key` (a quantity, a
/// tolerance), recomputed only when the race restarts, advances, or the
/// key changes: a finished race of thirty runs draws its curves and table
/// without going through their hundred thousand steps every frame.
#[derive(Debug)]
pub struct Memo<K, V> {
    made_for: Option<(u64, usize, K)>,
    value: V,
}

impl<K: PartialEq, V: Default> Memo<K, V> {
    /// Nothing computed yet.
    pub fn new() -> Memo<K, V> {
        Memo { made_for: None, value: V::default() }
    }

    /// The value for `sim` and `key`, from `compute` if what is kept was
    /// made for another state of the race or another key.
    pub fn get(&mut self, sim: &Simulation, key: K, compute: impl FnOnce() -> V) -> &V {
        let wanted = (sim.epoch(), sim.clock(), key);
        if self.made_for.as_ref() != Some(&wanted) {
            self.value = compute();
            self.made_for = Some(wanted);
        }
        &self.value
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::sync::Arc;

    use optiviz::engine::lockstep::RunSpec;
    use optiviz::surface::Rosenbrock;

    use super::*;

    #[test]
    fn a_value_is_computed_again_only_when_the_race_or_the_key_changes() {
        let spec = RunSpec { optimizer: "adam".parse().unwrap(), schedule: optiviz::Schedule::Constant };
        let mut sim = Simulation::new(Arc::new(Rosenbrock { a: 1.0, b: 100.0 }), [-1.0, 1.0], vec![spec], None);
        let mut memo: Memo<u8, usize> = Memo::new();
        let computed = Cell::new(0);
        let mut read = |sim: &Simulation, key: u8| {
            *memo.get(sim, key, || {
                computed.set(computed.get() + 1);
                sim.runs()[0].trajectory().points.len()
            })
        };
        assert_eq!(read(&sim, 0), 1);
        assert_eq!(read(&sim, 0), 1);
        assert_eq!(computed.get(), 1, "the same race and key: kept");
        sim.advance(5);
        assert_eq!(read(&sim, 0), 6);
        assert_eq!(read(&sim, 1), 6);
        assert_eq!(computed.get(), 3, "an advance and a new key: computed again");
        sim.reset();
        sim.advance(5);
        read(&sim, 1);
        assert_eq!(computed.get(), 4, "a restart to the same step is a new epoch");
    }
}
