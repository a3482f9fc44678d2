//! Helpers shared by the cross-crate tests (fixtures live in `fixtures/`),
//! and the checks the fuzz targets run (`fuzz/`), so that every input a
//! fuzzer found is replayed by the normal test suite
//! (`fuzz_regressions.rs`).

#[path = "fuzz.rs"]
pub mod fuzz;
