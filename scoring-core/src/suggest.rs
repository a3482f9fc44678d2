//! "Did you mean…?" for misspelt ids, keys and column headers.

/// The candidate closest to `word`, if it is close enough to be a likely
/// typo (edit distance at most a third of the word, and at least 1 allowed).
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let word_lower = word.to_lowercase();
    let length = word.chars().count();
    let limit = (length / 3).max(2);
    candidates
        .into_iter()
        // The distance is at least the difference in length: a long cell
        // of text is not compared letter by letter with every header (the
        // comparison takes the product of the lengths).
        .filter(|c| c.chars().count().abs_diff(length) <= limit)
        .map(|c| {
            (
                strsim::damerau_levenshtein(&word_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_near_misses_only() {
        let ids = ["decision_drafts", "opinion_reports", "site_visits"];
        assert_eq!(
            closest("decision_draft", ids).as_deref(),
            Some("decision_drafts")
        );
        assert_eq!(closest("site_vists", ids).as_deref(), Some("site_visits"));
        assert_eq!(closest("completely_else", ids), None);
        // Far longer than any candidate: none, without comparing.
        assert_eq!(closest(&"x".repeat(100_000), ids), None);
        assert_eq!(
            closest("咨询答复", ["咨询答复量", "子站访问量"]).as_deref(),
            Some("咨询答复量")
        );
    }
}
