//! The scenario files embedded in the binary by `build.rs`: the bundled library's text,
//! before anything is loaded or checked (that is [`super::library`]).

/// A scenario file embedded in the binary by `build.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BundledScenario {
    /// Path relative to the crate root, e.g. `scenarios/nl/paspoort-pinnen.ron`.
    pub path: &'static str,
    pub text: &'static str,
}

/// The scenarios embedded in the binary, sorted by path.
pub fn bundled() -> Vec<BundledScenario> {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"))
}
