//! Klachtwijs: a complaint-conversation trainer.
//!
//! The engine (`scenario`, `rubric`, `engine`, `debrief`, `records`) knows nothing of Bevy;
//! `cli` and `app` are thin shells over it.

pub mod rubric;
pub mod scenario;
