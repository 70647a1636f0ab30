//! The function a hidden layer applies to its pre-activations, and its
//! derivative in the backward pass. The choice is matched once per layer;
//! each arm runs its own loop down the whole layer, so no element pays for a
//! branch on the choice.

use super::real::Real;

/// A hidden layer's activation function (SPEC 8b: TF Playground's choice).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Activation {
    /// `max(0, z)`: seed 003's and seed 004's networks.
    #[default]
    Relu,
    /// `tanh z`.
    Tanh,
    /// The logistic function `1 / (1 + e^−z)`.
    Sigmoid,
    /// `z` itself: the network is then linear in its inputs.
    Linear,
}

impl Activation {
    /// Every activation, in the order the spec table lists them.
    pub const ALL: [Activation; 4] = [Activation::Relu, Activation::Tanh, Activation::Sigmoid, Activation::Linear];

    /// The spec word: `relu`, `tanh`, `sigmoid` or `linear`.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
            Activation::Sigmoid => "sigmoid",
            Activation::Linear => "linear",
        }
    }

    /// The activation by its spec word.
    pub fn from_name(name: &str) -> Option<Activation> {
        Activation::ALL.into_iter().find(|activation| activation.name() == name)
    }

    /// Applies the function to every value of `z` in place.
    #[inline(always)]
    pub(super) fn forward<T: Real>(self, z: &mut [T]) {
        match self {
            Activation::Relu => z.iter_mut().for_each(|value| *value = value.max(T::ZERO)),
            Activation::Tanh => z.iter_mut().for_each(|value| *value = value.tanh()),
            Activation::Sigmoid => z.iter_mut().for_each(|value| *value = T::ONE / (T::ONE + (-*value).exp())),
            Activation::Linear => {}
        }
    }

    /// `delta = upstream · f′(z)` for every element, the derivative read
    /// from the layer's output `a = f(z)`: ReLU's is 1 where `a > 0`,
    /// tanh's `1 − a²`, the sigmoid's `a(1 − a)`, the identity's 1.
    #[inline(always)]
    pub(super) fn backward<T: Real>(self, a: &[T], upstream: impl Iterator<Item = T>, delta: &mut [T]) {
        match self {
            Activation::Relu => gate(a, upstream, delta, relu_gate),
            Activation::Tanh => gate(a, upstream, delta, |a, g| g * (T::ONE - a * a)),
            Activation::Sigmoid => gate(a, upstream, delta, |a, g| g * (a * (T::ONE - a))),
            Activation::Linear => gate(a, upstream, delta, |_, g| g),
        }
    }
}

/// `delta[i] = derivative(a[i], upstream[i])`, one loop per derivative.
#[inline(always)]
fn gate<T: Real>(a: &[T], upstream: impl Iterator<Item = T>, delta: &mut [T], derivative: impl Fn(T, T) -> T) {
    for ((delta, a), g) in delta.iter_mut().zip(a).zip(upstream) {
        *delta = derivative(*a, g);
    }
}

/// ReLU's derivative applied to `gradient`: zero where the activation `a`
/// is not positive. Both values are read before the choice, so that it
/// compiles to a vector select rather than a branch or a masked load.
#[inline(always)]
fn relu_gate<T: Real>(a: T, gradient: T) -> T {
    if a <= T::ZERO {
        T::ZERO
    } else {
        gradient
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_derivative_is_the_slope_of_its_function() {
        // Away from ReLU's kink, the derivative read from the output is the
        // central difference of the function at the input.
        let inputs = [-2.5, -0.7, -0.1, 0.2, 0.9, 3.0];
        for activation in Activation::ALL {
            let mut outputs = inputs;
            activation.forward(&mut outputs);
            let mut slopes = [0.0; 6];
            activation.backward(&outputs, std::iter::repeat(1.0), &mut slopes);
            for ((z, a), slope) in inputs.iter().zip(&outputs).zip(&slopes) {
                let h = 1e-6;
                let (mut up, mut down) = ([z + h], [z - h]);
                activation.forward(&mut up);
                activation.forward(&mut down);
                let numeric = (up[0] - down[0]) / (2.0 * h);
                assert!((numeric - slope).abs() <= 1e-8, "{activation:?} at {z} (= {a}): {slope} vs {numeric}");
            }
            assert_eq!(Activation::from_name(activation.name()), Some(activation));
        }
        let mut values = [-1.0, 0.0, 2.0];
        Activation::Relu.forward(&mut values);
        assert_eq!(values, [0.0, 0.0, 2.0]);
        let mut gated = [9.0; 3];
        Activation::Relu.backward(&values, [5.0, 5.0, 5.0].into_iter(), &mut gated);
        assert_eq!(gated, [0.0, 0.0, 5.0], "no gradient where ReLU is flat, zero included");
    }
}
