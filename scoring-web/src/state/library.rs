//! The rubrics the page knows: the bundled ones, and those the assessor
//! loaded from files (kept with the saved state).

use std::cell::OnceCell;
use std::rc::Rc;

use scoring_core::fingerprint::short;
use scoring_core::{Lang, Rubric, RubricErrors, bundled};

/// One rubric the page can score with.
#[derive(Debug, Clone)]
pub struct RubricEntry {
    /// Stable key: `bundled:<file>` or `file:<id>@<version>#<fingerprint>`
    /// (the short fingerprint, so that two different files claiming the
    /// same id and version never replace one another).
    pub key: String,
    /// The file it came from.
    pub file_name: String,
    /// Its YAML text (saved, so that a reload restores it).
    pub yaml: String,
    /// Whether it ships with the page.
    pub bundled: bool,
    /// The validated rubric and its fingerprint. A bundled rubric is read
    /// the first time it is used, not when the page starts: reading the
    /// eight of them took about a tenth of the time to ready at CPU 4×.
    /// Shared by the entry's clones, so it is read once.
    read: Rc<OnceCell<Read>>,
}

#[derive(Debug)]
struct Read {
    rubric: Rc<Rubric>,
    fingerprint: String,
}

impl PartialEq for RubricEntry {
    fn eq(&self, other: &Self) -> bool {
        // The text decides the rubric: nothing needs reading to compare.
        self.key == other.key
            && self.file_name == other.file_name
            && self.bundled == other.bundled
            && self.yaml == other.yaml
    }
}

impl RubricEntry {
    /// The validated rubric.
    pub fn rubric(&self) -> &Rc<Rubric> {
        &self.read().rubric
    }

    /// Its fingerprint (64 hex digits).
    pub fn fingerprint(&self) -> &str {
        &self.read().fingerprint
    }

    fn read(&self) -> &Read {
        self.read.get_or_init(|| {
            // Only a bundled entry is read late, and every bundled rubric
            // is read and validated by the test suite
            // (`bundled_rubrics_are_read_when_used`).
            let rubric = Rubric::from_yaml(&self.file_name, &self.yaml)
                .expect("a bundled rubric is valid (checked by the tests)");
            Read {
                fingerprint: rubric.fingerprint(),
                rubric: Rc::new(rubric),
            }
        })
    }

    /// The name shown in rubric choosers. Two files may claim the same id
    /// and version: their file names and fingerprints tell them apart.
    pub fn label(&self, lang: Lang) -> String {
        // A bundled rubric's title and version are known without reading
        // it (every chooser lists them all).
        let known = BUNDLED_TITLES
            .iter()
            .find(|(file, ..)| self.bundled && *file == self.file_name);
        let (title, version) = match known {
            Some((_, zh, en, version)) => (
                match lang {
                    Lang::Zh => *zh,
                    Lang::En => *en,
                },
                *version,
            ),
            None => (self.rubric().title().get(lang), self.rubric().version()),
        };
        // The version, said as such, in the language's brackets.
        let version = match lang {
            Lang::Zh => format!("（版本 {version}）"),
            Lang::En => format!(" (version {version})"),
        };
        if self.bundled {
            format!("{title}{version}")
        } else {
            format!(
                "{title}{version} · {} · {}",
                self.file_name,
                short(self.fingerprint())
            )
        }
    }
}

/// The bundled rubrics' titles (Chinese, English) and versions, by file,
/// so that a chooser lists them without reading every rubric. A test
/// (`bundled_titles_are_the_rubrics_own`) holds them to the files; a
/// bundled file missing here is read to be listed.
const BUNDLED_TITLES: &[(&str, &str, &str, &str)] = &[
    (
        "shandong-commerce-2017.yaml",
        "山东省商务厅政务公开、门户网站和商务综合信息平台考核评价办法",
        "Shandong Department of Commerce — assessment of government disclosure, portal website and business information platform",
        "2017-10-20",
    ),
    (
        "shandong-commerce-2017-r2019.yaml",
        "山东省商务厅政务公开、门户网站和商务综合信息平台考核评价办法（2019年修订）",
        "Shandong Department of Commerce — assessment of government disclosure, portal website and business information platform (2019 revision)",
        "2019-05-15",
    ),
    (
        "bureau-offices.yaml",
        "机关处室政府信息公开工作考核（模拟）",
        "Disclosure work of a bureau's offices (modelled)",
        "1",
    ),
    (
        "city-departments.yaml",
        "市直部门政务公开工作考核（模拟）",
        "City departments' disclosure assessment (modelled)",
        "1",
    ),
    (
        "city-classes.yaml",
        "市级政务公开工作考核：A类县区、B类市直部门（模拟）",
        "City disclosure assessment, class A counties and class B departments (modelled)",
        "1",
    ),
    (
        "district-units.yaml",
        "区直单位政务公开指数绩效考评（模拟）",
        "District units' disclosure index (modelled)",
        "1",
    ),
    (
        "town-monthly.yaml",
        "乡镇街道政府信息公开考评细则（模拟）",
        "Towns' monthly disclosure assessment (modelled)",
        "1",
    ),
    (
        "annual-appraisal.yaml",
        "厅机关处室年度目标绩效考核（模拟）",
        "Annual appraisal of a department's offices (modelled)",
        "2",
    ),
];

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
            .map(|(file, yaml)| RubricEntry {
                key: format!("bundled:{file}"),
                file_name: file.to_string(),
                yaml: yaml.to_string(),
                bundled: true,
                read: Rc::default(),
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
            bundled: false,
            read: Rc::new(OnceCell::from(Read {
                rubric: Rc::new(rubric),
                fingerprint,
            })),
        };
        match self.entries.iter_mut().find(|e| e.key == key) {
            Some(existing) => *existing = entry,
            None => self.entries.push(entry),
        }
        Ok(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_rubrics_are_read_when_used() {
        let library = Library::bundled();
        assert_eq!(library.entries.len(), bundled::ALL.len());
        for (entry, (file, yaml)) in library.entries.iter().zip(bundled::ALL) {
            // Not read until used…
            assert!(entry.read.get().is_none(), "{file}");
            let rubric = Rubric::from_yaml(file, yaml).unwrap();
            // …then the same as reading the file, once for every clone.
            let copy = entry.clone();
            assert_eq!(entry.fingerprint(), rubric.fingerprint(), "{file}");
            assert!(copy.read.get().is_some(), "{file}");
            assert_eq!(**copy.rubric(), rubric, "{file}");
        }
    }

    #[test]
    fn bundled_titles_are_the_rubrics_own() {
        assert_eq!(BUNDLED_TITLES.len(), bundled::ALL.len());
        for (file, yaml) in bundled::ALL {
            let rubric = Rubric::from_yaml(file, yaml).unwrap();
            let known = BUNDLED_TITLES.iter().find(|(f, ..)| f == file);
            let (_, zh, en, version) = known.unwrap_or_else(|| panic!("{file} is not listed"));
            assert_eq!(rubric.title().get(Lang::Zh), *zh, "{file}");
            assert_eq!(rubric.title().get(Lang::En), *en, "{file}");
            assert_eq!(rubric.version(), *version, "{file}");
        }
        // Listed without reading.
        let library = Library::bundled();
        let labels: Vec<String> = library.entries.iter().map(|e| e.label(Lang::Zh)).collect();
        assert!(library.entries.iter().all(|e| e.read.get().is_none()));
        assert!(
            labels[0].starts_with("山东省商务厅") && labels[0].ends_with("（版本 2017-10-20）")
        );
    }
}
