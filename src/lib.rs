//! Klachtwijs: a complaint-conversation trainer.
//!
//! The engine (`scenario`, `rubric`, `engine`, `debrief`, `records`, `vote`) knows nothing of Bevy;
//! `cli` and `app` are thin shells over it.

#[cfg(feature = "app")]
pub mod app;
pub mod cli;
pub mod debrief;
pub mod engine;
pub mod kit;
pub mod locale;
pub mod records;
pub mod rubric;
pub mod scenario;
pub mod text;
pub mod vote;
