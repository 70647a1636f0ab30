//! A training step allocates nothing of its own once its buffers exist:
//! every optimizer stepping the digits network (softmax output), a circles
//! network (sigmoid output) and regressions of the diabetes and sine data
//! (linear output), with every hidden activation and the penalties, through
//! its oracle, then the evaluation of the new weights. (Its own test
//! binary: the counting allocator sees the whole process.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use optiviz::nn::dataset::{circles, diabetes, digits, sine, Dataset, Split, DEFAULT_TEST_SHARE};
use optiviz::nn::{Activation, Mlp, MlpOracle, Output, Penalty, Precision, Workspace};
use optiviz::optim::OPTIMIZERS;
use optiviz::OptimizerConfig;

/// The system allocator, counting allocations.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn training_steps_allocate_nothing() {
    let none = Penalty::default();
    let both = Penalty { l1: 1e-3, l2: 1e-2 };
    for (data, output, activation, penalty) in [
        (digits(), Output::Softmax, Activation::Relu, none),
        (circles(400, 0.03, 4), Output::Sigmoid, Activation::Tanh, Penalty { l1: 1e-3, l2: 0.0 }),
        (diabetes(), Output::Linear, Activation::Sigmoid, both),
        (sine(), Output::Linear, Activation::Linear, Penalty { l1: 0.0, l2: 1e-2 }),
    ] {
        let split = Split::shuffled(data.len(), DEFAULT_TEST_SHARE, 0);
        for precision in [Precision::F64, Precision::F32] {
            let mlp = Mlp::with_output(data.dim, &[32], data.classes, output)
                .with_precision(precision)
                .with_activation(activation)
                .with_penalty(penalty);
            every_optimizer_steps_without_allocating(&mlp, &data, &split);
        }
    }
}

fn every_optimizer_steps_without_allocating(mlp: &Mlp, data: &Dataset, split: &Split) {
    for info in OPTIMIZERS.iter().filter(|info| !info.needs_hessian) {
        let config = OptimizerConfig::with_defaults(info);
        let mut params = mlp.he_init(1);
        let mut optimizer = config.build(params.len());
        if optimizer.allocates() {
            continue;
        }
        let mut workspace = Workspace::default();
        let mut step = |params: &mut Vec<f64>, workspace: &mut Workspace| {
            let mut oracle = MlpOracle::new(mlp, data, &split.train[..split.train.len().min(100)], workspace);
            optimizer.step(params, config.lr(), &mut oracle).expect("a first-order step");
            mlp.evaluate(params, data, &split.test, workspace)
        };
        step(&mut params, &mut workspace);
        let before = ALLOCATIONS.load(Ordering::SeqCst);
        for _ in 0..3 {
            step(&mut params, &mut workspace);
        }
        // Per step, two layers: z = a·W twice on the batch, dW twice, da once
        // (none for the input), z = a·W twice on the test rows.
        let allocations = ALLOCATIONS.load(Ordering::SeqCst) - before;
        let (output, precision, activation) = (mlp.output().name(), mlp.precision().name(), mlp.activation().name());
        assert_eq!(
            allocations,
            0,
            "{} with {activation} and a {output} output in {precision}: allocations in 3 steps",
            config.name()
        );
    }
}
