//! `scoring`: score offices against a rubric from the command line.
//!
//! A thin layer over `scoring-core` (all scoring, validation and
//! explanation) and `scoring-formats` (CSV in and out): this crate reads
//! files, parses arguments and prints.
#![forbid(unsafe_code)]

mod error;
mod files;
mod json;
mod text;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use scoring_core::items::ItemLog;
use scoring_core::{Dataset, Lang, score};

use crate::error::CliError;

/// Scores a department's offices on their yearly disclosure work against a
/// tiered, weighted rubric, exactly, and explains every point.
#[derive(Debug, Parser)]
#[command(name = "scoring", version, about, long_about = None)]
struct Cli {
    /// Language of messages and output: zh (default) or en.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Zh)]
    lang: LangArg,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score every office in a data file (CSV in UTF-8 or GB18030, or XLSX).
    Score {
        /// Rubric YAML file; the bundled Shandong 2017 rubric when omitted.
        #[arg(long, value_name = "FILE")]
        rubric: Option<PathBuf>,
        /// Data file: one row per office, one column per input.
        #[arg(long, value_name = "FILE")]
        data: PathBuf,
        /// Item log (CSV or XLSX): answer-rate counts from dates received and
        /// answered, with the working-day calendar.
        #[arg(long, value_name = "LOG", requires = "period_end")]
        items: Option<PathBuf>,
        /// The last day of the assessment period (2026-12-31), for the item log.
        #[arg(long, value_name = "DATE", requires = "items")]
        period_end: Option<String>,
        /// Extra calendar file(s) in the holiday-cn JSON format (a year not
        /// bundled).
        #[arg(long, value_name = "FILE")]
        calendar: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Explain every point of one office (repeatable).
        #[arg(long, value_name = "OFFICE")]
        explain: Vec<String>,
        /// Add explanations for every office to JSON output.
        #[arg(long)]
        explain_all: bool,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check rubric files; print a one-line summary each, or every problem.
    Validate {
        /// Rubric YAML files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print an empty data file with the right headers, ready for Excel.
    Template {
        /// Rubric YAML file; the bundled Shandong 2017 rubric when omitted.
        #[arg(long, value_name = "FILE")]
        rubric: Option<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List a year's public holidays and make-up working days.
    Calendar {
        /// The year (2007–2026 are bundled).
        year: i16,
        /// Rubric whose own closure days to include.
        #[arg(long, value_name = "FILE")]
        rubric: Option<PathBuf>,
        /// Extra calendar file(s) in the holiday-cn JSON format.
        #[arg(long, value_name = "FILE")]
        calendar: Vec<PathBuf>,
    },
    /// Print the due date N working days after a date, and the days skipped.
    Due {
        /// The day of receipt (it does not count): 2026-09-30.
        date: String,
        /// Working days allowed.
        #[arg(long, value_name = "N")]
        working_days: u32,
        /// Rubric whose own closure days to include.
        #[arg(long, value_name = "FILE")]
        rubric: Option<PathBuf>,
        /// Extra calendar file(s) in the holiday-cn JSON format.
        #[arg(long, value_name = "FILE")]
        calendar: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// Output formats of `scoring score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A table for the terminal.
    Table,
    /// JSON for programs.
    Json,
    /// CSV for Excel (UTF-8 with BOM).
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::from(cli.lang);
    match run(cli.command, lang) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{}", e.message(lang));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// A date argument, as assessors write it.
fn parse_date(text: &str, what: &'static str) -> Result<jiff::civil::Date, CliError> {
    scoring_core::calendar::parse_date(text).ok_or_else(|| CliError::BadDate {
        text: text.to_string(),
        what,
    })
}

fn run(command: Command, lang: Lang) -> Result<ExitCode, CliError> {
    match command {
        Command::Score {
            rubric,
            data,
            items,
            period_end,
            calendar,
            format,
            explain,
            explain_all,
            output,
        } => {
            let rubric = files::load_rubric(rubric.as_deref())?;
            let mut table = files::load_table(&data)?;
            let judgement = match (items, period_end) {
                (Some(log), Some(end)) => {
                    let end = parse_date(&end, "--period-end")?;
                    let calendar = files::load_calendar(&rubric, &calendar)?;
                    let log_table = files::load_table(&log)?;
                    let judged =
                        ItemLog::from_table(&rubric, &log_table)?.judge(&rubric, &calendar, end)?;
                    table = judged.fill_table(&rubric, &table)?;
                    Some(judged)
                }
                _ => None,
            };
            let dataset = Dataset::from_table(&rubric, &table)?;
            let card = score(&rubric, &dataset)?;
            let mut explained = Vec::new();
            for name in &explain {
                match card.find(name) {
                    Some(o) => explained.push(o.index()),
                    None => {
                        return Err(CliError::UnknownOffice {
                            name: name.clone(),
                            suggestion: scoring_core::closest(
                                name,
                                dataset.offices().iter().map(|o| o.name.as_str()),
                            ),
                        });
                    }
                }
            }
            let scored = text::Scored {
                rubric: &rubric,
                data: &dataset,
                card: &card,
                items: judgement.as_ref(),
            };
            match format {
                Format::Table => files::write_output(
                    output.as_deref(),
                    text::results(&scored, &explained, lang).as_bytes(),
                )?,
                Format::Json => files::with_output(output.as_deref(), |out| {
                    json::write_results(out, &scored, &explained, explain_all, lang)
                })?,
                Format::Csv => files::with_output(output.as_deref(), |out| {
                    scoring_formats::write_results_csv(out, &rubric, &card, lang)
                })?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Calendar {
            year,
            rubric,
            calendar,
        } => {
            let rubric = files::load_rubric(rubric.as_deref())?;
            let calendar = files::load_calendar(&rubric, &calendar)?;
            let days = calendar.announced(year)?;
            files::write_output(None, text::calendar(year, &days, lang).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Due {
            date,
            working_days,
            rubric,
            calendar,
        } => {
            let rubric = files::load_rubric(rubric.as_deref())?;
            let calendar = files::load_calendar(&rubric, &calendar)?;
            let received = parse_date(&date, "DATE")?;
            let due = calendar.due_date(received, working_days)?;
            files::write_output(None, text::due(&due, lang).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate { files: paths } => {
            let mut failed = false;
            let mut out = String::new();
            for path in &paths {
                match files::load_rubric(Some(path)) {
                    Ok(rubric) => out.push_str(&text::summary(path, &rubric, lang)),
                    Err(e) => {
                        failed = true;
                        let _ = writeln!(std::io::stderr(), "{}", e.message(lang));
                    }
                }
            }
            files::write_output(None, out.as_bytes())?;
            Ok(if failed {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Template { rubric, output } => {
            let rubric = files::load_rubric(rubric.as_deref())?;
            let bytes = scoring_formats::template_csv(&rubric, lang);
            files::write_output(output.as_deref(), &bytes)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
