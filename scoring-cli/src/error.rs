//! What can go wrong in the command, and how it is told to the user.

use std::path::PathBuf;

use scoring_core::calendar::CalendarError;
use scoring_core::items::ItemErrors;
use scoring_core::{DataErrors, Lang, RubricErrors, ScoreError};
use scoring_formats::FormatError;
use scoring_formats::assessment::{AssessmentError, FromTableError};

/// An error that ends the command.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A `--source` not written RUBRIC=DATA.
    #[error("--source {given}: write it as RUBRIC=DATA (a rubric file and its data file)")]
    BadSource {
        /// What was given.
        given: String,
    },
    /// A rubric file is invalid.
    #[error(transparent)]
    Rubric(#[from] RubricErrors),
    /// A data file is invalid.
    #[error(transparent)]
    Data(#[from] DataErrors),
    /// A file is not readable CSV or spreadsheet.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// An item log is invalid, or disagrees with the data.
    #[error(transparent)]
    Items(#[from] ItemErrors),
    /// A calendar question that cannot be answered, or a bad calendar file.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A date argument that is not a date.
    #[error("{what}: `{text}` is not a date")]
    BadDate {
        /// The text given.
        text: String,
        /// The argument.
        what: &'static str,
    },
    /// The dataset does not fit the rubric.
    #[error(transparent)]
    Score(#[from] ScoreError),
    /// `--explain` names an office that is not in the data.
    #[error("no office named {name}")]
    UnknownOffice {
        /// The name given.
        name: String,
        /// The closest office name.
        suggestion: Option<String>,
    },
    /// Output could not be written.
    #[error("cannot write output: {source}")]
    Write {
        /// The file, or `None` for standard output.
        path: Option<PathBuf>,
        /// Why.
        source: std::io::Error,
    },
    /// Data that one of two rubrics compared cannot read.
    #[error("the data does not fit the {which} ({rubric})")]
    DataUnderRubric {
        /// Which side ("old rubric"…).
        which: &'static str,
        /// Its id.
        rubric: String,
        /// The problems.
        errors: DataErrors,
    },
    /// `--explain-all` without `--format json`.
    #[error("--explain-all needs --format json")]
    ExplainAllNeedsJson,
    /// An assessment file that cannot be read.
    #[error(transparent)]
    Assessment(#[from] AssessmentError),
    /// An assessment that cannot be made from a data file.
    #[error(transparent)]
    NewAssessment(#[from] FromTableError),
    /// `score` without `--data` or `--assessment`.
    #[error("score needs --data FILE or --assessment FILE")]
    NothingToScore,
    /// A data file laid out as a workbook, read so only when told to.
    #[error("{}", self.message(Lang::En))]
    Layout {
        /// What was found, from the formats crate.
        error: scoring_formats::DataFileError,
    },
}

impl From<scoring_formats::DataFileError> for CliError {
    fn from(e: scoring_formats::DataFileError) -> CliError {
        match e {
            scoring_formats::DataFileError::Format(e) => CliError::Format(e),
            scoring_formats::DataFileError::Data(e) => CliError::Data(e),
            error @ scoring_formats::DataFileError::Layout { .. } => CliError::Layout { error },
        }
    }
}

impl CliError {
    /// The exit status: 2 for bad input, 1 when output fails.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Write { .. } => 1,
            _ => 2,
        }
    }

    /// The message for the user, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CliError::Read { path, source } => match lang {
                Lang::Zh => format!(
                    "无法读取文件 {}：{}",
                    path.display(),
                    io_reason(source, lang)
                ),
                Lang::En => format!(
                    "cannot read {}: {}",
                    path.display(),
                    io_reason(source, lang)
                ),
            },
            CliError::BadSource { given } => match lang {
                Lang::Zh => format!("--source {given}：应写作 细则文件=数据文件"),
                Lang::En => format!("--source {given}: write it as RUBRIC=DATA (a rubric file and its data file)"),
            },
            CliError::Rubric(e) => e.message(lang),
            CliError::Data(e) => e.message(lang),
            CliError::Format(e) => e.message(lang),
            CliError::Score(e) => e.message(lang),
            CliError::Items(e) => e.message(lang),
            CliError::Calendar(e) => e.message(lang),
            CliError::BadDate { text, what } => match lang {
                Lang::Zh => format!(
                    "{what}：“{text}”不是日期（可写 2026-09-30、2026/9/30 或 2026年9月30日）"
                ),
                Lang::En => format!(
                    "{what}: `{text}` is not a date (write 2026-09-30, 2026/9/30 or 2026年9月30日)"
                ),
            },
            CliError::UnknownOffice { name, suggestion } => {
                let hint = match (suggestion, lang) {
                    (Some(s), Lang::Zh) => format!("（是否应为“{s}”？）"),
                    (Some(s), Lang::En) => format!(" (did you mean {s}?)"),
                    (None, _) => String::new(),
                };
                match lang {
                    Lang::Zh => format!("数据中没有名为“{name}”的处室{hint}"),
                    Lang::En => format!("there is no office named {name} in the data{hint}"),
                }
            }
            CliError::Write { path, source } => {
                let reason = io_reason(source, lang);
                match (path, lang) {
                    (Some(p), Lang::Zh) => format!("无法写入文件 {}：{reason}", p.display()),
                    (Some(p), Lang::En) => format!("cannot write {}: {reason}", p.display()),
                    (None, Lang::Zh) => format!("无法写出结果：{reason}"),
                    (None, Lang::En) => format!("cannot write output: {reason}"),
                }
            }
            CliError::DataUnderRubric {
                which,
                rubric,
                errors,
            } => match lang {
                Lang::Zh => format!("数据不符合{which}（{rubric}）：\n{}", errors.message(lang)),
                Lang::En => format!("the data does not fit the {which} ({rubric}):\n{}", errors.message(lang)),
            },
            CliError::Assessment(e) => e.message(lang),
            CliError::NewAssessment(e) => e.message(lang),
            CliError::Layout { error } => match lang {
                Lang::Zh => format!(
                    "{}\n确认无误后，加 --accept-layout 按此读取。",
                    error.message(lang)
                ),
                Lang::En => format!(
                    "{}\nIf that is right, add --accept-layout to read it so.",
                    error.message(lang)
                ),
            },
            CliError::NothingToScore => match lang {
                Lang::Zh => "score 需要 --data 数据文件 或 --assessment 考核文件".into(),
                Lang::En => "score needs --data FILE or --assessment FILE".into(),
            },
            CliError::ExplainAllNeedsJson => match lang {
                Lang::Zh => "--explain-all 只用于 JSON 输出（--format json）；表格请用 --explain 处室".into(),
                Lang::En => "--explain-all is for JSON output (--format json); for the table use --explain OFFICE".into(),
            },
        }
    }
}

fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind::*;
    match (e.kind(), lang) {
        (NotFound, Lang::Zh) => "文件不存在".into(),
        (NotFound, Lang::En) => "no such file".into(),
        (PermissionDenied, Lang::Zh) => "没有读取权限".into(),
        (PermissionDenied, Lang::En) => "permission denied".into(),
        (IsADirectory, Lang::Zh) => "这是一个目录".into(),
        (IsADirectory, Lang::En) => "it is a directory".into(),
        (AlreadyExists, Lang::Zh) => "文件已存在".into(),
        (AlreadyExists, Lang::En) => "it already exists".into(),
        _ => e.to_string(),
    }
}
