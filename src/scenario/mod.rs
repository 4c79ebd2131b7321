//! Scenarios: the RON model, loading with diagnostics, and the checker.

pub mod model;
