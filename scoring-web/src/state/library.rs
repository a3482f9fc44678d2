//! The rubrics the page knows: the bundled ones, and those the assessor
//! loaded from files (kept with the saved state).

use std::rc::Rc;

use scoring_core::fingerprint::short;
use scoring_core::{Lang, Rubric, RubricErrors, bundled};

/// One rubric the page can score with.
#[derive(Debug, Clone, PartialEq)]
pub struct RubricEntry {
    /// Stable key: `bundled:<file>` or `file:<id>@<version>#<fingerprint>`
    /// (the short fingerprint, so that two different files claiming the
    /// same id and version never replace one another).
    pub key: String,
    /// The file it came from.
    pub file_name: String,
    /// Its YAML text (saved, so that a reload restores it).
    pub yaml: String,
    /// The validated rubric.
    pub rubric: Rc<Rubric>,
    /// Whether it ships with the page.
    pub bundled: bool,
    /// Its fingerprint (64 hex digits).
    pub fingerprint: String,
}

impl RubricEntry {
    /// The name shown in rubric choosers. Two files may claim the same id
    /// and version: their file names and fingerprints tell them apart.
    pub fn label(&self, lang: Lang) -> String {
        let title = self.rubric.title().get(lang);
        // The version, said as such, in the language's brackets.
        let version = match lang {
            Lang::Zh => format!("（版本 {}）", self.rubric.version()),
            Lang::En => format!(" (version {})", self.rubric.version()),
        };
        if self.bundled {
            format!("{title}{version}")
        } else {
            format!(
                "{title}{version} · {} · {}",
                self.file_name,
                short(&self.fingerprint)
            )
        }
    }
}

/// Every rubric available, bundled first.
#[derive(Debug, Clone, PartialEq)]
pub struct Library {
    /// The entries, in the order shown.
    pub entries: Vec<RubricEntry>,
}

impl Library {
    /// The bundled rubrics (read and validated once per thread: every
    /// fresh state starts from them).
    pub fn bundled() -> Library {
        thread_local! {
            static BUNDLED: Library = Library::read_bundled();
        }
        BUNDLED.with(Library::clone)
    }

    fn read_bundled() -> Library {
        let entries = bundled::ALL
            .iter()
            .filter_map(|(file, yaml)| {
                // Bundled rubrics are validated by the test suite.
                let rubric = Rubric::from_yaml(file, yaml).ok()?;
                Some(RubricEntry {
                    key: format!("bundled:{file}"),
                    file_name: file.to_string(),
                    yaml: yaml.to_string(),
                    fingerprint: rubric.fingerprint(),
                    rubric: Rc::new(rubric),
                    bundled: true,
                })
            })
            .collect();
        Library { entries }
    }

    /// The key of the default rubric (the first bundled one).
    pub fn default_key(&self) -> String {
        self.entries
            .first()
            .map(|e| e.key.clone())
            .unwrap_or_default()
    }

    /// Finds an entry by key.
    pub fn get(&self, key: &str) -> Option<&RubricEntry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// Finds an entry by a key saved before keys carried fingerprints
    /// (`file:<id>@<version>`), when exactly one entry matches it.
    pub fn get_legacy(&self, key: &str) -> Option<&RubricEntry> {
        let prefix = format!("{key}#");
        let mut found = self.entries.iter().filter(|e| e.key.starts_with(&prefix));
        match (found.next(), found.next()) {
            (Some(e), None) => Some(e),
            _ => None,
        }
    }

    /// Validates a rubric file and adds it. A file meaning the same as one
    /// already loaded (equal fingerprints) replaces it; a file claiming the
    /// same id and version with different content is a separate entry, so
    /// that scores made with the earlier one never change behind the
    /// assessor's back. Returns the entry's key.
    pub fn add_file(&mut self, file_name: &str, yaml: &str) -> Result<String, RubricErrors> {
        let rubric = Rubric::from_yaml(file_name, yaml)?;
        let fingerprint = rubric.fingerprint();
        let key = format!(
            "file:{}@{}#{}",
            rubric.id(),
            rubric.version(),
            short(&fingerprint)
        );
        let entry = RubricEntry {
            key: key.clone(),
            file_name: file_name.to_string(),
            yaml: yaml.to_string(),
            fingerprint,
            rubric: Rc::new(rubric),
            bundled: false,
        };
        match self.entries.iter_mut().find(|e| e.key == key) {
            Some(existing) => *existing = entry,
            None => self.entries.push(entry),
        }
        Ok(key)
    }
}
