//! Fuzz target `saved_state`: see `tests/fuzz.rs` for what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| scoring_tests::fuzz::saved_state(data));
