//! Scenarios: the RON model, loading with diagnostics, the checker and the path analysis.

pub mod analysis;
pub mod appearance;
pub mod check;
pub mod diagnostic;
pub mod embedded;
pub mod hash;
mod id_index;
pub mod id_map;
pub mod library;
pub mod load;
mod locate;
pub mod map;
pub mod messages;
pub mod model;
pub mod mood;
pub mod norms;
mod plain_ron;
pub mod template;
pub mod walk;

pub use embedded::{BundledScenario, bundled};
pub use load::{load_file, load_str};
