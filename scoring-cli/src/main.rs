//! `scoring`: score offices against a rubric from the command line.
//!
//! A thin layer over `scoring-core` (all scoring, validation and
//! explanation) and `scoring-formats` (CSV in and out): this crate reads
//! files, parses arguments and prints.
#![forbid(unsafe_code)]

mod audit;
mod error;
mod files;
mod forms;
mod verify;

mod text;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use scoring_core::items::{ItemLog, Judgement};
use scoring_core::{Dataset, Explanations, Lang, ReportOptions, Rubric, score};

use crate::error::CliError;

/// mimalloc rather than the system allocator: it takes memory from the
/// kernel in large segments and reuses what is freed, so 100 000 offices
/// cost some 200 page faults instead of 27 000 (measured: 15–25 % of the
/// run on this kind of machine; see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Scores a department's offices on their yearly disclosure work against a
/// tiered, weighted rubric, exactly, and explains every point.
#[derive(Debug, Parser)]
#[command(name = "scoring", version, about, long_about = None)]
struct Cli {
    /// Language of messages and output: zh (default) or en.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Zh)]
    lang: LangArg,

    /// Read a data file laid out as departments keep workbooks (a title
    /// above the header, a 序号 column, a header in two rows, 合计 or 平均
    /// rows) by the layout found. Without it such a file is refused with
    /// what was found, so that nothing is skipped unseen.
    #[arg(long, global = true)]
    accept_layout: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score every office in a data file (CSV in UTF-8 or GB18030, or XLSX).
    Score {
        /// Rubric YAML file; the bundled Shandong 2017 rubric when omitted.
        #[arg(long, value_name = "FILE", conflicts_with = "assessment")]
        rubric: Option<PathBuf>,
        /// Data file: one row per office, one column per input.
        #[arg(long, value_name = "FILE", conflicts_with = "assessment")]
        data: Option<PathBuf>,
        /// An assessment file (saved by the web page or made by `scoring
        /// assessment`): its rubric, data, item log and calendars.
        #[arg(long, value_name = "FILE")]
        assessment: Option<PathBuf>,
        /// Item log (CSV or XLSX): answer-rate counts from dates received and
        /// answered, with the working-day calendar.
        #[arg(
            long,
            value_name = "LOG",
            requires = "period_end",
            conflicts_with = "assessment"
        )]
        items: Option<PathBuf>,
        /// The last day of the assessment period (2026-12-31), for the item log.
        #[arg(long, value_name = "DATE", requires = "items")]
        period_end: Option<String>,
        /// Extra calendar file(s) in the holiday-cn JSON format (a year not
        /// bundled), for the item log.
        #[arg(long, value_name = "FILE", requires = "items")]
        calendar: Vec<PathBuf>,
        /// Another assessment this rubric draws on (its `sources`), as
        /// RUBRIC=DATA: that rubric scores that data file first, and its
        /// published totals fill the input, by office (repeatable).
        #[arg(long, value_name = "RUBRIC=DATA", conflicts_with = "assessment")]
        source: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Explain every point of one office (repeatable).
        #[arg(long, value_name = "OFFICE")]
        explain: Vec<String>,
        /// Add explanations for every office to JSON output (--format json).
        #[arg(long)]
        explain_all: bool,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check rubric files and run their examples; print a one-line summary
    /// each, or every problem.
    Validate {
        /// Rubric YAML files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Run the examples carried by rubric files; report every failure with
    /// office, indicator, expected and actual.
    Test {
        /// Rubric YAML files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print a rubric's fingerprint: the SHA-256 of its meaning (64 hex
    /// digits; the first 12 are its short form).
    Fingerprint {
        /// Rubric YAML files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Make an assessment file from a data file, to open in the web page or
    /// score with `score --assessment`.
    Assessment {
        /// Data file: one row per office, one column per input.
        #[arg(long, value_name = "FILE")]
        data: PathBuf,
        /// The assessment's title.
        #[arg(long, value_name = "TITLE")]
        name: String,
        /// The year assessed.
        #[arg(long, value_name = "YEAR")]
        year: i32,
        /// Rubric YAML file; the bundled Shandong 2017 rubric when omitted.
        #[arg(long, value_name = "FILE")]
        rubric: Option<PathBuf>,
        /// Item log (CSV or XLSX) to keep with the assessment.
        #[arg(long, value_name = "LOG", requires = "period_end")]
        items: Option<PathBuf>,
        /// The last day of the assessment period, for the item log.
        #[arg(long, value_name = "DATE", requires = "items")]
        period_end: Option<String>,
        /// Calendar file(s) in the holiday-cn JSON format, kept with the
        /// assessment.
        #[arg(long, value_name = "FILE")]
        calendar: Vec<PathBuf>,
        /// The file to write (`2026年度考核.scoring.json`).
        #[arg(long, short, value_name = "FILE")]
        output: PathBuf,
    },
    /// Write an entry form (XLSX) per office of an assessment, for the
    /// offices to fill in and return.
    Forms {
        /// The assessment file.
        #[arg(long, value_name = "FILE")]
        assessment: PathBuf,
        /// The directory to write the forms into.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Merge returned entry forms into a new assessment file, printing what
    /// each changes and what was refused and why (exit 2 if anything was).
    Collect {
        /// The assessment file the forms were made from.
        #[arg(long, value_name = "FILE")]
        assessment: PathBuf,
        /// The returned forms.
        #[arg(required = true, value_name = "FORM")]
        forms: Vec<PathBuf>,
        /// The new assessment file to write (never the one given).
        #[arg(long, short, value_name = "FILE")]
        output: PathBuf,
        /// Merge forms that need confirming: two forms for one office (the
        /// later one given wins), a form whose fixed parts were changed.
        #[arg(long)]
        accept_flagged: bool,
    },
    /// Write a feedback sheet (反馈表, XLSX) per office of an assessment:
    /// each indicator's value, place, score, points, explanation and the
    /// reviewer's note, with a column for the office's rectification.
    Feedback {
        /// The assessment file.
        #[arg(long, value_name = "FILE")]
        assessment: PathBuf,
        /// The directory to write the sheets into.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The date the sheets say they were made (`2026-12-31`); none by
        /// default.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Check an approved assessment file against the fingerprint it was
    /// approved with; with --results, that a results file (CSV) is its.
    Verify {
        /// The assessment file.
        #[arg(long, value_name = "FILE")]
        assessment: PathBuf,
        /// A results file (CSV, as exported by the page or `score --format
        /// csv`).
        #[arg(long, value_name = "FILE")]
        results: Option<PathBuf>,
    },
    /// Print the rubric JSON Schema (for editors: `# yaml-language-server:
    /// $schema=rubric.schema.json` as a rubric's first line), or with
    /// --report the schema of `score --format json`'s output.
    Schema {
        /// The schema of the results JSON instead of the rubric's.
        #[arg(long)]
        report: bool,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// What changed between two rubrics; with --data, whose score and place
    /// it moves.
    Diff {
        /// The old rubric.
        old: PathBuf,
        /// The new rubric.
        new: PathBuf,
        /// Score these offices under both rubrics. The file may hold the
        /// columns of both (a revision that adds or drops an input).
        #[arg(long, value_name = "FILE")]
        data: Option<PathBuf>,
        /// Item log: answer-rate counts judged under each rubric's own
        /// deadlines (so that a deadline change shows its impact).
        #[arg(long, value_name = "LOG", requires_all = ["data", "period_end"])]
        items: Option<PathBuf>,
        /// The last day of the assessment period, for the item log.
        #[arg(long, value_name = "DATE", requires = "items")]
        period_end: Option<String>,
        /// Extra calendar file(s) in the holiday-cn JSON format.
        #[arg(long, value_name = "FILE", requires = "items")]
        calendar: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// Print an empty data file with the right headers, ready for Excel.
    Template {
        /// Rubric YAML file; the bundled Shandong 2017 rubric when omitted.
        #[arg(long, value_name = "FILE")]
        rubric: Option<PathBuf>,
        /// An item log's template instead (for `score --items`): one
        /// example item per kind the rubric judges, dates in every form
        /// accepted.
        #[arg(long)]
        items: bool,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List a year's public holidays and make-up working days.
    Calendar {
        /// The year (2007–2026 are bundled).
        #[arg(value_parser = clap::value_parser!(i16).range(1..=9999))]
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
        /// Working days allowed (1 or more).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=365))]
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

/// Output formats of `scoring diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    /// Text for the terminal.
    Text,
    /// JSON for programs.
    Json,
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
    let how = files::Reading {
        accept_layout: cli.accept_layout,
        lang,
    };
    match run(cli.command, lang, how) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{}", e.message(lang));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// Runs a rubric's examples: the report, how many ran, how many failed.
/// `file:` examples are read relative to the rubric file.
fn run_examples(
    path: &std::path::Path,
    rubric: &scoring_core::Rubric,
    lang: Lang,
) -> (String, usize, usize) {
    use scoring_formats::ExampleOutcome;
    let dir = path
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let resolve = |file: &str| -> Result<Vec<u8>, String> {
        let p = dir.join(file);
        std::fs::read(&p).map_err(|source| {
            CliError::Read {
                path: p.clone(),
                source,
            }
            .message(lang)
        })
    };
    let source = path.display().to_string();
    let mut report = format!("{source}\n");
    let mut failed = 0;
    for example in rubric.examples() {
        match scoring_formats::run_example(rubric, example, &source, lang, &resolve) {
            ExampleOutcome::Passed => {
                report.push_str(&audit::example_line(true, &example.name, lang))
            }
            ExampleOutcome::Failed(failures) => {
                failed += 1;
                report.push_str(&audit::example_line(false, &example.name, lang));
                for f in failures {
                    report.push_str(&format!("        {source}:{}\n", f.message(lang)));
                }
            }
            ExampleOutcome::Broken(message) => {
                failed += 1;
                report.push_str(&audit::example_line(false, &example.name, lang));
                report.push_str(&format!("        {message}\n"));
            }
        }
    }
    (report, rubric.examples().len(), failed)
}

/// A date argument, as assessors write it.
fn parse_date(text: &str, what: &'static str) -> Result<jiff::civil::Date, CliError> {
    scoring_core::calendar::parse_date(text).ok_or_else(|| CliError::BadDate {
        text: text.to_string(),
        what,
    })
}

/// A data file's dataset for `rubric`, with the answer-rate counts from an
/// item log when one is given (and its judgement, for explanations).
/// An assessment another draws on, scored: its rubric, data and scores.
use files::Scored;

/// Scores each `--source RUBRIC=DATA`.
fn load_sources(sources: &[String], how: files::Reading) -> Result<Vec<Scored>, CliError> {
    let mut out = Vec::new();
    for s in sources {
        let Some((rubric, data)) = s.split_once('=') else {
            return Err(CliError::BadSource { given: s.clone() });
        };
        let rubric = files::load_rubric(Some(std::path::Path::new(rubric)))?;
        let data = files::load_dataset(&rubric, std::path::Path::new(data), how)?;
        let card = score(&rubric, &data)?;
        out.push((rubric, data, card));
    }
    Ok(out)
}

fn load_scored_data(
    rubric: &Rubric,
    data: &std::path::Path,
    items: Option<PathBuf>,
    period_end: Option<String>,
    calendar: &[PathBuf],
    sources: &[Scored],
    how: files::Reading,
) -> Result<(Dataset, Option<Judgement>), CliError> {
    let drawn: Vec<(&Rubric, &scoring_core::Scorecard)> =
        sources.iter().map(|(r, _, c)| (r, c)).collect();
    match (items, period_end) {
        (Some(log), Some(end)) => {
            // The data file first: its errors come first.
            let table = files::load_data_table(rubric, data, how)?;
            let end = parse_date(&end, "--period-end")?;
            let calendar = files::load_calendar(rubric, calendar)?;
            let log_table = files::load_table(&log)?;
            let judged = ItemLog::from_table(rubric, &log_table)?.judge(rubric, &calendar, end)?;
            let table = judged.fill_table(rubric, &table)?;
            let table = if rubric.sources().is_empty() {
                table
            } else {
                scoring_core::compose::fill(rubric, &table, &drawn)?
            };
            Ok((Dataset::from_table(rubric, &table)?, Some(judged)))
        }
        _ if !rubric.sources().is_empty() => {
            let table = files::load_data_table(rubric, data, how)?;
            let table = scoring_core::compose::fill(rubric, &table, &drawn)?;
            Ok((Dataset::from_table(rubric, &table)?, None))
        }
        // Read row by row: no table of 100 000 rows in between.
        _ => Ok((files::load_dataset(rubric, data, how)?, None)),
    }
}

fn run(command: Command, lang: Lang, how: files::Reading) -> Result<ExitCode, CliError> {
    match command {
        Command::Score {
            rubric,
            data,
            assessment,
            items,
            period_end,
            calendar,
            source,
            format,
            explain,
            explain_all,
            output,
        } => {
            if explain_all && format != Format::Json {
                return Err(CliError::ExplainAllNeedsJson);
            }
            let mut sources = load_sources(&source, how)?;
            let (rubric, dataset, judgement) = match (assessment, data) {
                (Some(path), _) => {
                    let (rubric, dataset, judgement, held) =
                        files::load_assessment(&path, &calendar, &sources)?;
                    sources.extend(held);
                    (rubric, dataset, judgement)
                }
                (None, None) => return Err(CliError::NothingToScore),
                (None, Some(data)) => {
                    let rubric = files::load_rubric(rubric.as_deref())?;
                    let (dataset, judgement) = load_scored_data(
                        &rubric, &data, items, period_end, &calendar, &sources, how,
                    )?;
                    (rubric, dataset, judgement)
                }
            };
            let card = score(&rubric, &dataset)?;
            let mut explained = Vec::new();
            for name in &explain {
                match card.find(name) {
                    Some(o) => explained.push(o.ix()),
                    None => {
                        return Err(CliError::UnknownOffice {
                            name: name.clone(),
                            suggestion: scoring_core::closest(
                                name,
                                dataset.offices().items().map(|o| o.name.as_str()),
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
                Format::Table => {
                    let mut out = text::results(&scored, &explained, lang);
                    // The chain: each explained office in the assessments
                    // drawn on.
                    for (inner, inner_data, inner_card) in &sources {
                        let from = rubric
                            .sources()
                            .iter()
                            .find(|s| s.rubric == inner.id())
                            .map(|s| s.name.get(lang).to_string())
                            .unwrap_or_else(|| inner.id().to_string());
                        let drawn = text::Scored {
                            rubric: inner,
                            data: inner_data,
                            card: inner_card,
                            items: None,
                        };
                        for name in &explain {
                            if let Some(o) = inner_card.find(name) {
                                out.push_str(&match lang {
                                    Lang::Zh => format!("\n其中 {from}（{}）：\n", inner.id()),
                                    Lang::En => format!("\nOf which {from} ({}):\n", inner.id()),
                                });
                                out.push_str(&text::office_tree(&drawn, o.ix(), lang));
                            }
                        }
                    }
                    files::write_output(output.as_deref(), out.as_bytes())?
                }
                Format::Json => files::with_output(output.as_deref(), |out| {
                    let options = ReportOptions {
                        lang,
                        explanations: if explain_all {
                            Explanations::All
                        } else {
                            Explanations::Offices(explain.clone())
                        },
                        items: judgement.as_ref(),
                    };
                    scoring_formats::write_results_json(out, &rubric, &dataset, &card, &options)
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
                    Ok(rubric) => {
                        let (report, total, failures) = run_examples(path, &rubric, lang);
                        if failures > 0 {
                            failed = true;
                            let _ = write!(std::io::stderr(), "{report}");
                        } else {
                            out.push_str(&text::summary(path, &rubric, total, lang));
                        }
                    }
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
        Command::Test { files: paths } => {
            let mut out = String::new();
            let (mut total, mut failed) = (0, 0);
            let mut broken = false;
            for path in &paths {
                match files::load_rubric(Some(path)) {
                    Ok(rubric) => {
                        let (report, n, f) = run_examples(path, &rubric, lang);
                        out.push_str(&report);
                        total += n;
                        failed += f;
                    }
                    Err(e) => {
                        broken = true;
                        let _ = writeln!(std::io::stderr(), "{}", e.message(lang));
                    }
                }
            }
            out.push_str(&audit::examples_summary(total, failed, lang));
            files::write_output(None, out.as_bytes())?;
            Ok(if failed > 0 || broken {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Fingerprint { files: paths } => {
            let mut out = String::new();
            for path in &paths {
                let rubric = files::load_rubric(Some(path))?;
                if paths.len() == 1 {
                    out.push_str(&format!("{}\n", rubric.fingerprint()));
                } else {
                    out.push_str(&format!("{}  {}\n", rubric.fingerprint(), path.display()));
                }
            }
            files::write_output(None, out.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Assessment {
            data,
            name,
            year,
            rubric,
            items,
            period_end,
            calendar,
            output,
        } => {
            let (rubric_file, rubric_yaml) = files::rubric_text(rubric.as_deref())?;
            let read_by = scoring_core::Rubric::from_yaml(&rubric_file, &rubric_yaml)?;
            let table = files::load_data_table(&read_by, &data, how)?;
            let now = jiff::Timestamp::now().to_string();
            let mut file = scoring_formats::assessment::AssessmentFile::from_table(
                &rubric_file,
                &rubric_yaml,
                &table,
                &name,
                year,
                &now,
            )?;
            if let (Some(log), Some(end)) = (items, period_end) {
                parse_date(&end, "--period-end")?;
                let log_table = files::load_table(&log)?;
                file.item_log = Some(scoring_formats::assessment::ItemLog {
                    file_name: files::file_name(&log),
                    rows: log_table
                        .rows
                        .iter()
                        .map(|r| (r.line, r.cells().map(String::from).collect()))
                        .collect(),
                });
                file.period_end = end;
            }
            for path in &calendar {
                file.calendars.push(files::calendar_text(path)?);
            }
            // Check it scores as it will be scored (problems in cells are
            // reported, and the file is still written: an assessment is
            // work in progress, its cells kept as typed).
            let written = output.display().to_string();
            let problems = files::assessment_dataset(&file, &written, &[], &[]).err();
            files::write_output(Some(&output), &file.to_json())?;
            if let Some(e) = problems {
                eprintln!("{}", e.message(lang));
                eprintln!(
                    "{}",
                    lang.pick(
                        "考核文件已写出，以上单元格在改正之前不计分。",
                        "The assessment file was written; the cells above are left out of scoring until corrected."
                    )
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Forms { assessment, out } => forms::write_forms(&assessment, &out, lang),
        Command::Collect {
            assessment,
            forms: given,
            output,
            accept_flagged,
        } => forms::collect(&assessment, &given, &output, accept_flagged, lang),
        Command::Feedback {
            assessment,
            out,
            date,
        } => forms::write_feedback(&assessment, &out, date.as_deref().unwrap_or(""), lang),
        Command::Verify {
            assessment,
            results,
        } => verify::verify(&assessment, results.as_deref(), lang),
        Command::Schema { report, output } => {
            let schema = if report {
                scoring_core::report::report_schema()
            } else {
                scoring_core::schema::rubric_schema()
            };
            files::write_output(output.as_deref(), schema.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff {
            old,
            new,
            data,
            items,
            period_end,
            calendar,
            format,
        } => {
            let old = files::load_rubric(Some(&old))?;
            let new = files::load_rubric(Some(&new))?;
            let diff = scoring_core::diff::diff(&old, &new);
            let mut text = match format {
                DiffFormat::Text => audit::diff_text(&old, &new, &diff, lang),
                DiffFormat::Json => String::new(),
            };
            let impact = match &data {
                None => None,
                Some(path) => {
                    // Laid out as the new rubric reads it.
                    let table = files::load_data_table(&new, path, how)?;
                    let log = match (&items, &period_end) {
                        (Some(log), Some(end)) => {
                            Some((files::load_table(log)?, parse_date(end, "--period-end")?))
                        }
                        _ => None,
                    };
                    // Each rubric reads the data with its own columns (and
                    // judges the log by its own deadlines).
                    let read =
                        |rubric: &scoring_core::Rubric, other: &scoring_core::Rubric, which| {
                            let mut t = table.for_rubric(rubric, other);
                            if let Some((log_table, end)) = &log {
                                let cal = files::load_calendar(rubric, &calendar)?;
                                let judged = ItemLog::from_table(rubric, log_table)?
                                    .judge(rubric, &cal, *end)?;
                                t = judged.fill_table(rubric, &t)?;
                            }
                            let data = Dataset::from_table(rubric, &t).map_err(|e| {
                                CliError::DataUnderRubric {
                                    which,
                                    rubric: rubric.id().to_string(),
                                    errors: e,
                                }
                            })?;
                            Ok::<_, CliError>(score(rubric, &data)?)
                        };
                    let result =
                        read(&old, &new, lang.pick("原细则", "old rubric")).and_then(|a| {
                            read(&new, &old, lang.pick("新细则", "new rubric")).map(|b| (a, b))
                        });
                    match result {
                        Ok((a, b)) => Some((scoring_core::diff::impact(&old, &a, &new, &b), path)),
                        Err(e) => {
                            // The changes themselves are still worth seeing.
                            files::write_output(None, text.as_bytes())?;
                            return Err(e);
                        }
                    }
                }
            };
            let deadline_changed = diff.changes_deadline();
            match format {
                DiffFormat::Text => {
                    // Said before the impact, which it qualifies: without
                    // an item log, late counts are the data's.
                    if deadline_changed && items.is_none() {
                        text.push_str(lang.pick(
                            "\n注意：答复期限的变更只影响按事项登记判断的超期条数；数据中所填的超期条数不会按新期限重新判断。要看它对得分的影响，请用 --items 和 --period-end 提供事项登记。\n",
                            "\nNote: a deadline change only moves scores through late counts judged from an item log; late counts given in data are not judged again by the new deadline. Give an item log with --items and --period-end to see its impact.\n",
                        ));
                    }
                    if let Some((impact, path)) = &impact {
                        text.push_str(&audit::impact_text(
                            &old,
                            &new,
                            impact,
                            &path.display().to_string(),
                            lang,
                        ));
                    }
                }
                DiffFormat::Json => {
                    text = scoring_formats::json_out::diff_json(
                        &old,
                        &new,
                        &diff,
                        impact.as_ref().map(|(i, _)| i),
                        items.is_some(),
                        lang,
                    );
                }
            }
            files::write_output(None, text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Template {
            rubric,
            items,
            output,
        } => {
            let rubric = files::load_rubric(rubric.as_deref())?;
            let bytes = if items {
                scoring_formats::item_log_template_csv(&rubric, lang)
            } else {
                scoring_formats::template_csv(&rubric, lang)
            };
            files::write_output(output.as_deref(), &bytes)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
