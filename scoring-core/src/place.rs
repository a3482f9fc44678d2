//! How located errors name their place, the same way everywhere:
//! `dept6.csv 第3行第J列，处室“法规处”，咨询答复量（consultations_answered）：…`
//! `dept6.csv:3:10 (column J), office 法规处, input consultations_answered (Consultations answered): …`

use crate::dataset::column_letter;
use crate::lang::{Lang, Text};

/// Something named after the line and column.
pub(crate) enum Detail<'a> {
    /// An office.
    Office(&'a str),
    /// An input, with its label when known.
    Input(&'a str, Option<&'a Text>),
    /// An item of an item log.
    Item(&'a str),
}

/// The place, ending with the separator before the message.
pub(crate) fn prefix(
    lang: Lang,
    source: &str,
    line: Option<u32>,
    column: Option<u32>,
    details: &[Detail<'_>],
) -> String {
    let mut out = source.to_string();
    match lang {
        Lang::Zh => {
            if let Some(l) = line {
                out.push_str(&format!(" 第{l}行"));
            }
            if let Some(c) = column {
                out.push_str(&format!("第{}列", column_letter(c)));
            }
            for d in details {
                match d {
                    Detail::Office(o) => out.push_str(&format!("，处室“{o}”")),
                    Detail::Input(id, Some(label)) => {
                        out.push_str(&format!("，{}（{id}）", label.zh))
                    }
                    Detail::Input(id, None) => out.push_str(&format!("，{id}")),
                    Detail::Item(i) => out.push_str(&format!("，事项 {i}")),
                }
            }
            out.push('：');
        }
        Lang::En => {
            if let Some(l) = line {
                out.push_str(&format!(":{l}"));
                if let Some(c) = column {
                    out.push_str(&format!(":{c} (column {})", column_letter(c)));
                }
            }
            for d in details {
                match d {
                    Detail::Office(o) => out.push_str(&format!(", office {o}")),
                    Detail::Input(id, Some(label)) if label.en.is_some() => {
                        out.push_str(&format!(", input {id} ({})", label.get(Lang::En)))
                    }
                    Detail::Input(id, _) => out.push_str(&format!(", input {id}")),
                    Detail::Item(i) => out.push_str(&format!(", item {i}")),
                }
            }
            out.push_str(": ");
        }
    }
    out
}

/// Messages one per line.
pub(crate) fn lines<T>(items: &[T], message: impl Fn(&T) -> String) -> String {
    items.iter().map(message).collect::<Vec<_>>().join("\n")
}
