//! Slow work off the UI thread, as rerun does it: a job runs on a thread of
//! its own while the window keeps drawing, reports how far it has come, can
//! be cancelled (Esc), and hands back a command `C` that applies its result.
//! The jobs know nothing of the commands: a command that wants work done
//! returns a [`JobOrder`], and the app's shell carries it out.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::Arc;

/// How far a job has come, and whether it should stop; shared between the
/// job's thread and the window.
#[derive(Debug)]
pub struct Progress {
    done: AtomicUsize,
    total: usize,
    cancelled: AtomicBool,
}

impl Progress {
    /// Nothing done yet of `total` parts.
    pub fn new(total: usize) -> Progress {
        Progress { done: AtomicUsize::new(0), total: total.max(1), cancelled: AtomicBool::new(false) }
    }

    /// One more part done.
    pub fn advance(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Whether the user asked the job to stop.
    pub fn cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Whether a job that works in parts should take on its next part:
    /// false once the user asked it to stop, else true, counting the part
    /// as done (its work is short beside the whole).
    pub fn proceed(&self) -> bool {
        if self.cancelled() {
            return false;
        }
        self.advance();
        true
    }

    /// The share done, 0 to 1.
    pub fn fraction(&self) -> f32 {
        self.done.load(Ordering::Relaxed) as f32 / self.total as f32
    }
}

/// The work of a job: given its progress, it returns the command that
/// applies its result, or `None` when it was cancelled.
type Work<C> = Box<dyn FnOnce(&Progress) -> Option<C> + Send>;

/// Work to run in the background: what it does (for the progress bar), in
/// how many parts, and the work itself, which returns the command that
/// applies its result, or `None` when it was cancelled.
pub struct Job<C> {
    what: String,
    parts: usize,
    work: Work<C>,
}

impl<C: 'static> Job<C> {
    /// A job of `parts` parts.
    pub fn new(
        what: impl Into<String>,
        parts: usize,
        work: impl FnOnce(&Progress) -> Option<C> + Send + 'static,
    ) -> Job<C> {
        Job { what: what.into(), parts, work: Box::new(work) }
    }

    /// The same job, its result wrapped by `wrap` (a page's command into the app's).
    pub fn map<D: 'static>(self, wrap: fn(C) -> D) -> Job<D> {
        let Job { what, parts, work } = self;
        Job { what, parts, work: Box::new(move |progress| work(progress).map(wrap)) }
    }
}

/// Work a command asks the shell to start, or to stop.
pub enum JobOrder<C> {
    /// Start the job.
    Start(Job<C>),
    /// Stop every running job and drop the results they have not handed back.
    Cancel,
}

/// A job on its way: what it does, its progress and where its result comes.
struct Running<C> {
    what: String,
    progress: Arc<Progress>,
    result: Receiver<C>,
}

/// The jobs running.
pub struct Jobs<C> {
    running: Vec<Running<C>>,
}

impl<C> Default for Jobs<C> {
    fn default() -> Jobs<C> {
        Jobs { running: Vec::new() }
    }
}

impl<C: Send + 'static> Jobs<C> {
    /// Carries out `order`.
    pub fn order(&mut self, order: JobOrder<C>) {
        match order {
            JobOrder::Start(job) => self.start(job),
            JobOrder::Cancel => self.cancel(),
        }
    }

    /// Starts `job` on its own thread.
    fn start(&mut self, job: Job<C>) {
        let Job { what, parts, work } = job;
        let progress = Arc::new(Progress::new(parts));
        let (sender, result) = mpsc::channel();
        let shared = progress.clone();
        std::thread::spawn(move || {
            if let Some(command) = work(&shared) {
                // The window may have closed meanwhile; then nobody wants the result.
                let _ = sender.send(command);
            }
        });
        self.running.push(Running { what, progress, result });
    }

    /// The result of a job that has ended since the last call, if any; a
    /// cancelled job ends without one.
    pub fn finished(&mut self) -> Option<C> {
        let mut index = 0;
        while let Some(job) = self.running.get(index) {
            match job.result.try_recv() {
                Ok(command) => {
                    self.running.remove(index);
                    return Some(command);
                }
                Err(TryRecvError::Disconnected) => {
                    self.running.remove(index);
                }
                Err(TryRecvError::Empty) => index += 1,
            }
        }
        None
    }

    /// Asks every running job to stop; their results are dropped.
    fn cancel(&mut self) {
        for job in &self.running {
            job.progress.cancelled.store(true, Ordering::Relaxed);
        }
    }

    /// What runs and how far it has come, for the status line: the job
    /// started first (the others show once it has ended).
    pub fn status(&self) -> Option<(String, f32)> {
        self.running.first().map(|job| (job.what.clone(), job.progress.fraction()))
    }
}
