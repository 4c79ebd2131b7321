//! Long background work (reading a thousand records, the exact analysis of a scenario) on
//! a thread of its own. Bevy's task pools let a system scope on the main thread pick up
//! pool tasks while it waits for its own, so a task of a second could stall a frame now
//! and then (measured: one frame of about a second in some runs of the progress screen
//! with 1,000 records); a plain thread never runs on the main thread.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Work running on its own thread; dropping it lets the work finish unseen.
#[derive(Debug)]
pub struct Background<T> {
    // In a mutex only so that a Bevy resource can hold it (a receiver is not `Sync`);
    // only the main world polls it.
    result: Mutex<Receiver<T>>,
}

/// What [`Background::poll`] found.
#[derive(Debug)]
pub enum Polled<T> {
    Running,
    Done(T),
    /// The work ended without a result (it panicked); nothing more will come.
    Lost,
}

impl<T: Send + 'static> Background<T> {
    /// Starts `work` on a new thread named `name`.
    pub fn spawn(name: &str, work: impl FnOnce() -> T + Send + 'static) -> Background<T> {
        let (send, result) = channel();
        let started = std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                // The receiver may be gone (the work was replaced): nothing to do then.
                let _ = send.send(work());
            });
        if let Err(err) = started {
            bevy::log::warn!("cannot start {name}: {err}");
        }
        Background {
            result: Mutex::new(result),
        }
    }

    /// The result once the work is done, without waiting.
    pub fn poll(&self) -> Polled<T> {
        let Ok(result) = self.result.lock() else {
            return Polled::Lost;
        };
        match result.try_recv() {
            Ok(done) => Polled::Done(done),
            Err(TryRecvError::Empty) => Polled::Running,
            Err(TryRecvError::Disconnected) => Polled::Lost,
        }
    }
}
