//! Fuzz target `rubric_yaml`: see `tests/fuzz.rs` for what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| scoring_tests::fuzz::rubric_yaml(data));
