//! Helpers shared by the cross-crate tests (fixtures live in `fixtures/`).
