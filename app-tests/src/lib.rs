//! Empty: this crate only holds `tests/app_screens.rs`.
