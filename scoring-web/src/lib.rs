//! # scoring-web
//!
//! The assessor's page: pick a rubric, type or import each office's counts,
//! see every office's score and place recomputed as you type, with the
//! reason behind every point; export and print; everything saved in the
//! browser. Compiled to WebAssembly with Yew; all scoring, parsing and
//! rounding is `scoring-core`'s, all file formats `scoring-formats`'.
//!
//! - [`state`]: the page's state as a pure reducer over actions, tested
//!   natively without a DOM;
//! - [`persist`]: the saved form of that state;
//! - [`i18n`]: every string shown, Chinese and English;
//! - `app` and `components`: rendering and wiring only.
#![forbid(unsafe_code)]

pub mod app;
pub mod browser;
pub mod components;
pub mod i18n;
pub mod persist;
mod sorting;
pub mod state;
pub mod workbook;
