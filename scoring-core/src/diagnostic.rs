//! Problems as data: every error this library returns (a rubric's, a data
//! file's, an item log's, a calendar's) turns into [`Diagnostic`]s that a
//! service can send as JSON and a program can act on.
//!
//! ```
//! use scoring_core::{Rubric, bundled};
//!
//! let broken = bundled::SHANDONG_2017.replacen("weight: 5\n", "weight: five\n", 1);
//! let errors = Rubric::from_yaml("shandong.yaml", &broken).unwrap_err();
//! let d = &errors.diagnostics()[0];
//! assert_eq!(d.code, "rubric.not_a_number");
//! assert_eq!(d.text.as_deref(), Some("five"));
//! assert!(d.message.en.ends_with("`five` is not a decimal number"));
//! let json = serde_json::to_value(&errors)?;
//! assert_eq!(json[0]["code"], "rubric.not_a_number");
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! A code names the kind of problem and never changes meaning: new kinds
//! get new codes, and `docs/errors.md` lists them all (a test keeps the
//! list complete). Messages may be reworded; codes are for programs.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// One problem, located, with a stable code and its message in both
/// languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The kind of problem, stable across versions
    /// (`data.not_a_number`, `rubric.unknown_key`).
    pub code: String,
    /// The file (or other source) the problem is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The place in a rubric file (`indicators[0].weight`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The line (or spreadsheet row), from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The column, from 1 (A = 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// The office the problem concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// The input (column id) the problem concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// The item (of an item log) the problem concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The offending text, as written (a cell, a value, a key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The whole message, with its place, in Chinese and in English.
    pub message: Messages,
}

/// A message in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Messages {
    /// In Chinese.
    pub zh: String,
    /// In English.
    pub en: String,
}

impl Messages {
    /// Both languages of a message.
    pub fn of(message: impl Fn(Lang) -> String) -> Messages {
        Messages {
            zh: message(Lang::Zh),
            en: message(Lang::En),
        }
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl Diagnostic {
    /// A diagnostic with a code and its message in both languages,
    /// nothing located yet (the fields are public: set what is known).
    pub fn new(code: &str, message: impl Fn(Lang) -> String) -> Diagnostic {
        Diagnostic {
            code: code.to_string(),
            file: None,
            path: None,
            line: None,
            column: None,
            office: None,
            input: None,
            item: None,
            text: None,
            message: Messages::of(message),
        }
    }
}

/// Serialises an error as its diagnostics: a list for a collection of
/// problems, one object for one.
macro_rules! serialize_as_diagnostics {
    (one: $($t:ty),*) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.diagnostic().serialize(serializer)
            }
        }
    )*};
    (many: $($t:ty),*) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.diagnostics().serialize(serializer)
            }
        }
    )*};
}
pub(crate) use serialize_as_diagnostics;
