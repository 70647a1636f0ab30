//! The families the optimizers fall into, so that a list of thirty can be
//! read by kind: each registry entry names its family, and the app's picker
//! lists them under these headings.

/// What an optimizer's steps have in common with its family's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Steps along the gradient, with or without a velocity (SGD, momentum,
    /// Nesterov, QHM, ASGD).
    GradientDescent,
    /// Per-coordinate step sizes from running moments of the gradient
    /// (AdaGrad, RMSProp, the Adam family).
    Adaptive,
    /// Steps from the gradient's sign, or scaled to the parameters' norm
    /// (Lion, Rprop, LAMB, NovoGrad, Fromage).
    SignAndTrustRatio,
    /// Curvature from the Hessian or from past gradients (Newton, L-BFGS).
    SecondOrder,
    /// Methods that find their own step size (Prodigy, Polyak's step).
    LearningRateFree,
    /// Methods that wrap another optimizer's steps (Lookahead, SAM,
    /// schedule-free).
    Wrapper,
}

impl Family {
    /// Every family, in the order the app lists them.
    pub const ALL: [Family; 6] = [
        Family::GradientDescent,
        Family::Adaptive,
        Family::SignAndTrustRatio,
        Family::SecondOrder,
        Family::LearningRateFree,
        Family::Wrapper,
    ];

    /// The heading the app shows above the family's optimizers.
    pub fn title(self) -> &'static str {
        match self {
            Family::GradientDescent => "Gradient descent and momentum",
            Family::Adaptive => "Adaptive step sizes",
            Family::SignAndTrustRatio => "Sign and trust-ratio methods",
            Family::SecondOrder => "Second-order and quasi-Newton",
            Family::LearningRateFree => "Learning-rate-free",
            Family::Wrapper => "Wrappers",
        }
    }
}
