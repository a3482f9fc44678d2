//! `scoring forms` and `scoring collect`: entry forms out to the offices,
//! returned forms merged into a new assessment file
//! (`scoring_formats::forms` decides; this prints).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use scoring_core::Lang;
use scoring_formats::assessment::AssessmentFile;
use scoring_formats::forms::{self, Collection};

use crate::error::CliError;
use crate::files;

fn load(path: &Path) -> Result<(AssessmentFile, scoring_core::Rubric, String), CliError> {
    let name = path.display().to_string();
    let file = AssessmentFile::from_json(&name, &files::read(path)?)?;
    let rubric = file.rubric(&name)?;
    Ok((file, rubric, name))
}

/// A file name for an office's form (characters Windows refuses replaced).
fn form_name(title: &str, office: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
            .collect()
    };
    format!("{}-{}-填报表.xlsx", clean(title), clean(office))
}

/// The assessment with each office's values as scored, as the page sends
/// and merges forms: the item log's counts where they stand (a choice
/// made, a blank filled) in place of the typed ones. An assessment that
/// does not score yet (a disagreement not chosen) is as typed.
fn as_scored(file: &AssessmentFile, name: &str) -> AssessmentFile {
    let mut out = file.clone();
    if let Ok((_, table, _, _)) = files::assessment_table(file, name, &[], &[]) {
        for office in &mut out.offices {
            if let Some(values) = forms::scored_cells(&table, &office.name) {
                office
                    .cells
                    .extend(values.into_iter().filter(|(_, v)| !v.is_empty()));
            }
        }
    }
    out
}

/// Writes one form per office into `out`; prints what it wrote.
pub fn write_forms(assessment: &Path, out: &Path, lang: Lang) -> Result<ExitCode, CliError> {
    let (file, rubric, name) = load(assessment)?;
    std::fs::create_dir_all(out).map_err(|source| CliError::Write {
        path: Some(out.to_path_buf()),
        source,
    })?;
    let scored = as_scored(&file, &name);
    for office in &scored.offices {
        let header = file.form_header(&rubric, &office.name);
        let evidence = forms::evidence_of(&office.cells);
        let book = forms::form_book(&rubric, &header, &office.cells, &evidence);
        let bytes = scoring_formats::write_book(&book)?;
        let path = out.join(form_name(&file.title, &office.name));
        files::write_output(Some(&path), &bytes)?;
        println!("{}", path.display());
    }
    eprintln!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "已写出 {} 份填报表（考核编号 {}）。各处室填好后交回，用 scoring collect 合并。",
                file.offices.len(),
                file.form_id()
            ),
            Lang::En => format!(
                "{} entry forms written (assessment id {}). Merge the returned ones with scoring collect.",
                file.offices.len(),
                file.form_id()
            ),
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes one feedback sheet per scored office into `out`, in ranking
/// order; prints what it wrote.
pub fn write_feedback(
    assessment: &Path,
    out: &Path,
    date: &str,
    lang: Lang,
) -> Result<ExitCode, CliError> {
    let name = assessment.display().to_string();
    let file = AssessmentFile::from_json(&name, &files::read(assessment)?)?;
    let (rubric, table, _, _) = files::assessment_table(&file, &name, &[], &[])?;
    let data = scoring_core::Dataset::from_table(&rubric, &table)?;
    let card = scoring_core::score(&rubric, &data)?;
    // Reviewed values as scored: an item log's count chosen over what an
    // office submitted is a reviewed difference too.
    let info = file.export_info(&rubric, date, &|office| forms::scored_cells(&table, office));
    std::fs::create_dir_all(out).map_err(|source| CliError::Write {
        path: Some(out.to_path_buf()),
        source,
    })?;
    for office in card.ranking() {
        let row = file.offices.iter().find(|o| o.name == office.name());
        // The office's own submitted values in place of the reviewed ones,
        // everyone else as reviewed.
        let self_assessed = match row {
            Some(o) if o.cells.keys().any(|k| k.starts_with("submitted:")) => {
                let mut own = file.clone();
                if let Some(me) = own.offices.iter_mut().find(|x| x.name == o.name) {
                    me.cells = forms::as_submitted(&me.cells);
                }
                // Its own counts, not the item log's chosen over them.
                let office = o.name.trim().to_string();
                own.counts_choice.retain(|(x, _)| *x != office);
                own.counts_choice
                    .push((office, scoring_core::items::CountsChoice::Typed));
                // Data the reviewed values made good may not score as
                // submitted (a value the rubric refuses): then the sheet
                // has no self-assessed total, and the others are written
                // all the same.
                files::assessment_dataset(&own, &name, &[], &[])
                    .ok()
                    .and_then(|(_, data, _, _)| scoring_core::score(&rubric, &data).ok())
                    .and_then(|card| card.find(&o.name).map(|x| rubric.publish(x.total())))
            }
            _ => None,
        };
        let feedback = scoring_formats::Feedback {
            self_assessed,
            evidence: row
                .map(|o| forms::evidence_of(&o.cells))
                .unwrap_or_default(),
        };
        let book = scoring_formats::book::feedback_book(
            &rubric,
            &data,
            &card,
            &info,
            office.ix(),
            &feedback,
            lang,
        );
        let path = out.join(
            form_name(&file.title, office.name())
                .replace("填报表", lang.pick("反馈表", "feedback")),
        );
        files::write_output(Some(&path), &scoring_formats::write_book(&book)?)?;
        println!("{}", path.display());
    }
    if file.approval.is_none() {
        eprintln!(
            "{}",
            lang.pick(
                "注意：该考核尚未审定，反馈表上已注明结果可能还会变动。",
                "Note: the assessment is not approved; the sheets say the results may still change."
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The merge preview, as text.
pub fn preview_text(c: &Collection, lang: Lang) -> String {
    let mut s = String::new();
    let blank = |t: &str| -> String {
        if t.is_empty() {
            lang.pick("（空）", "(blank)").to_string()
        } else {
            t.to_string()
        }
    };
    for a in &c.accepted {
        let h = &a.form.header;
        let mut line = match lang {
            Lang::Zh => format!("{}：处室“{}”", a.form.file, h.office),
            Lang::En => format!("{}: office {}", a.form.file, h.office),
        };
        if let Some(when) = &a.form.modified {
            line.push_str(&match lang {
                Lang::Zh => format!("（修改于 {when}）"),
                Lang::En => format!(" (modified {when})"),
            });
        }
        if let Some(later) = &a.superseded_by {
            line.push_str(&match lang {
                Lang::Zh => format!("——同一处室还有更晚的填报表 {later}，以后者为准，本表不合并"),
                Lang::En => format!(
                    " — a later form for the same office, {later}, is used instead; this one is not merged"
                ),
            });
        }
        if a.form.fixed_changed {
            line.push_str(lang.pick(
                "——注意：表中固定内容（表头、填报项等）被改动过",
                " — note: the form's fixed parts (its header, the items) were changed",
            ));
        }
        s.push_str(&line);
        s.push('\n');
        if !a.changes_anything() {
            s.push_str(lang.pick("  没有改变任何数值\n", "  changes no value\n"));
        }
        for ch in &a.changes {
            s.push_str(&format!(
                "  {}: {} → {}\n",
                ch.input,
                blank(&ch.old),
                ch.new
            ));
        }
        for k in &a.conflicts {
            s.push_str(&match lang {
                Lang::Zh => format!(
                    "  {}: 下发后您已改为 {}，处室填报 {}（下发时为 {}）——确认后用处室的值\n",
                    k.input,
                    blank(&k.now),
                    k.new,
                    blank(&k.sent)
                ),
                Lang::En => format!(
                    "  {}: you changed it to {} since the form was sent, the office gives {} (sent as {}); confirmed, the office's value is used\n",
                    k.input,
                    blank(&k.now),
                    k.new,
                    blank(&k.sent)
                ),
            });
        }
        for k in &a.kept {
            s.push_str(&match lang {
                Lang::Zh => format!(
                    "  {}: 处室未改动（表中为 {}），保留您改过的 {}\n",
                    k.input,
                    blank(&k.sent),
                    blank(&k.now)
                ),
                Lang::En => format!(
                    "  {}: left as sent by the office ({}); your {} is kept\n",
                    k.input,
                    blank(&k.sent),
                    blank(&k.now)
                ),
            });
        }
        for (input, note) in &a.evidence {
            s.push_str(&match lang {
                Lang::Zh => format!("  {input} 佐证材料：{note}\n"),
                Lang::En => format!("  {input} evidence: {note}\n"),
            });
        }
    }
    for r in &c.refused {
        s.push_str(&match lang {
            Lang::Zh => format!("未合并：{}\n", r.message(lang)),
            Lang::En => format!("refused: {}\n", r.message(lang)),
        });
    }
    if !c.missing.is_empty() {
        s.push_str(&match lang {
            Lang::Zh => format!(
                "尚未交回或未能合并（{}）：{}\n",
                c.missing.len(),
                c.missing.join("、")
            ),
            Lang::En => format!(
                "not returned, or not mergeable, yet ({}): {}\n",
                c.missing.len(),
                c.missing.join(", ")
            ),
        });
    }
    s
}

/// Merges returned forms into a new assessment file; exit 2 when anything
/// was refused, or flagged and not accepted.
pub fn collect(
    assessment: &Path,
    forms_given: &[PathBuf],
    output: &Path,
    accept_flagged: bool,
    lang: Lang,
) -> Result<ExitCode, CliError> {
    let (mut file, rubric, source) = load(assessment)?;
    if same_file(assessment, output) {
        eprintln!(
            "{}",
            lang.pick(
                "合并结果须写入新的考核文件（-o），不会覆盖原考核文件。",
                "The merged assessment goes to a new file (-o); the original is never written over.",
            )
        );
        return Ok(ExitCode::from(2));
    }
    let mut read = Vec::new();
    for path in forms_given {
        let name = path.display().to_string();
        let table =
            files::read(path).and_then(|bytes| Ok(scoring_formats::read_table(&name, &bytes)?));
        let table = match table {
            Ok(t) => Ok(t),
            Err(CliError::Format(e)) => Err(e),
            Err(e) => return Err(e),
        };
        // When it was last modified: of two forms for one office, the
        // later one wins.
        let modified = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| jiff::Timestamp::try_from(t).ok())
            .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string());
        read.push(forms::ReturnedFile {
            name,
            modified,
            table,
        });
    }
    // Held against the values as scored, as they were sent.
    let collection = forms::collect(&as_scored(&file, &source), &rubric, read);
    print!("{}", preview_text(&collection, lang));
    if collection.flagged() && !accept_flagged {
        eprintln!(
            "{}",
            lang.pick(
                "有需要确认的填报表（见上）：确认后加 --accept-flagged 重新运行。未写出任何文件。",
                "Some forms need confirming (above): run again with --accept-flagged. Nothing was written.",
            )
        );
        return Ok(ExitCode::from(2));
    }
    let now = jiff::Timestamp::now().to_string();
    let changed = forms::merge(&mut file, &collection, &now);
    files::write_output(Some(output), &file.to_json())?;
    eprintln!(
        "{}",
        match lang {
            Lang::Zh => format!("已写出 {}：合并 {changed} 个单元格。", output.display()),
            Lang::En => format!("{} written: {changed} cells merged.", output.display()),
        }
    );
    Ok(if collection.refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
