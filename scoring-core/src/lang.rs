//! Languages and bilingual text.
//!
//! Everything that reaches a person (indicator names, explanations, error
//! messages) exists in Chinese first and English second. The core never
//! decides which one a person reads: callers pass a [`Lang`].

use std::fmt;

/// The language a message is rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Simplified Chinese, the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Parses `zh` / `en` (also `zh-CN`, `en-US`, any case).
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase();
        if lower == "zh" || lower.starts_with("zh-") || lower.starts_with("zh_") {
            Some(Lang::Zh)
        } else if lower == "en" || lower.starts_with("en-") || lower.starts_with("en_") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The short code, `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Picks one of two strings.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// `1 working day`, `3 working days`: English counts of working days.
pub(crate) fn working_days(n: impl fmt::Display) -> String {
    let n = n.to_string();
    if n == "1" {
        "1 working day".to_string()
    } else {
        format!("{n} working days")
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text written in Chinese, optionally also in English.
///
/// When the English text is missing, [`Text::get`] falls back to Chinese:
/// a rubric written for a Chinese department need not be translated to be
/// usable.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Text {
    /// The Chinese text (required).
    pub zh: String,
    /// The English text, if the rubric gives one.
    pub en: Option<String>,
}

impl Text {
    /// A text with both languages.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: Some(en.into()),
        }
    }

    /// A text given only in Chinese.
    pub fn zh(zh: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: None,
        }
    }

    /// The text in `lang`, falling back to Chinese.
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => en,
            _ => &self.zh,
        }
    }
}

/// English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st…
pub fn ordinal_en(n: u64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_working_day_is_singular() {
        assert_eq!(super::working_days(1u32), "1 working day");
        assert_eq!(super::working_days(0u32), "0 working days");
        assert_eq!(super::working_days(20i64), "20 working days");
    }

    use super::*;

    #[test]
    fn ordinals() {
        let cases = [
            (1, "1st"),
            (2, "2nd"),
            (3, "3rd"),
            (4, "4th"),
            (11, "11th"),
            (12, "12th"),
            (13, "13th"),
            (21, "21st"),
            (22, "22nd"),
            (101, "101st"),
            (111, "111th"),
        ];
        for (n, want) in cases {
            assert_eq!(ordinal_en(n), want);
        }
    }

    #[test]
    fn text_falls_back_to_chinese() {
        let t = Text::zh("门户网站");
        assert_eq!(t.get(Lang::En), "门户网站");
        let t = Text::new("门户网站", "Portal");
        assert_eq!(t.get(Lang::En), "Portal");
        assert_eq!(t.get(Lang::Zh), "门户网站");
    }

    #[test]
    fn parse_lang() {
        assert_eq!(Lang::parse("ZH-cn"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
