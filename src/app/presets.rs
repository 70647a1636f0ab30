//! The preset scenes shipped in assets/scenes/, which the Presets menu
//! loads: each a whole race or training with a paragraph to read to the class.

/// The preset scenes: file name and TOML text.
pub const PRESETS: [(&str, &str); 18] = [
    ("seed003", include_str!("../../assets/scenes/seed003.toml")),
    ("bowl_momentum", include_str!("../../assets/scenes/bowl_momentum.toml")),
    ("saddle_escape", include_str!("../../assets/scenes/saddle_escape.toml")),
    ("himmelblau_minima", include_str!("../../assets/scenes/himmelblau_minima.toml")),
    ("lr_too_high", include_str!("../../assets/scenes/lr_too_high.toml")),
    ("lbfgs_newton_gd", include_str!("../../assets/scenes/lbfgs_newton_gd.toml")),
    ("prodigy_vs_adam", include_str!("../../assets/scenes/prodigy_vs_adam.toml")),
    ("sam_sharp_flat", include_str!("../../assets/scenes/sam_sharp_flat.toml")),
    ("rastrigin_momentum", include_str!("../../assets/scenes/rastrigin_momentum.toml")),
    ("monkey_saddle", include_str!("../../assets/scenes/monkey_saddle.toml")),
    ("goldstein_price_starts", include_str!("../../assets/scenes/goldstein_price_starts.toml")),
    ("linreg_batches", include_str!("../../assets/scenes/linreg_batches.toml")),
    ("batch_size_noise", include_str!("../../assets/scenes/batch_size_noise.toml")),
    ("noise_saddle", include_str!("../../assets/scenes/noise_saddle.toml")),
    ("seed003_digits", include_str!("../../assets/scenes/seed003_digits.toml")),
    ("seed004_circles", include_str!("../../assets/scenes/seed004_circles.toml")),
    ("sine_overfit", include_str!("../../assets/scenes/sine_overfit.toml")),
    ("spiral_neurons", include_str!("../../assets/scenes/spiral_neurons.toml")),
];
