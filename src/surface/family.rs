//! The families the surfaces fall into, so that the app can list sixteen
//! of them by the shape a class will see. The grouping follows the Virtual
//! Library of Simulation Experiments (Surjanovic and Bingham, Simon Fraser
//! University): its valley-shaped, bowl- and plate-shaped, many-local-minima
//! and other functions, with the saddles among the bowls.

/// The shape a surface's family shares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SurfaceFamily {
    /// A long, narrow valley that the minimum lies along (Rosenbrock, the camels).
    Valleys,
    /// A bowl or a plate with one minimum in view, or a saddle (the bowl,
    /// Booth, Matyas, McCormick, the saddle and the monkey saddle).
    BowlsAndSaddles,
    /// Several or many local minima (Himmelblau, Rastrigin, Ackley, Levi).
    ManyMinima,
    /// Classic test functions of other shapes (Beale, Goldstein–Price, Styblinski–Tang).
    Benchmark,
    /// The loss of a model over data, whose gradient a mini-batch estimates.
    Data,
    /// A formula the user types.
    Formula,
}

impl SurfaceFamily {
    /// Every family, in the order the app lists them.
    pub const ALL: [SurfaceFamily; 6] = [
        SurfaceFamily::Valleys,
        SurfaceFamily::BowlsAndSaddles,
        SurfaceFamily::ManyMinima,
        SurfaceFamily::Benchmark,
        SurfaceFamily::Data,
        SurfaceFamily::Formula,
    ];

    /// The heading the app shows above the family's surfaces.
    pub fn title(self) -> &'static str {
        match self {
            SurfaceFamily::Valleys => "Valleys",
            SurfaceFamily::BowlsAndSaddles => "Bowls and saddles",
            SurfaceFamily::ManyMinima => "Many minima",
            SurfaceFamily::Benchmark => "Benchmark functions",
            SurfaceFamily::Data => "Data (a model's loss)",
            SurfaceFamily::Formula => "Formula",
        }
    }
}
