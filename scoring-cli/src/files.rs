//! Everything that touches the file system.

use std::io::Write;
use std::path::{Path, PathBuf};

use scoring_core::calendar::Calendar;
use scoring_core::{Dataset, DatasetBuilder, Rubric, Table, bundled};

use crate::error::CliError;

fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|source| CliError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Loads a rubric file, or the bundled Shandong 2017 rubric.
pub fn load_rubric(path: Option<&Path>) -> Result<Rubric, CliError> {
    match path {
        None => Ok(Rubric::from_yaml(
            bundled::SHANDONG_2017_FILE,
            bundled::SHANDONG_2017,
        )?),
        Some(path) => {
            let bytes = read(path)?;
            let name = path.display().to_string();
            let text = scoring_formats::decode(&name, &bytes)?.text;
            Ok(Rubric::from_yaml(&name, &text)?)
        }
    }
}

/// Reads a data file or item log (CSV in any supported encoding, or XLSX)
/// as a table.
pub fn load_table(path: &Path) -> Result<Table, CliError> {
    let bytes = read(path)?;
    let name = path.display().to_string();
    Ok(scoring_formats::read_table(&name, &bytes)?)
}

/// Reads a data file (like [`load_table`]) straight into a dataset, row
/// by row.
pub fn load_dataset(rubric: &Rubric, path: &Path) -> Result<Dataset, CliError> {
    let bytes = read(path)?;
    let name = path.display().to_string();
    let mut builder = DatasetBuilder::new(rubric, &name);
    scoring_formats::read_rows(&name, &bytes, &mut builder)?;
    // The file's memory serves the scoring that follows.
    drop(bytes);
    Ok(builder.finish()?)
}

/// The bundled calendar, plus the given files and the rubric's own
/// closure days.
pub fn load_calendar(rubric: &Rubric, files: &[PathBuf]) -> Result<Calendar, CliError> {
    let mut calendar = Calendar::bundled();
    for path in files {
        let bytes = read(path)?;
        let name = path.display().to_string();
        let text = scoring_formats::decode(&name, &bytes)?.text;
        calendar.add_holiday_cn_json(&name, &text)?;
    }
    rubric.apply_overrides(&mut calendar);
    Ok(calendar)
}

/// Runs `write` on a buffered file, or on standard output.
///
/// A closed pipe (`scoring … | head`) is not an error.
pub fn with_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), CliError> {
    let result = match path {
        Some(p) => std::fs::File::create(p).and_then(|file| {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
            write(&mut out).and_then(|_| out.flush())
        }),
        None => {
            let stdout = std::io::stdout().lock();
            match raw_stdout() {
                // Standard output is line-buffered: every write is searched
                // for line breaks (130 MB of JSON at 100 000 offices), which
                // a file of our own on the same descriptor skips.
                Some(file) => {
                    let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
                    write(&mut out).and_then(|_| out.flush())
                }
                None => {
                    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout);
                    write(&mut out).and_then(|_| out.flush())
                }
            }
        }
    };
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(source) => Err(CliError::Write {
            path: path.map(Path::to_path_buf),
            source,
        }),
        Ok(()) => Ok(()),
    }
}

/// Writes bytes to a file, or to standard output.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<(), CliError> {
    with_output(path, |out| out.write_all(bytes))
}

/// Standard output as a plain file (a duplicate of its descriptor), where
/// the platform allows.
#[cfg(unix)]
fn raw_stdout() -> Option<std::fs::File> {
    use std::os::fd::AsFd;
    std::io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .ok()
        .map(std::fs::File::from)
}

#[cfg(not(unix))]
fn raw_stdout() -> Option<std::fs::File> {
    None
}
