//! Everything that touches the file system.

use std::io::Write;
use std::path::Path;

use scoring_core::{Dataset, Rubric, bundled};

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

/// Loads a data file (CSV in any supported encoding) against a rubric.
pub fn load_data(rubric: &Rubric, path: &Path) -> Result<Dataset, CliError> {
    let bytes = read(path)?;
    let name = path.display().to_string();
    let table = scoring_formats::read_csv(&name, &bytes)?;
    Ok(Dataset::from_table(rubric, &table)?)
}

/// Writes bytes to a file, or to standard output.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<(), CliError> {
    match path {
        Some(p) => std::fs::write(p, bytes)?,
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(bytes).and_then(|_| out.flush()) {
                Ok(()) => {}
                // `scoring … | head` is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(())
}
