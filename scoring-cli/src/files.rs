//! Everything that touches the file system.

use std::io::Write;
use std::path::{Path, PathBuf};

use scoring_core::calendar::Calendar;
use scoring_core::items::{ItemLog, Judgement};
use scoring_core::{Dataset, Rubric, Table, bundled};
use scoring_formats::assessment::{AssessmentFile, CalendarText};

use crate::error::CliError;

pub fn read(path: &Path) -> Result<Vec<u8>, CliError> {
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

/// A rubric file's name and text, or the bundled Shandong 2017 rubric's.
pub fn rubric_text(path: Option<&Path>) -> Result<(String, String), CliError> {
    match path {
        None => Ok((
            bundled::SHANDONG_2017_FILE.to_string(),
            bundled::SHANDONG_2017.to_string(),
        )),
        Some(path) => {
            let bytes = read(path)?;
            let name = path.display().to_string();
            let text = scoring_formats::decode(&name, &bytes)?.text;
            // Validated here, so that its errors name the file given.
            Rubric::from_yaml(&name, &text)?;
            Ok((file_name(path), text))
        }
    }
}

/// The last part of a path, as text.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A calendar file's name and text (checked to be a calendar).
pub fn calendar_text(path: &Path) -> Result<CalendarText, CliError> {
    let bytes = read(path)?;
    let name = path.display().to_string();
    let text = scoring_formats::decode(&name, &bytes)?.text;
    Calendar::bundled().add_holiday_cn_json(&name, &text)?;
    Ok(CalendarText {
        file_name: file_name(path),
        text,
    })
}

/// Reads an assessment file: its rubric, its dataset and, when it has an
/// item log and a period end, the log's judgement (the answer-rate counts
/// A rubric, a dataset read for it, and its scorecard: an assessment
/// drawn on.
pub type Scored = (Rubric, Dataset, scoring_core::Scorecard);

/// Loads an assessment file: its rubric, dataset (item log applied when
/// it has a period end; its sources' totals filled in) and item-log
/// judgement, and the assessments it holds that its rubric draws on,
/// scored. `given` are assessments drawn on given beside it (`--source`).
pub fn load_assessment(
    path: &Path,
    calendars: &[PathBuf],
    given: &[Scored],
) -> Result<(Rubric, Dataset, Option<Judgement>, Vec<Scored>), CliError> {
    let bytes = read(path)?;
    let name = path.display().to_string();
    let file = AssessmentFile::from_json(&name, &bytes)?;
    assessment_dataset(&file, &name, calendars, given)
}

/// An assessment's rubric, dataset, item-log judgement and the
/// assessments it draws on (see [`load_assessment`]); `source` names the
/// file in errors.
pub fn assessment_dataset(
    file: &AssessmentFile,
    source: &str,
    calendars: &[PathBuf],
    given: &[Scored],
) -> Result<(Rubric, Dataset, Option<Judgement>, Vec<Scored>), CliError> {
    let (rubric, table, judged, drawn) = assessment_table(file, source, calendars, given)?;
    let data = Dataset::from_table(&rubric, &table)?;
    Ok((rubric, data, judged, drawn))
}

/// [`assessment_dataset`]'s table before it is read: the cells as typed,
/// with the item log's counts and the totals of the assessments drawn on
/// put in (what the offices are scored on).
pub fn assessment_table(
    file: &AssessmentFile,
    source: &str,
    calendars: &[PathBuf],
    given: &[Scored],
) -> Result<(Rubric, Table, Option<Judgement>, Vec<Scored>), CliError> {
    let rubric = file.rubric(source)?;
    // The assessments it holds that it draws on, scored first.
    let mut drawn: Vec<Scored> = Vec::new();
    for inner in &file.sources {
        let name = format!("{source}（{}）", inner.title);
        let (r, d, _, _) = assessment_dataset(inner, &name, calendars, &[])?;
        let c = scoring_core::score(&r, &d)?;
        drawn.push((r, d, c));
    }
    let table = file.table(&rubric, source);
    let end = scoring_core::calendar::parse_date(&file.period_end);
    let (table, judged) = match (file.item_table(), end) {
        (Some(log), Some(end)) => {
            let mut calendar = Calendar::bundled();
            for c in &file.calendars {
                calendar.add_holiday_cn_json(&format!("{source}（{}）", c.file_name), &c.text)?;
            }
            for path in calendars {
                let c = calendar_text(path)?;
                calendar.add_holiday_cn_json(&path.display().to_string(), &c.text)?;
            }
            rubric.apply_overrides(&mut calendar);
            let judged = ItemLog::from_table(&rubric, &log)?.judge(&rubric, &calendar, end)?;
            // Where typed counts disagree with the log, the assessor's
            // choice saved with the file decides; without one, an error.
            let choice = |office: &str| file.counts_choice_for(office);
            (
                judged.fill_table_with(&rubric, &table, &choice)?,
                Some(judged),
            )
        }
        // Without a period end the page does not use the log either.
        _ => (table, None),
    };
    let table = if rubric.sources().is_empty() {
        table
    } else {
        let scored: Vec<(&Rubric, &scoring_core::Scorecard)> =
            drawn.iter().chain(given).map(|(r, _, c)| (r, c)).collect();
        scoring_core::compose::fill(&rubric, &table, &scored)?
    };
    Ok((rubric, table, judged, drawn))
}

/// Reads a data file or item log (CSV in any supported encoding, or XLSX)
/// as a table.
pub fn load_table(path: &Path) -> Result<Table, CliError> {
    let bytes = read(path)?;
    let name = path.display().to_string();
    Ok(scoring_formats::read_table(&name, &bytes)?)
}

/// How data files are read: whether a layout other than a plain data
/// file's is accepted (`--accept-layout`), and the language to say so in.
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    /// Read a file laid out as a workbook by its layout.
    pub accept_layout: bool,
    /// The language of what is said about it.
    pub lang: scoring_core::Lang,
}

/// Reads a data file as a table for `rubric`: one laid out as a workbook
/// (a title, a 序号 column, a two-row header, 合计 rows) is read by its
/// layout when accepted, and refused naming what was found otherwise.
pub fn load_data_table(rubric: &Rubric, path: &Path, how: Reading) -> Result<Table, CliError> {
    let bytes = read(path)?;
    let name = path.display().to_string();
    let (table, layout) =
        scoring_formats::read_data_table(rubric, &name, &bytes, how.accept_layout)?;
    say_layout(&name, &layout, how.lang);
    Ok(table)
}

/// Reads a data file (like [`load_data_table`]) straight into a dataset,
/// row by row when it is plain.
pub fn load_dataset(rubric: &Rubric, path: &Path, how: Reading) -> Result<Dataset, CliError> {
    let bytes = read(path)?;
    let name = path.display().to_string();
    let (data, layout) =
        scoring_formats::read_dataset_laid_out(rubric, &name, &bytes, how.accept_layout)?;
    say_layout(&name, &layout, how.lang);
    Ok(data)
}

/// What a layout accepted skipped, on standard error (never silent).
fn say_layout(name: &str, layout: &scoring_formats::Layout, lang: scoring_core::Lang) {
    if layout.is_plain() {
        return;
    }
    let found = layout.describe(lang);
    match lang {
        scoring_core::Lang::Zh => eprintln!("{name}：按版式读取：{}", found.join("；")),
        scoring_core::Lang::En => eprintln!("{name}: read by its layout: {}", found.join("; ")),
    }
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
        Some(p) => write_beside_and_rename(p, write),
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

/// Writes a file the safe way: into a new file beside it, then renamed
/// over it, so that neither a failed run nor an interrupted write (the
/// command stopped half way) leaves a broken file where a good one was.
/// The new file is removed when writing fails. (It is not synced to disk
/// before the rename: a 124 MB JSON file would take seconds more, for a
/// power cut at the wrong moment.)
fn write_beside_and_rename(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let temp = path.with_file_name(format!(".{name}.partial-{}", std::process::id()));
    let written = std::fs::File::create(&temp).and_then(|file| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut out)?;
        out.flush()
    });
    match written.and_then(|()| std::fs::rename(&temp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(e)
        }
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
