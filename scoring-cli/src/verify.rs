//! `scoring verify`: an approved assessment file checked against the
//! fingerprint it was approved with, and a results file against it.

use std::path::Path;
use std::process::ExitCode;

use scoring_core::Lang;
use scoring_formats::assessment::AssessmentFile;

use crate::error::CliError;
use crate::files;

/// Scores the assessment as the page did when it approved it, and checks
/// the fingerprint; with `results`, that the results file (CSV, as the
/// page or `score --format csv` writes it) is this assessment's. Exit 2
/// when anything does not match.
pub fn verify(assessment: &Path, results: Option<&Path>, lang: Lang) -> Result<ExitCode, CliError> {
    let name = assessment.display().to_string();
    let file = AssessmentFile::from_json(&name, &files::read(assessment)?)?;
    let (rubric, data, _, _) = files::assessment_dataset(&file, &name, &[], &[])?;
    let card = scoring_core::score(&rubric, &data)?;
    let csv = scoring_formats::results_csv(&rubric, &card, Lang::Zh);
    let fingerprint = file.approval_fingerprint(&csv);
    let mut ok = true;
    match &file.approval {
        Some(a) if a.fingerprint == fingerprint => println!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "{name}：已审定（{}），数据与结果指纹一致：{fingerprint}",
                    a.at
                ),
                Lang::En => format!(
                    "{name}: approved ({}); the data and results match its fingerprint {fingerprint}",
                    a.at
                ),
            }
        ),
        Some(a) => {
            ok = false;
            println!(
                "{}",
                match lang {
                    Lang::Zh => format!(
                        "{name}：审定指纹不符：审定时为 {}，现在的数据与结果为 {fingerprint}（审定后被改动过）",
                        a.fingerprint
                    ),
                    Lang::En => format!(
                        "{name}: the fingerprint does not match: approved as {}, the data and results now give {fingerprint} (changed since the approval)",
                        a.fingerprint
                    ),
                }
            );
            // Where, when the approval kept its parts.
            use scoring_formats::assessment::Changed;
            for c in file.changed_since_approval(&csv) {
                println!(
                    "  {}",
                    match (c, lang) {
                        (Changed::Office(o), Lang::Zh) => format!("处室“{o}”的数据被改动过"),
                        (Changed::Office(o), Lang::En) => format!("the data of {o} changed"),
                        (Changed::OfficeGone(o), Lang::Zh) => format!("处室“{o}”不见了"),
                        (Changed::OfficeGone(o), Lang::En) => format!("{o} is gone"),
                        (Changed::OfficeAdded(o), Lang::Zh) => format!("多了处室“{o}”"),
                        (Changed::OfficeAdded(o), Lang::En) => format!("{o} was added"),
                        (Changed::OfficeRenamed { from, to }, Lang::Zh) => {
                            format!("处室“{from}”改名为“{to}”（数据未改动）")
                        }
                        (Changed::OfficeRenamed { from, to }, Lang::En) => {
                            format!("{from} was renamed {to} (its data unchanged)")
                        }
                        (Changed::Order, Lang::Zh) => "处室的顺序被调整过".into(),
                        (Changed::Order, Lang::En) => "the offices were reordered".into(),
                        (Changed::Assessment, Lang::Zh) => {
                            "考核的其他内容（名称、年度、评分细则、事项登记等）被改动过".into()
                        }
                        (Changed::Assessment, Lang::En) => {
                            "the rest of the assessment (title, year, rubric, item log…) changed"
                                .into()
                        }
                        (Changed::Results, Lang::Zh) => "结果与审定时不同".into(),
                        (Changed::Results, Lang::En) =>
                            "the results differ from those approved".into(),
                    }
                );
            }
        }
        None => {
            ok = false;
            let reopened = match (file.reopened.last(), lang) {
                (Some(r), Lang::Zh) => format!(
                    "；曾审定，已重新打开 {} 次，最近一次在 {}，理由：{}",
                    file.reopened.len(),
                    r.at,
                    r.reason
                ),
                (Some(r), Lang::En) => format!(
                    "; approved before and reopened {} times, last at {}: {}",
                    file.reopened.len(),
                    r.at,
                    r.reason
                ),
                (None, _) => String::new(),
            };
            println!(
                "{}",
                match lang {
                    Lang::Zh =>
                        format!("{name}：未审定（数据与结果指纹为 {fingerprint}）{reopened}"),
                    Lang::En => format!(
                        "{name}: not approved (its data and results give {fingerprint}){reopened}"
                    ),
                }
            );
        }
    }
    if let Some(path) = results {
        let given = files::read(path)?;
        // Line ends and the byte-order mark as a spreadsheet program may
        // have left them.
        let norm = |b: &[u8]| {
            String::from_utf8_lossy(b)
                .trim_start_matches('\u{feff}')
                .replace("\r\n", "\n")
                .trim_end()
                .to_string()
        };
        let shown = path.display();
        let (given, expected) = (norm(&given), norm(&csv));
        if given == expected {
            println!(
                "{}",
                match lang {
                    Lang::Zh => format!("{shown}：与该考核的结果一致"),
                    Lang::En => format!("{shown}: the results of this assessment"),
                }
            );
        } else {
            ok = false;
            // Where, for whoever checks: the first line that differs.
            let first = given
                .lines()
                .zip(expected.lines())
                .enumerate()
                .find(|(_, (a, b))| a != b);
            let (lines, want) = (given.lines().count(), expected.lines().count());
            let detail = match (first, lang) {
                (Some((n, (a, b))), Lang::Zh) => {
                    format!("第{}行：文件中为“{a}”，按该考核应为“{b}”", n + 1)
                }
                (Some((n, (a, b))), Lang::En) => {
                    format!(
                        "line {}: the file has `{a}`, the assessment gives `{b}`",
                        n + 1
                    )
                }
                (None, Lang::Zh) => format!("文件有{lines}行，按该考核应有{want}行"),
                (None, Lang::En) => {
                    format!("the file has {lines} lines, the assessment gives {want}")
                }
            };
            println!(
                "{}",
                match lang {
                    Lang::Zh => format!(
                        "{shown}：与该考核的结果不一致（不是它的结果，或被改动过）；{detail}"
                    ),
                    Lang::En => format!(
                        "{shown}: not the results of this assessment (another's, or changed); {detail}"
                    ),
                }
            );
        }
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
