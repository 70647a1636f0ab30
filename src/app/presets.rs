//! The preset scenes shipped in assets/scenes/, which the Presets menu
//! loads: each a whole race or training with a paragraph to read to the class.

/// The preset scenes: file name and TOML text.
pub const PRESETS: [(&str, &str); 7] = [
    ("seed003", include_str!("../../assets/scenes/seed003.toml")),
    ("bowl_momentum", include_str!("../../assets/scenes/bowl_momentum.toml")),
    ("saddle_escape", include_str!("../../assets/scenes/saddle_escape.toml")),
    ("himmelblau_minima", include_str!("../../assets/scenes/himmelblau_minima.toml")),
    ("lr_too_high", include_str!("../../assets/scenes/lr_too_high.toml")),
    ("seed003_digits", include_str!("../../assets/scenes/seed003_digits.toml")),
    ("seed004_circles", include_str!("../../assets/scenes/seed004_circles.toml")),
];
